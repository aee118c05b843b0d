import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkLinearizable, type HistoryEntry, type KvOp } from '../../chaos/linearizability.ts';
import { HistoryRecorder } from '../../chaos/history-recorder.ts';

// ret undefined: the outcome is unknown
const U = undefined;
const put = (client: number, key: string, value: string, call: number, ret: number | undefined): HistoryEntry => ({
  client,
  op: { kind: 'put', key, value },
  call,
  ret,
});
const get = (client: number, key: string, output: string | null, call: number, ret: number | undefined): HistoryEntry => ({
  client,
  op: { kind: 'get', key },
  call,
  ret,
  output,
});
const cas = (
  client: number,
  key: string,
  expected: string | null,
  value: string,
  output: boolean | undefined,
  call: number,
  ret: number | undefined,
): HistoryEntry => ({ client, op: { kind: 'cas', key, expected, value }, call, ret, output });
const del = (client: number, key: string, call: number, ret: number | undefined): HistoryEntry => ({
  client,
  op: { kind: 'delete', key },
  call,
  ret,
});

const verdictOf = (h: HistoryEntry[]) => checkLinearizable(h).verdict;

describe('linearizable histories are accepted', () => {
  it('overlapping writes and reads that see either side of a concurrent write', () => {
    const h = [
      put(1, 'x', 'a', 0, 10),
      put(2, 'x', 'b', 5, 30), // overlaps everything below
      get(3, 'x', 'a', 12, 20), // b not yet in effect
      get(1, 'x', 'b', 15, 25), // b in effect
      get(3, 'x', 'b', 31, 40),
    ];
    const r = checkLinearizable(h);
    expect(r).toMatchObject({ ok: true, verdict: 'ok', anomalies: [] });
    expect(r.perKey).toEqual([expect.objectContaining({ key: 'x', result: 'ok', ops: 5 })]);
  });

  it('two reads that overlap each other may see new then old, if the write overlaps both', () => {
    // the read that returns "1" can be ordered first: both reads overlap
    const h = [put(1, 'x', '1', 0, 5), put(2, 'x', '2', 10, 100), get(3, 'x', '2', 20, 45), get(4, 'x', '1', 40, 50)];
    expect(verdictOf(h)).toBe('ok');
  });

  it('concurrent CAS from the same expected value: one wins, the other fails; delete then create-if-absent', () => {
    const h = [
      put(1, 'x', 'a', 0, 1),
      cas(1, 'x', 'a', 'b', true, 2, 10),
      cas(2, 'x', 'a', 'c', false, 3, 11),
      get(3, 'x', 'b', 12, 13),
      del(1, 'x', 14, 15),
      cas(2, 'x', null, 'd', true, 16, 20),
      cas(3, 'x', null, 'e', false, 17, 21),
      get(1, 'x', 'd', 22, 23),
    ];
    expect(verdictOf(h)).toBe('ok');
    // and the CAS outcomes matter: had c won, the read of b is unexplained
    const swapped = h.map((e, i) => (i === 1 ? { ...e, output: false } : i === 2 ? { ...e, output: true } : e));
    expect(verdictOf(swapped)).toBe('violation');
  });

  it('equal timestamps count as overlapping; one tick apart they are ordered', () => {
    expect(verdictOf([put(1, 'x', 'a', 0, 10), get(2, 'x', null, 10, 20)])).toBe('ok');
    expect(verdictOf([put(1, 'x', 'a', 0, 10), get(2, 'x', null, 11, 20)])).toBe('violation');
  });

  it('an empty history, and a history of nothing but unknown outcomes, are linearizable', () => {
    expect(checkLinearizable([])).toMatchObject({ ok: true, perKey: [], anomalies: [] });
    expect(verdictOf([put(1, 'x', 'a', 0, U), get(2, 'x', 'zzz', 0, U), del(3, 'y', 1, U)])).toBe('ok');
  });

  it('rejects malformed entries instead of guessing', () => {
    expect(() => checkLinearizable([put(1, 'x', 'a', 10, 5)])).toThrow(/ret/);
    expect(() => checkLinearizable([{ client: 1, op: { kind: 'get', key: 'x' }, call: 0, ret: 1 }])).toThrow(/get/);
    expect(() => checkLinearizable([cas(1, 'x', null, 'a', U, 0, 1)])).toThrow(/cas/);
  });
});

