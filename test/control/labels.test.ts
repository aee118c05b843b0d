import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SelectorError,
  dns1035LabelError,
  dns1123LabelError,
  dns1123SubdomainError,
  fieldMatches,
  formatLabelSelector,
  labelKeyError,
  labelSelectorErrors,
  labelSelectorRequirements,
  labelValueError,
  matches,
  nameError,
  parseFieldSelector,
  parseLabelSelector,
  pathSegmentNameError,
  type Requirement,
} from '../../src/control/labels.ts';

describe('parseLabelSelector', () => {
  const cases: [string, Requirement[]][] = [
    ['', []],
    ['   ', []],
    ['a=b', [{ key: 'a', op: '=', values: ['b'] }]],
    ['a==b', [{ key: 'a', op: '=', values: ['b'] }]],
    ['a!=b', [{ key: 'a', op: '!=', values: ['b'] }]],
    ['a=', [{ key: 'a', op: '=', values: [''] }]],
    ['a', [{ key: 'a', op: 'exists', values: [] }]],
    ['!a', [{ key: 'a', op: '!exists', values: [] }]],
    ['a in (x,y)', [{ key: 'a', op: 'in', values: ['x', 'y'] }]],
    ['a in(y, x, y)', [{ key: 'a', op: 'in', values: ['x', 'y'] }]],
    ['a notin (x)', [{ key: 'a', op: 'notin', values: ['x'] }]],
    ['a in (x,)', [{ key: 'a', op: 'in', values: ['', 'x'] }]],
    ['a in ()', [{ key: 'a', op: 'in', values: [''] }]],
    ['a>1', [{ key: 'a', op: 'gt', values: ['1'] }]],
    ['a < 10', [{ key: 'a', op: 'lt', values: ['10'] }]],
    [
      ' app = web , tier!=db,  env in ( prod , qa ) , ! canary , track ',
      [
        { key: 'app', op: '=', values: ['web'] },
        { key: 'tier', op: '!=', values: ['db'] },
        { key: 'env', op: 'in', values: ['prod', 'qa'] },
        { key: 'canary', op: '!exists', values: [] },
        { key: 'track', op: 'exists', values: [] },
      ],
    ],
    ['app.kubernetes.io/name=nginx', [{ key: 'app.kubernetes.io/name', op: '=', values: ['nginx'] }]],
    ['in=notin', [{ key: 'in', op: '=', values: ['notin'] }]],
    ['x in (in,notin)', [{ key: 'x', op: 'in', values: ['in', 'notin'] }]],
  ];
  for (const [s, want] of cases) {
    it(`parses ${JSON.stringify(s)}`, () => expect(parseLabelSelector(s)).toEqual(want));
  }

  const bad: [string, RegExp][] = [
    ['a=b=c', /position 3: found "="/],
    ['a in x', /found "x", expected "\(" after "in"/],
    ['a in (x y)', /found "y", expected "," or "\)"/],
    ['a in (x', /found end of selector/],
    ['a,', /expected a requirement after ","/],
    [',a', /position 0: found ","/],
    ['a b', /found "b"/],
    ['!', /expected a key after "!"/],
    ['!a=b', /found "="/],
    ['a>b', /value "b" for key "a": for '>' the value must be an integer/],
    ['a>', /expected an integer/],
    ['-a=b', /key "-a"/],
    ['a/b/c=d', /key "a\/b\/c"/],
    ['a=b/c', /value "b\/c" for key "a"/],
    [`a=${'x'.repeat(64)}`, /must be no more than 63 characters/],
    ['a in (x,-y)', /value "-y"/],
    ['(a)', /position 0: found "\("/],
    ['a=(b)', /found "\("/],
  ];
  for (const [s, re] of bad) {
    it(`rejects ${JSON.stringify(s)}`, () => {
      expect(() => parseLabelSelector(s)).toThrow(SelectorError);
      expect(() => parseLabelSelector(s)).toThrow(re);
    });
  }

  it('reads back what formatLabelSelector writes', () => {
    const word = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,8}[a-z0-9])?$/);
    const req: fc.Arbitrary<Requirement> = fc.oneof(
      fc.record({ key: word, op: fc.constantFrom('=' as const, '!=' as const), values: fc.tuple(word) }),
      fc.record({ key: word, op: fc.constantFrom('exists' as const, '!exists' as const), values: fc.constant([] as string[]) }),
      fc.record({ key: word, op: fc.constantFrom('in' as const, 'notin' as const), values: fc.uniqueArray(word, { minLength: 1, maxLength: 4 }).map((v) => [...v].sort()) }),
      fc.record({ key: word, op: fc.constantFrom('gt' as const, 'lt' as const), values: fc.tuple(fc.nat().map(String)) }),
    );
    fc.assert(
      fc.property(fc.array(req, { maxLength: 5 }), (reqs) => {
        expect(parseLabelSelector(formatLabelSelector(reqs))).toEqual(reqs);
      }),
    );
  });

  it('never throws anything but SelectorError', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '=', '!', '(', ')', ',', ' ', 'in', 'notin', '/', '.', '<', '>', '1') , maxLength: 20 }), (s) => {
        try {
          parseLabelSelector(s);
        } catch (e) {
          expect(e).toBeInstanceOf(SelectorError);
        }
      }),
    );
  });
});

