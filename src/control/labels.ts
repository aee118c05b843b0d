// Label and field selectors, and the name/label syntax checks Kubernetes applies everywhere.
// Pure: no I/O, no imports. Selector strings follow Kubernetes' syntax (`a=b,c!=d,e in (x,y),!f`);
// LabelSelector objects are the JSON form (`matchLabels` + `matchExpressions`).

export type Requirement = {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!exists' | '=' | '!=' | 'gt' | 'lt';
  values: string[];
};

export type FieldRequirement = { field: string; op: '=' | '!='; value: string };

/** A malformed selector (string or object); the message names the offending part. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

// ---------------------------------------------------------------------------------------------
// Syntax checks. Each returns a short reason when the value is invalid, undefined when it is fine.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const tooLong = (max: number) => `must be no more than ${max} characters`;

export function dns1123LabelError(s: unknown): string | undefined {
  if (typeof s !== 'string') return 'must be a string';
  if (s.length > 63) return tooLong(63);
  if (!DNS1123_LABEL.test(s)) return DNS1123_LABEL_MSG;
  return undefined;
}

export function dns1123SubdomainError(s: unknown): string | undefined {
  if (typeof s !== 'string') return 'must be a string';
  if (s.length > 253) return tooLong(253);
  if (!DNS1123_SUBDOMAIN.test(s)) return DNS1123_SUBDOMAIN_MSG;
  return undefined;
}

/** Service names (and anything that must be usable as a DNS name's first label). */
export function dns1035LabelError(s: unknown): string | undefined {
  if (typeof s !== 'string') return 'must be a string';
  if (s.length > 63) return tooLong(63);
  if (!DNS1035_LABEL.test(s)) return DNS1035_LABEL_MSG;
  return undefined;
}

/** A name that is one segment of a URL path (Kubernetes uses this for a few kinds, e.g. HPA). */
export function pathSegmentNameError(s: unknown): string | undefined {
  if (typeof s !== 'string') return 'must be a string';
  if (s === '.' || s === '..') return `may not be '${s}'`;
  if (s.includes('/')) return "may not contain '/'";
  if (s.includes('%')) return "may not contain '%'";
  return undefined;
}

/**
 * A qualified name: an optional DNS-1123 subdomain prefix (<= 253) and '/', then a name
 * (<= 63) of alphanumerics, '-', '_', '.', starting and ending alphanumeric. Used for label
 * and annotation keys, resource names, finalizers.
 */