describe('non-linearizable histories are flagged', () => {
  it('stale read after a completed write', () => {
    const h = [put(1, 'x', '1', 0, 10), put(1, 'x', '2', 20, 30), get(2, 'x', '1', 40, 50)];
    const r = checkLinearizable(h);
    expect(r.ok).toBe(false);
    expect(r.verdict).toBe('violation');
    expect(r.perKey[0]).toMatchObject({ key: 'x', result: 'violation' });
    expect(r.anomalies).toHaveLength(1);
    // names the key, the read that cannot be explained, and the order that led up to it
    expect(r.anomalies[0]).toContain('key "x"');
    expect(r.anomalies[0]).toMatch(/explains get\(\) -> "1" \[client 2, 40\.\.50\]/);
    expect(r.anomalies[0]).toMatch(/put\("1"\).*put\("2"\).* -> "2"/);
  });

  it('two clients both succeed a CAS from the same expected value', () => {
    const h = [put(1, 'x', 'a', 0, 1), cas(1, 'x', 'a', 'b', true, 2, 10), cas(2, 'x', 'a', 'c', true, 3, 11)];
    expect(verdictOf(h)).toBe('violation');
    // two create-if-absent that both succeed (the lock-acquired-twice bug)
    expect(verdictOf([cas(1, 'lock', null, 'p', true, 0, 10), cas(2, 'lock', null, 'q', true, 1, 9)])).toBe('violation');
  });

  it('a CAS reports failure although the value matched', () => {
    expect(verdictOf([put(1, 'x', 'a', 0, 1), cas(2, 'x', 'a', 'b', false, 2, 3)])).toBe('violation');
    expect(verdictOf([cas(2, 'x', null, 'b', false, 2, 3)])).toBe('violation');
    // ... unless a concurrent write can be ordered before it
    expect(verdictOf([put(1, 'x', 'a', 0, 1), put(3, 'x', 'z', 0, 5), cas(2, 'x', 'a', 'b', false, 2, 3)])).toBe('ok');
  });

  it('non-overlapping reads see a value and then an older one', () => {
    const h = [put(1, 'x', '1', 0, 5), put(2, 'x', '2', 10, 100), get(3, 'x', '2', 20, 30), get(4, 'x', '1', 40, 50)];
    const r = checkLinearizable(h);
    expect(r.verdict).toBe('violation');
    expect(r.anomalies[0]).toMatch(/explains get\(\) -> "1" \[client 4, 40\.\.50\]/);
    // the write still in flight is reported as overlapping
    expect(r.anomalies[0]).toMatch(/Overlapping: put\("2"\)/);
  });

  it('an acknowledged write is lost', () => {
    expect(verdictOf([put(1, 'x', '1', 0, 10), get(2, 'x', null, 20, 30)])).toBe('violation');
    expect(verdictOf([put(1, 'x', '1', 0, 10), put(1, 'x', '2', 11, 12), get(2, 'x', '1', 20, 30)])).toBe('violation');
    expect(verdictOf([cas(1, 'x', null, 'a', true, 0, 10), get(2, 'x', null, 20, 30)])).toBe('violation');
  });

  it('a delete is undone', () => {
    expect(verdictOf([put(1, 'x', 'a', 0, 1), del(1, 'x', 2, 3), get(2, 'x', 'a', 4, 5)])).toBe('violation');
    expect(verdictOf([put(1, 'x', 'a', 0, 1), del(1, 'x', 2, 3), get(2, 'x', null, 4, 5)])).toBe('ok');
  });

  it('only the broken key is flagged; the minimal prefix stops at the first unexplained answer', () => {
    const h = [
      put(1, 'good', 'g', 0, 5),
      put(1, 'bad', '1', 1, 4),
      get(2, 'bad', 'ghost', 6, 8), // first unexplained answer on "bad"
      put(3, 'bad', '2', 10, 12),
      get(2, 'bad', '1', 20, 22), // also wrong, later
      get(2, 'good', 'g', 30, 40),
    ];
    const r = checkLinearizable(h);
    expect(r.perKey.map((k) => [k.key, k.result])).toEqual([
      ['bad', 'violation'],
      ['good', 'ok'],
    ]);
    expect(r.anomalies).toHaveLength(1);
    expect(r.anomalies[0]).toMatch(/explains get\(\) -> "ghost"/);
    expect(r.anomalies[0]).toMatch(/ends at t=8 with 2 of 4 ops/);
  });
});