describe('matches', () => {
  const labels = { app: 'web', tier: 'front', n: '5' };
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', labels, true],
    ['', undefined, true],
    ['app=web', labels, true],
    ['app=db', labels, false],
    ['app!=db', labels, true],
    ['missing!=x', labels, true],
    ['app!=web', labels, false],
    ['app in (web,db)', labels, true],
    ['app notin (web)', labels, false],
    ['missing notin (web)', labels, true],
    ['missing in (web)', labels, false],
    ['app', labels, true],
    ['missing', labels, false],
    ['!missing', labels, true],
    ['!app', labels, false],
    ['n>4', labels, true],
    ['n>5', labels, false],
    ['n<6', labels, true],
    ['app>1', labels, false],
    ['missing<1', labels, false],
    ['app=web,tier=front', labels, true],
    ['app=web,tier=back', labels, false],
    ['app=web', undefined, false],
    ['!app', undefined, true],
    ['constructor', {}, false],
    ['toString!=x', {}, true],
  ];
  for (const [s, ls, want] of cases) {
    it(`${JSON.stringify(s)} on ${JSON.stringify(ls)} is ${want}`, () => expect(matches(parseLabelSelector(s), ls)).toBe(want));
  }
});

describe('labelSelectorRequirements', () => {
  it('turns matchLabels and matchExpressions into requirements', () => {
    const reqs = labelSelectorRequirements({
      matchLabels: { app: 'nginx' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['b', 'a'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'x', operator: 'Exists' },
        { key: 'y', operator: 'DoesNotExist', values: [] },
      ],
    });
    expect(reqs).toEqual([
      { key: 'app', op: '=', values: ['nginx'] },
      { key: 'tier', op: 'in', values: ['a', 'b'] },
      { key: 'env', op: 'notin', values: ['dev'] },
      { key: 'x', op: 'exists', values: [] },
      { key: 'y', op: '!exists', values: [] },
    ]);
    expect(matches(reqs, { app: 'nginx', tier: 'a', x: '' })).toBe(true);
    expect(matches(reqs, { app: 'nginx', tier: 'a', x: '', y: '1' })).toBe(false);
    expect(matches(reqs, { app: 'nginx', tier: 'a', x: '', env: 'dev' })).toBe(false);
  });

  it('an empty selector matches everything', () => {
    expect(labelSelectorRequirements({})).toEqual([]);
    expect(matches(labelSelectorRequirements({ matchLabels: {}, matchExpressions: [] }), { a: 'b' })).toBe(true);
  });

  it('throws SelectorError naming the bad part', () => {
    expect(() => labelSelectorRequirements({ matchExpressions: [{ key: 'a', operator: 'Foo', values: ['x'] }] })).toThrow(/matchExpressions\[0\]\.operator: unsupported value "Foo"/);
    expect(() => labelSelectorRequirements({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(/matchExpressions\[0\]\.values: must be specified/);
    expect(() => labelSelectorRequirements({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toThrow(/may not be specified/);
    expect(() => labelSelectorRequirements({ matchLabels: { 'bad key': 'x' } })).toThrow(/matchLabels\[bad key\]: key: name part must consist/);
    expect(() => labelSelectorRequirements({ matchLabels: { a: 'bad value' } })).toThrow(SelectorError);
  });

  it('labelSelectorErrors never throws and reports relative paths', () => {
    expect(labelSelectorErrors(undefined)).toEqual([]);
    expect(labelSelectorErrors('x')).toEqual([{ path: '', reason: 'must be an object' }]);
    expect(labelSelectorErrors({ matchLabels: [], matchExpressions: {} }).map((e) => e.path)).toEqual(['matchLabels', 'matchExpressions']);
    expect(labelSelectorErrors({ matchExpressions: [null, { operator: 'In', values: ['a', 7] }] }).map((e) => e.path)).toEqual([
      'matchExpressions[0]',
      'matchExpressions[1].key',
      'matchExpressions[1].values[1]',
    ]);
    fc.assert(fc.property(fc.jsonValue(), (v) => void labelSelectorErrors(v)));
  });
});

describe('field selectors', () => {
  it('parses', () => {
    expect(parseFieldSelector('')).toEqual([]);
    expect(parseFieldSelector('metadata.name=foo')).toEqual([{ field: 'metadata.name', op: '=', value: 'foo' }]);
    expect(parseFieldSelector('status.phase==Running, spec.nodeName!=')).toEqual([
      { field: 'status.phase', op: '=', value: 'Running' },
      { field: 'spec.nodeName', op: '!=', value: '' },
    ]);
    expect(parseFieldSelector('a=x\\,y\\=z')).toEqual([{ field: 'a', op: '=', value: 'x,y=z' }]);
  });
  it('rejects', () => {
    expect(() => parseFieldSelector('a')).toThrow(/"a" has no operator/);
    expect(() => parseFieldSelector('a=b,')).toThrow(/empty requirement/);
    expect(() => parseFieldSelector('=b')).toThrow(/no field name/);
    expect(() => parseFieldSelector('a=b=c')).toThrow(/unescaped operator/);
    expect(() => parseFieldSelector('a=b\\q')).toThrow(/invalid escape/);
  });
  it('matches', () => {
    const pod: Record<string, string> = { 'metadata.name': 'p', 'status.phase': 'Running' };
    const get = (f: string) => pod[f];
    expect(fieldMatches(parseFieldSelector('status.phase=Running'), get)).toBe(true);
    expect(fieldMatches(parseFieldSelector('status.phase!=Running'), get)).toBe(false);
    expect(fieldMatches(parseFieldSelector('spec.nodeName='), get)).toBe(true);
    expect(fieldMatches(parseFieldSelector('spec.nodeName!='), get)).toBe(false);
    expect(fieldMatches(parseFieldSelector('metadata.name=p,status.phase=Pending'), get)).toBe(false);
    expect(fieldMatches([], get)).toBe(true);
  });
});

describe('syntax checks', () => {
  it('label keys', () => {
    for (const ok of ['a', 'A', 'app.kubernetes.io/name', 'k8s.io/x_Y-z.1', 'x'.repeat(63), `${'a'.repeat(253)}/b`]) expect(labelKeyError(ok)).toBeUndefined();
    expect(labelKeyError('')).toBe('name part must be non-empty');
    expect(labelKeyError('/a')).toBe('prefix part must be non-empty');
    expect(labelKeyError('a/')).toBe('name part must be non-empty');
    expect(labelKeyError('x'.repeat(64))).toBe('name part must be no more than 63 characters');
    expect(labelKeyError('Bad.Prefix/a')).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(labelKeyError('-a')).toMatch(/^name part must consist of alphanumeric/);
    expect(labelKeyError('a/b/c')).toMatch(/^a qualified name/);
    expect(labelKeyError(5)).toBe('must be a string');
  });
  it('label values', () => {
    for (const ok of ['', 'a', 'A-b_c.d', 'x'.repeat(63)]) expect(labelValueError(ok)).toBeUndefined();
    expect(labelValueError('x'.repeat(64))).toBe('must be no more than 63 characters');
    for (const bad of ['-a', 'a-', 'a b', 'a/b', '_']) expect(labelValueError(bad)).toMatch(/^a valid label must be an empty string/);
  });
  it('DNS names', () => {
    expect(dns1123LabelError('my-name')).toBeUndefined();
    expect(dns1123LabelError('123-abc')).toBeUndefined();
    expect(dns1123LabelError('My-name')).toBe(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
    );
    expect(dns1123LabelError('a.b')).toMatch(/RFC 1123 label/);
    expect(dns1123LabelError('a'.repeat(64))).toBe('must be no more than 63 characters');
    expect(dns1123SubdomainError('a.b-c.d')).toBeUndefined();
    expect(dns1123SubdomainError('a..b')).toMatch(/RFC 1123 subdomain/);
    expect(dns1123SubdomainError('')).toMatch(/RFC 1123 subdomain/);
    expect(dns1123SubdomainError('a'.repeat(254))).toBe('must be no more than 253 characters');
    expect(dns1035LabelError('web-1')).toBeUndefined();
    expect(dns1035LabelError('1web')).toMatch(/DNS-1035 label.*start with an alphabetic character/);
    expect(pathSegmentNameError('a/b')).toBe("may not contain '/'");
    expect(pathSegmentNameError('..')).toBe("may not be '..'");
    expect(nameError('dns1035Label', 'web')).toBeUndefined();
    expect(nameError('dns1123Label', 'a.b')).toBeDefined();
    expect(nameError('dns1123Subdomain', 'a.b')).toBeUndefined();
  });
});