export function qualifiedNameError(k: unknown): string | undefined {
  if (typeof k !== 'string') return 'must be a string';
  const parts = k.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) return 'prefix part must be non-empty';
    const p = dns1123SubdomainError(prefix);
    if (p) return `prefix part ${p}`;
  } else {
    return `a qualified name ${QUALIFIED_NAME_MSG}, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return `name part ${tooLong(63)}`;
  if (!QUALIFIED_NAME_PART.test(name)) return `name part ${QUALIFIED_NAME_MSG}`;
  return undefined;
}

/** A label key: a qualified name. */
export function labelKeyError(k: unknown): string | undefined {
  return qualifiedNameError(k);
}

/** A label value: empty, or <= 63 alphanumerics, '-', '_', '.', starting and ending alphanumeric. */
export function labelValueError(v: unknown): string | undefined {
  if (typeof v !== 'string') return 'must be a string';
  if (v.length > 63) return tooLong(63);
  if (!LABEL_VALUE.test(v)) return LABEL_VALUE_MSG;
  return undefined;
}

export type NameRule = 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label' | 'pathSegment';

/** The object-name check for a rule (see kindRules[kind].name). */
export function nameError(rule: NameRule, name: unknown): string | undefined {
  switch (rule) {
    case 'dns1123Subdomain':
      return dns1123SubdomainError(name);
    case 'dns1123Label':
      return dns1123LabelError(name);
    case 'dns1035Label':
      return dns1035LabelError(name);
    case 'pathSegment':
      return pathSegmentNameError(name);
  }
}

// ---------------------------------------------------------------------------------------------
// Label selector strings.

type TokKind = 'id' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '!=' | '=' | '==' | '>' | '<' | 'eof';
type Tok = { kind: TokKind; text: string; pos: number };

const SPECIAL = new Set(['!', '=', '(', ')', ',', '<', '>']);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

function lex(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (SPECIAL.has(c)) {
      const two = s.slice(i, i + 2);
      if (two === '!=' || two === '==') {
        toks.push({ kind: two, text: two, pos: i });
        i += 2;
      } else {
        toks.push({ kind: c as TokKind, text: c, pos: i });
        i++;
      }
      continue;
    }
    const start = i;
    while (i < s.length && !isSpace(s[i]) && !SPECIAL.has(s[i])) i++;
    const text = s.slice(start, i);
    toks.push({ kind: text === 'in' ? 'in' : text === 'notin' ? 'notin' : 'id', text, pos: start });
  }
  toks.push({ kind: 'eof', text: '', pos: s.length });
  return toks;
}

/** Identifiers, including the words `in`/`notin` where a key or value is expected. */
const isWord = (t: Tok) => t.kind === 'id' || t.kind === 'in' || t.kind === 'notin';

/**
 * Parses a label selector string. The empty (or all-blank) string selects everything and gives
 * no requirements. Throws SelectorError on bad syntax or an invalid key or value.
 */
export function parseLabelSelector(s: string): Requirement[] {
  if (typeof s !== 'string') throw new SelectorError('label selector must be a string');
  const toks = lex(s);
  let i = 0;
  const peek = () => toks[i];
  const next = () => toks[i++];
  const fail = (t: Tok, expected: string): never => {
    const found = t.kind === 'eof' ? 'end of selector' : `"${t.text}"`;
    throw new SelectorError(`invalid label selector "${s}": at position ${t.pos}: found ${found}, expected ${expected}`);
  };
  const checkKey = (t: Tok) => {
    const e = labelKeyError(t.text);
    if (e) throw new SelectorError(`invalid label selector "${s}": key "${t.text}": ${e}`);
  };
  const checkValue = (key: string, v: string) => {
    const e = labelValueError(v);
    if (e) throw new SelectorError(`invalid label selector "${s}": value "${v}" for key "${key}": ${e}`);
  };

  const reqs: Requirement[] = [];
  if (peek().kind === 'eof') return reqs;
  for (;;) {
    let t = next();
    if (t.kind === '!') {
      const k = next();
      if (!isWord(k)) fail(k, 'a key after "!"');
      checkKey(k);
      reqs.push({ key: k.text, op: '!exists', values: [] });
    } else {
      if (!isWord(t)) fail(t, 'a key or "!"');
      checkKey(t);
      const key = t.text;
      const op = peek();
      switch (op.kind) {
        case 'eof':
        case ',':
          reqs.push({ key, op: 'exists', values: [] });
          break;
        case '=':
        case '==':
        case '!=': {
          next();
          const v = peek();
          let value = '';
          if (isWord(v)) value = next().text;
          else if (v.kind !== 'eof' && v.kind !== ',') fail(v, `a value after "${op.text}"`);
          checkValue(key, value);
          reqs.push({ key, op: op.kind === '!=' ? '!=' : '=', values: [value] });
          break;
        }
        case '>':
        case '<': {
          next();
          const v = next();
          if (!isWord(v)) fail(v, `an integer after "${op.text}"`);
          if (!/^[+-]?\d+$/.test(v.text)) {
            throw new SelectorError(`invalid label selector "${s}": value "${v.text}" for key "${key}": for '${op.text}' the value must be an integer`);
          }
          checkValue(key, v.text);
          reqs.push({ key, op: op.kind === '>' ? 'gt' : 'lt', values: [v.text] });
          break;
        }
        case 'in':
        case 'notin': {
          next();
          const open = next();
          if (open.kind !== '(') fail(open, `"(" after "${op.text}"`);
          const values: string[] = [];
          for (;;) {
            const v = peek();
            if (isWord(v)) {
              next();
              values.push(v.text);
            } else if (v.kind === ',' || v.kind === ')') {
              values.push(''); // an empty item, as in `a in (x,)` or `a in ()`
            } else {
              fail(v, 'a value, "," or ")"');
            }
            const sep = next();
            if (sep.kind === ')') break;
            if (sep.kind !== ',') fail(sep, '"," or ")"');
          }
          for (const v of values) checkValue(key, v);
          reqs.push({ key, op: op.kind, values: [...new Set(values)].sort() });
          break;
        }
        default:
          fail(op, '"=", "==", "!=", "in", "notin", ",", or the end');
      }
    }
    t = next();
    if (t.kind === 'eof') return reqs;
    if (t.kind !== ',') fail(t, '"," or the end');
    if (peek().kind === 'eof') fail(peek(), 'a requirement after ","');
  }
}

/** The selector string for a list of requirements (parseLabelSelector reads it back). */
export function formatLabelSelector(reqs: Requirement[]): string {
  return reqs
    .map((r) => {
      switch (r.op) {
        case 'exists':
          return r.key;
        case '!exists':
          return `!${r.key}`;
        case '=':
        case '!=':
          return `${r.key}${r.op}${r.values[0] ?? ''}`;
        case 'gt':
          return `${r.key}>${r.values[0] ?? ''}`;
        case 'lt':
          return `${r.key}<${r.values[0] ?? ''}`;
        case 'in':
        case 'notin':
          return `${r.key} ${r.op} (${r.values.join(',')})`;
      }
    })
    .join(',');
}

// ---------------------------------------------------------------------------------------------
// LabelSelector objects.

export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every problem in a LabelSelector object, paths relative to the selector
 * (`matchLabels[app]`, `matchExpressions[0].operator`). Never throws, whatever the input.
 */
export function labelSelectorErrors(sel: unknown): { path: string; reason: string }[] {
  const errs: { path: string; reason: string }[] = [];
  if (sel === undefined || sel === null) return errs;
  if (!isObj(sel)) return [{ path: '', reason: 'must be an object' }];
  const ml = sel.matchLabels;
  if (ml !== undefined && ml !== null) {
    if (!isObj(ml)) errs.push({ path: 'matchLabels', reason: 'must be an object' });
    else {
      for (const [k, v] of Object.entries(ml)) {
        const ke = labelKeyError(k);
        if (ke) errs.push({ path: `matchLabels[${k}]`, reason: `key: ${ke}` });
        const ve = labelValueError(v);
        if (ve) errs.push({ path: `matchLabels[${k}]`, reason: `value ${JSON.stringify(v)}: ${ve}` });
      }
    }
  }
  const me = sel.matchExpressions;
  if (me !== undefined && me !== null) {
    if (!Array.isArray(me)) errs.push({ path: 'matchExpressions', reason: 'must be a list' });
    else {
      me.forEach((e, i) => {
        const p = `matchExpressions[${i}]`;
        if (!isObj(e)) {
          errs.push({ path: p, reason: 'must be an object' });
          return;
        }
        if (e.key === undefined || e.key === '') errs.push({ path: `${p}.key`, reason: 'required' });
        else {
          const ke = labelKeyError(e.key);
          if (ke) errs.push({ path: `${p}.key`, reason: ke });
        }
        const values = e.values ?? [];
        if (!Array.isArray(values)) {
          errs.push({ path: `${p}.values`, reason: 'must be a list' });
          return;
        }
        switch (e.operator) {
          case 'In':
          case 'NotIn':
            if (values.length === 0) errs.push({ path: `${p}.values`, reason: "must be specified when `operator` is 'In' or 'NotIn'" });
            break;
          case 'Exists':
          case 'DoesNotExist':
            if (values.length > 0) errs.push({ path: `${p}.values`, reason: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
            break;
          case undefined:
          case '':
            errs.push({ path: `${p}.operator`, reason: 'required' });
            break;
          default:
            errs.push({ path: `${p}.operator`, reason: `unsupported value ${JSON.stringify(e.operator)}: supported values: "In", "NotIn", "Exists", "DoesNotExist"` });
        }
        values.forEach((v, j) => {
          const ve = labelValueError(v);
          if (ve) errs.push({ path: `${p}.values[${j}]`, reason: `value ${JSON.stringify(v)}: ${ve}` });
        });
      });
    }
  }
  return errs;
}

/**
 * The requirements of a LabelSelector object (matchLabels as `=`, matchExpressions' In, NotIn,
 * Exists, DoesNotExist). An empty selector ({}) gives no requirements and so matches everything;
 * a missing (nil) selector, which Kubernetes treats as matching nothing in most places, is the
 * caller's concern. Throws SelectorError naming the first bad part.
 */
export function labelSelectorRequirements(sel: LabelSelector | Record<string, unknown>): Requirement[] {
  const errs = labelSelectorErrors(sel);
  if (errs.length > 0) {
    const e = errs[0];
    throw new SelectorError(`invalid label selector: ${e.path ? `${e.path}: ` : ''}${e.reason}`);
  }
  const reqs: Requirement[] = [];
  const s = sel as LabelSelector;
  if (s.matchLabels) for (const [k, v] of Object.entries(s.matchLabels)) reqs.push({ key: k, op: '=', values: [v] });
  for (const e of s.matchExpressions ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!exists' } as const)[e.operator as 'In'];
    reqs.push({ key: e.key, op, values: op === 'in' || op === 'notin' ? [...new Set(e.values ?? [])].sort() : [] });
  }
  return reqs;
}

const INT = /^[+-]?\d+$/;

/** Whether labels satisfy every requirement; an empty list matches everything. */
export function matches(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const ls = labels ?? {};
  for (const r of reqs) {
    const has = Object.hasOwn(ls, r.key);
    const v = has ? ls[r.key] : undefined;
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
      case '=':
      case 'in':
        if (!has || !r.values.includes(v as string)) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(v as string)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || typeof v !== 'string' || !INT.test(v) || r.values.length !== 1 || !INT.test(r.values[0])) return false;
        const a = BigInt(v);
        const b = BigInt(r.values[0]);
        if (r.op === 'gt' ? !(a > b) : !(a < b)) return false;
        break;
      }
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Field selectors: `a=b`, `a==b`, `a!=b`, comma-separated. In a value, `\,`, `\=`, `\!` and `\\`
// stand for the character itself (as in Kubernetes).

export function parseFieldSelector(s: string): FieldRequirement[] {
  if (typeof s !== 'string') throw new SelectorError('field selector must be a string');
  const reqs: FieldRequirement[] = [];
  if (s.trim() === '') return reqs;
  // Split on unescaped commas.
  const terms: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === ',') {
      terms.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  terms.push(cur);
  for (const raw of terms) {
    const term = raw.trim();
    if (term === '') throw new SelectorError(`invalid field selector "${s}": empty requirement`);
    let at = -1;
    let op: '=' | '!=' | '==' = '=';
    for (let i = 0; i < term.length; i++) {
      if (term[i] === '\\') {
        i++;
        continue;
      }
      if (term.startsWith('!=', i)) op = '!=';
      else if (term.startsWith('==', i)) op = '==';
      else if (term[i] === '=') op = '=';
      else continue;
      at = i;
      break;
    }
    if (at < 0) throw new SelectorError(`invalid field selector "${s}": "${term}" has no operator ("=", "==" or "!=")`);
    const field = term.slice(0, at).trim();
    const rawValue = term.slice(at + op.length).trim();
    if (field === '') throw new SelectorError(`invalid field selector "${s}": "${term}" has no field name`);
    let value = '';
    for (let i = 0; i < rawValue.length; i++) {
      const c = rawValue[i];
      if (c === '\\') {
        const n = rawValue[i + 1];
        if (n !== '\\' && n !== ',' && n !== '=' && n !== '!') {
          throw new SelectorError(`invalid field selector "${s}": invalid escape sequence in value "${rawValue}"`);
        }
        value += n;
        i++;
      } else if (c === '=' || c === '!') {
        throw new SelectorError(`invalid field selector "${s}": unescaped operator in value "${rawValue}" of "${field}"`);
      } else {
        value += c;
      }
    }
    reqs.push({ field, op: op === '!=' ? '!=' : '=', value });
  }
  return reqs;
}

/**
 * Whether an object's fields satisfy every requirement; an empty list matches everything. A
 * field the getter does not know (undefined) compares as the empty string, as in Kubernetes.
 */
export function fieldMatches(reqs: FieldRequirement[], getter: (field: string) => string | undefined): boolean {
  for (const r of reqs) {
    const v = getter(r.field) ?? '';
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