describe('unknown outcomes', () => {
  it('an unknown write that must have happened for a later read to be explained', () => {
    const h = [put(1, 'x', '1', 0, 5), put(2, 'x', '2', 6, U), get(3, 'x', '1', 10, 20), get(3, 'x', '2', 30, 40), get(1, 'x', '2', 50, 60)];
    expect(verdictOf(h)).toBe('ok');
    // without it, nothing explains the read of "2"
    expect(verdictOf(h.filter((_, i) => i !== 1))).toBe('violation');
    // an unknown create-if-absent may likewise have taken effect
    expect(verdictOf([cas(1, 'x', null, 'a', U, 0, U), get(2, 'x', 'a', 5, 6)])).toBe('ok');
  });

  it('an unknown write that never happened', () => {
    const h = [put(1, 'x', 'a', 0, 5), put(2, 'x', 'b', 6, U), get(3, 'x', 'a', 100, 110), get(3, 'x', 'a', 200, 210)];
    expect(verdictOf(h)).toBe('ok');
    // ... but it cannot happen twice: once seen, "b" cannot vanish unless something else overwrote it
    const seenThenGone = [put(1, 'x', 'a', 0, 5), put(2, 'x', 'b', 6, U), get(3, 'x', 'b', 100, 110), get(3, 'x', 'a', 200, 210)];
    expect(verdictOf(seenThenGone)).toBe('violation');
  });

  it('an unknown write cannot take effect before it was called', () => {
    expect(verdictOf([get(1, 'x', 'b', 0, 5), put(2, 'x', 'b', 10, U)])).toBe('violation');
  });

  it('a read with unknown outcome constrains nothing', () => {
    const h = [put(1, 'x', 'a', 0, 5), get(2, 'x', 'never-written', 6, U), get(3, 'x', 'a', 10, 20)];
    expect(verdictOf(h)).toBe('ok');
  });
});

// ---- generated histories -------------------------------------------------------------------

type Fate = 'ok' | 'unknown' | 'phantom';
interface Step {
  client: number;
  key: number;
  kind: KvOp['kind'];
  value: number; // written value, or cas comparand when not comparing to the current value
  casCurrent: boolean;
  callFrac: number; // how far back towards the client's previous return the call is moved, 0..1
  retFrac: number; // how far forward towards the client's next step the return is moved, 0..1
  fate: Fate; // phantom: sent, never took effect, outcome unknown
}

const SPACING = 10;

/**
 * Runs the steps one after another against a Map (the true order), then gives each step an
 * interval [call, ret] that contains its true point and does not overlap its own client's
 * previous or next step. The true order is then a valid linearization of the result.
 */
function simulate(steps: readonly Step[], keys: readonly string[]): HistoryEntry[] {
  const store = new Map<string, string>();
  const point = (i: number) => (i + 1) * SPACING;
  const nextPointOf = new Array<number>(steps.length);
  const upcoming = new Map<number, number>();
  for (let i = steps.length - 1; i >= 0; i--) {
    nextPointOf[i] = upcoming.get(steps[i].client) ?? point(steps.length) + 50 * SPACING;
    upcoming.set(steps[i].client, point(i));
  }
  const lastRet = new Map<number, number>();
  return steps.map((s, i): HistoryEntry => {
    const key = keys[s.key % keys.length];
    const p = point(i);
    const prev = lastRet.get(s.client) ?? -50 * SPACING;
    const call = p - s.callFrac * (p - prev) * 0.99;
    const ret = p + s.retFrac * (nextPointOf[i] - p) * 0.99;
    lastRet.set(s.client, ret);
    const v = `v${s.value % 4}`;
    let op: KvOp;
    let output: string | null | boolean | undefined;
    const cur = store.get(key) ?? null;
    switch (s.kind) {
      case 'put':
        op = { kind: 'put', key, value: v };
        if (s.fate !== 'phantom') store.set(key, v);
        break;
      case 'delete':
        op = { kind: 'delete', key };
        if (s.fate !== 'phantom') store.delete(key);
        break;
      case 'get':
        op = { kind: 'get', key };
        output = cur;
        break;
      case 'cas': {
        const expected = s.casCurrent ? cur : s.value % 5 === 4 ? null : `v${s.value % 4}`;
        op = { kind: 'cas', key, expected, value: `v${(s.value + 1) % 4}` };
        output = cur === expected;
        if (output && s.fate !== 'phantom') store.set(key, op.value);
        break;
      }
    }
    return s.fate === 'ok' ? { client: s.client, op, call, ret, output } : { client: s.client, op, call, ret: undefined };
  });
}

const stepArb = (clients: number, keys: number) =>
  fc.record({
    client: fc.integer({ min: 0, max: clients - 1 }),
    key: fc.integer({ min: 0, max: keys - 1 }),
    kind: fc.constantFrom<KvOp['kind']>('put', 'get', 'get', 'cas', 'delete'),
    value: fc.nat(19),
    casCurrent: fc.boolean(),
    callFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    retFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    fate: fc.oneof(
      { weight: 18, arbitrary: fc.constant<Fate>('ok') },
      { weight: 1, arbitrary: fc.constant<Fate>('unknown') },
      { weight: 1, arbitrary: fc.constant<Fate>('phantom') },
    ),
  });

const GHOST = 'never-written';

describe('generated histories (property)', () => {
  it('every widened sequential execution is accepted; a read of a never-written value in it is rejected', () => {
    fc.assert(
      fc.property(fc.array(stepArb(5, 3), { minLength: 1, maxLength: 60, size: 'max' }), fc.nat(), (steps, pick) => {
        const keys = ['a', 'b', 'c'];
        const h = simulate(steps, keys);
        const r = checkLinearizable(h);
        expect(r.anomalies).toEqual([]);
        expect(r.verdict).toBe('ok');

        const reads = h.flatMap((e, i) => (e.op.kind === 'get' && e.ret !== undefined ? [i] : []));
        if (reads.length === 0) return;
        const victim = reads[pick % reads.length];
        const mutated = h.map((e, i) => (i === victim ? { ...e, output: GHOST } : e));
        const m = checkLinearizable(mutated);
        expect(m.verdict).toBe('violation');
        expect(m.perKey.filter((k) => k.result !== 'ok').map((k) => k.key)).toEqual([h[victim].op.key]);
        expect(m.anomalies).toHaveLength(1);
        expect(m.anomalies[0]).toContain(`get() -> "${GHOST}" [client ${h[victim].client}, ${h[victim].call}..`);
      }),
      { numRuns: 300 },
    );
  });

  it('real-time order between writes that do not overlap is enforced', () => {
    fc.assert(
      fc.property(fc.array(stepArb(3, 1), { minLength: 2, maxLength: 30 }), (steps) => {
        const writes = steps.map((s) => ({ ...s, kind: 'put' as const, fate: 'ok' as const, value: 0, callFrac: 0, retFrac: 0 }));
        const h = simulate(writes, ['k']).map((e, i) => (e.op.kind === 'put' ? { ...e, op: { ...e.op, value: `w${i}` } } : e));
        const last = h[h.length - 1];
        const readLast = get(99, 'k', (last.op as { value: string }).value, last.ret! + 1, last.ret! + 2);
        const readFirst = get(99, 'k', (h[0].op as { value: string }).value, last.ret! + 1, last.ret! + 2);
        expect(verdictOf([...h, readLast])).toBe('ok');
        expect(verdictOf([...h, readFirst])).toBe('violation');
      }),
      { numRuns: 100 },
    );
  });
});

describe('limits', () => {
  // every order of n concurrent writes, then a read nothing can explain: refuting it means
  // visiting every subset of the writes
  const pathological = (n: number) => [
    ...Array.from({ length: n }, (_, i) => put(i, 'x', `w${i}`, 0, 100)),
    get(n, 'x', GHOST, 200, 210),
  ];

  it('a tiny budget gives "unknown" on a pathological history instead of hanging', () => {
    // small enough that a checker ignoring the budget would still finish, with 'violation'
    expect(checkLinearizable(pathological(12), { maxExploredPerKey: 1_000 }).perKey[0]).toMatchObject({
      result: 'unknown',
      explored: 1_000,
    });
    const r = checkLinearizable(pathological(40), { maxExploredPerKey: 1_000 });
    expect(r.ok).toBe(false);
    expect(r.verdict).toBe('unknown');
    expect(r.anomalies).toEqual([]);
    expect(r.perKey[0]).toMatchObject({ key: 'x', result: 'unknown', explored: 1_000 });
    expect(r.perKey[0].detail).toMatch(/gave up after 1000 steps/);
  });

  it('with enough budget the same shape, smaller, is refuted; memoization keeps it to subsets x states', () => {
    const r = checkLinearizable(pathological(8));
    expect(r.verdict).toBe('violation');
    // without the cache this is 8! orders; with it, at most 2^8 subsets x 9 states x 9 tries
    expect(r.perKey[0].explored).toBeLessThan(2 ** 8 * 9 * 9);
    expect(r.perKey[0].explored).toBeGreaterThan(2 ** 8);
  });

  it('budgets are per key: an unknown key does not hide a violation on another', () => {
    const h = [...pathological(20), put(1, 'y', '1', 0, 1), get(2, 'y', null, 2, 3)];
    const r = checkLinearizable(h, { maxExploredPerKey: 500 });
    expect(r.verdict).toBe('violation');
    expect(r.perKey.map((k) => [k.key, k.result])).toEqual([
      ['x', 'unknown'],
      ['y', 'violation'],
    ]);
  });

  it('2,000 ops over 20 keys from 10 clients are checked key by key', () => {
    const rnd = mulberry32(7);
    const steps: Step[] = Array.from({ length: 2_000 }, () => ({
      client: Math.floor(rnd() * 10),
      key: Math.floor(rnd() * 20),
      kind: (['put', 'get', 'get', 'cas', 'delete'] as const)[Math.floor(rnd() * 5)],
      value: Math.floor(rnd() * 20),
      casCurrent: rnd() < 0.5,
      callFrac: rnd(),
      retFrac: rnd(),
      fate: rnd() < 0.02 ? 'unknown' : rnd() < 0.02 ? 'phantom' : 'ok',
    }));
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    const h = simulate(steps, keys);
    const r = checkLinearizable(h);
    expect(r.verdict).toBe('ok');
    expect(r.perKey).toHaveLength(20);
    expect(r.perKey.reduce((n, k) => n + k.ops, 0)).toBe(h.filter((e) => !(e.op.kind === 'get' && e.ret === undefined)).length);

    const victim = h.findIndex((e, i) => i > 1_000 && e.op.kind === 'get' && e.ret !== undefined);
    const m = checkLinearizable(h.map((e, i) => (i === victim ? { ...e, output: GHOST } : e)));
    expect(m.perKey.filter((k) => k.result !== 'ok').map((k) => k.key)).toEqual([h[victim].op.key]);
  });
});

describe('HistoryRecorder', () => {
  it('records invoke/return times from the clock, keeps unknown outcomes, drops failures', () => {
    let now = 0;
    const rec = new HistoryRecorder(() => ++now);
    const a = rec.invoke(1, { kind: 'put', key: 'x', value: 'a' }); // t=1
    const b = rec.invoke(2, { kind: 'get', key: 'x' }); // t=2
    const c = rec.invoke(3, { kind: 'cas', key: 'x', expected: null, value: 'c' }); // t=3
    const d = rec.invoke(4, { kind: 'delete', key: 'x' }); // t=4
    rec.ok(a); // t=5
    rec.ok(b, 'a'); // t=6
    rec.unknown(c);
    rec.fail(d);
    const e = rec.invoke(1, { kind: 'get', key: 'x' }); // t=7, still in flight at the end
    expect(rec.history()).toEqual([
      { client: 1, op: { kind: 'put', key: 'x', value: 'a' }, call: 1, ret: 5 },
      { client: 2, op: { kind: 'get', key: 'x' }, call: 2, ret: 6, output: 'a' },
      { client: 3, op: { kind: 'cas', key: 'x', expected: null, value: 'c' }, call: 3, ret: undefined },
      { client: 1, op: { kind: 'get', key: 'x' }, call: 7, ret: undefined },
    ]);
    expect(checkLinearizable(rec.history()).verdict).toBe('ok');
    // the unknown create-if-absent could only have run before the put: "a" is what remains
    const ended = rec.history();
    rec.ok(e, 'a'); // t=8
    expect(checkLinearizable(rec.history()).verdict).toBe('ok');
    ended[3] = { ...ended[3], ret: 8, output: 'c' };
    expect(checkLinearizable(ended).verdict).toBe('violation');
  });

  it('feeds a violation through to the checker', () => {
    let now = 0;
    const rec = new HistoryRecorder(() => (now += 10));
    rec.ok(rec.invoke(1, { kind: 'put', key: 'x', value: 'a' }));
    rec.ok(rec.invoke(2, { kind: 'get', key: 'x' }), null);
    expect(checkLinearizable(rec.history()).anomalies[0]).toMatch(/key "x": no linearization explains get\(\) -> absent/);
  });

  it('refuses to close an operation twice, or with the wrong kind of output', () => {
    const rec = new HistoryRecorder(() => 0);
    const a = rec.invoke(1, { kind: 'put', key: 'x', value: 'a' });
    rec.ok(a);
    expect(() => rec.ok(a)).toThrow(/not in flight/);
    expect(() => rec.unknown(a)).toThrow(/not in flight/);
    const f = rec.invoke(1, { kind: 'put', key: 'x', value: 'a' });
    rec.fail(f);
    expect(() => rec.ok(f)).toThrow(/not in flight/);
    expect(() => rec.ok(rec.invoke(1, { kind: 'get', key: 'x' }), true)).toThrow(/get/);
    expect(() => rec.ok(rec.invoke(1, { kind: 'cas', key: 'x', expected: null, value: 'a' }), 'a')).toThrow(/cas/);
  });

  it('hands out copies: later changes to an op or a returned history do not leak back', () => {
    const rec = new HistoryRecorder(() => 0);
    const op: KvOp = { kind: 'put', key: 'x', value: 'a' };
    rec.ok(rec.invoke(1, op));
    (op as { value: string }).value = 'changed';
    const h = rec.history();
    (h[0].op as { value: string }).value = 'changed too';
    expect(rec.history()[0].op).toEqual({ kind: 'put', key: 'x', value: 'a' });
  });
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
