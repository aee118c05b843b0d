// Linearizability checker for histories of concurrent clients on a key-value store.
//
// The search is Wing & Gong's, with Lowe's memoization: extend a partial linearization one
// operation at a time, back up when stuck, and remember every (set of linearized operations,
// model state) already explored, because two orders that linearize the same operations and
// reach the same state have the same futures. Linearizability is compositional (Herlihy &
// Wing), and every operation here touches one key, so each key is checked on its own: the
// search is exponential in the number of overlapping operations, and splitting by key keeps
// that number small.

export type KvOp =
  | { kind: 'put'; key: string; value: string }
  | { kind: 'get'; key: string }
  /** expected null: the key must be absent (an etcd Txn comparing create_revision to 0). */
  | { kind: 'cas'; key: string; expected: string | null; value: string }
  | { kind: 'delete'; key: string };

/** get: the value read, null when absent; cas: whether it swapped; put, delete: nothing. */
export type KvOutput = string | null | boolean | undefined;

export interface HistoryEntry {
  client: number;
  op: KvOp;
  /** Any monotonic clock. Equal times count as overlapping: the clock cannot order them. */
  call: number;
  /**
   * undefined: the outcome is unknown (timed out, connection lost). Such an operation may
   * have taken effect at any time after its call, or never, so it constrains nothing.
   */
  ret: number | undefined;
  /** Read only when ret is set. */
  output?: KvOutput;
}

export type KeyVerdict = 'ok' | 'violation' | 'unknown';

export interface KeyResult {
  key: string;
  result: KeyVerdict;
  /** Operations of this key that entered the search (reads with unknown outcome do not). */
  ops: number;
  /** Linearization steps tried, the unit of the search budget. */
  explored: number;
  detail?: string;
}

export interface CheckResult {
  /** True only when every key was proven linearizable; an exhausted budget is not a proof. */
  ok: boolean;
  verdict: KeyVerdict;
  perKey: KeyResult[];
  /** One line per violating key: the operation that cannot be explained and its context. */
  anomalies: string[];
}

export interface CheckOptions {
  /** Steps per key before giving up with 'unknown'; memory grows with it too. */
  maxExploredPerKey?: number;
}

const DEFAULT_MAX_EXPLORED = 500_000;

export function checkLinearizable(history: readonly HistoryEntry[], opts: CheckOptions = {}): CheckResult {
  const budget = opts.maxExploredPerKey ?? DEFAULT_MAX_EXPLORED;
  if (!(budget > 0)) throw new RangeError(`maxExploredPerKey must be positive, got ${budget}`);
  history.forEach(validate);

  const byKey = new Map<string, HistoryEntry[]>();
  for (const e of history) {
    let list = byKey.get(e.op.key);
    if (!list) byKey.set(e.op.key, (list = []));
    list.push(e);
  }

  const perKey: KeyResult[] = [];
  const anomalies: string[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const r = checkKey(key, byKey.get(key)!, budget);
    perKey.push(r);
    if (r.result === 'violation') anomalies.push(r.detail!);
  }
  const verdict: KeyVerdict = perKey.some((r) => r.result === 'violation')
    ? 'violation'
    : perKey.some((r) => r.result === 'unknown')
      ? 'unknown'
      : 'ok';
  return { ok: verdict === 'ok', verdict, perKey, anomalies };
}

function validate(e: HistoryEntry, i: number): void {
  const where = `history[${i}] (${describeEntry(e)})`;
  if (!Number.isFinite(e.call)) throw new TypeError(`${where}: call must be a finite number`);
  if (e.ret === undefined) return;
  if (!Number.isFinite(e.ret) || e.ret < e.call) throw new TypeError(`${where}: ret must be a finite number >= call`);
  if (e.op.kind === 'get' && e.output !== null && typeof e.output !== 'string') {
    throw new TypeError(`${where}: a completed get needs a string or null output`);
  }
  if (e.op.kind === 'cas' && typeof e.output !== 'boolean') {
    throw new TypeError(`${where}: a completed cas needs a boolean output`);
  }
}

// One operation of one key, in the search's terms. Values are interned to small integers so
// that a model state is a number and a cache key is cheap to build; 0 is "absent".
interface Op {
  entry: HistoryEntry;
  call: number;
  ret: number; // Infinity when unknown: it never forces anything to come after it
  known: boolean;
  kind: KvOp['kind'];
  arg: number; // value written by put/cas
  expected: number; // cas comparand; for a completed get, the value read
  swapped: boolean; // completed cas outcome
}

const ILLEGAL = -1;

function step(op: Op, state: number): number {
  switch (op.kind) {
    case 'put':
      return op.arg;
    case 'delete':
      return 0;
    case 'get':
      return state === op.expected ? state : ILLEGAL;
    case 'cas': {
      const matches = state === op.expected;
      if (!op.known) return matches ? op.arg : state;
      if (op.swapped) return matches ? op.arg : ILLEGAL;
      return matches ? ILLEGAL : state;
    }
  }
}

function toOps(entries: readonly HistoryEntry[]): { ops: Op[]; values: string[] } {
  const ids = new Map<string, number>();
  const values: string[] = ['<absent>'];
  const intern = (v: string | null): number => {
    if (v === null) return 0;
    let id = ids.get(v);
    if (id === undefined) {
      id = values.length;
      ids.set(v, id);
      values.push(v);
    }
    return id;
  };
  const ops: Op[] = [];
  for (const entry of entries) {
    const known = entry.ret !== undefined;
    const o = entry.op;
    // A read whose answer nobody saw changes nothing and explains nothing.
    if (o.kind === 'get' && !known) continue;
    ops.push({
      entry,
      call: entry.call,
      ret: known ? entry.ret! : Infinity,
      known,
      kind: o.kind,
      arg: o.kind === 'put' || o.kind === 'cas' ? intern(o.value) : 0,
      expected: o.kind === 'cas' ? intern(o.expected) : o.kind === 'get' ? intern(entry.output as string | null) : 0,
      swapped: o.kind === 'cas' && entry.output === true,
    });
  }
  // The search relies on call order: the operations that may come next are always a run of
  // the not-yet-linearized ones in this order.
  ops.sort((a, b) => a.call - b.call || (a.ret === b.ret ? 0 : a.ret - b.ret));
  return { ops, values };
}

interface SearchOutcome {
  result: KeyVerdict;
  explored: number;
  /** Only when asked: the longest partial linearization reached, as indices into ops. */
  deepest?: number[];
}

interface Frame {
  via: number; // the op linearized to reach this frame, -1 at the root
  state: number;
  lo: number; // every op before lo is linearized
  candidates: number[];
  next: number;
}

function search(ops: readonly Op[], budget: number, trackDeepest: boolean): SearchOutcome {
  const n = ops.length;
  const done = new Uint16Array(Math.ceil(n / 16) + 1);
  let pending = ops.reduce((c, o) => c + (o.known ? 1 : 0), 0);
  const seen = new Set<string>();
  let explored = 0;
  let deepest: number[] = [];

  const isDone = (i: number) => (done[i >>> 4] & (1 << (i & 15))) !== 0;
  const flip = (i: number) => {
    done[i >>> 4] ^= 1 << (i & 15);
  };

  // An op may be linearized next when no remaining op returned before it was called. Walking
  // in call order, the earliest remaining return can only be lowered by ops called before it,
  // so the walk stops at the first op called after it.
  const frame = (via: number, state: number, parentLo: number): Frame => {
    let lo = parentLo;
    while (lo < n && isDone(lo)) lo++;
    const candidates: number[] = [];
    let minRet = Infinity;
    for (let i = lo; i < n && ops[i].call <= minRet; i++) {
      if (isDone(i)) continue;
      candidates.push(i);
      if (ops[i].ret < minRet) minRet = ops[i].ret;
    }
    return { via, state, lo, candidates, next: 0 };
  };

  const stack: Frame[] = [frame(-1, 0, 0)];
  while (stack.length > 0) {
    if (pending === 0) return { result: 'ok', explored };
    const top = stack[stack.length - 1];
    if (top.next >= top.candidates.length) {
      stack.pop();
      if (top.via >= 0) {
        flip(top.via);
        if (ops[top.via].known) pending++;
      }
      continue;
    }
    if (explored >= budget) return { result: 'unknown', explored };
    explored++;
    const i = top.candidates[top.next++];
    const after = step(ops[i], top.state);
    if (after === ILLEGAL) continue;
    flip(i);
    const cacheKey = String.fromCharCode(...done) + after;
    if (seen.has(cacheKey)) {
      flip(i);
      continue;
    }
    seen.add(cacheKey);
    if (ops[i].known) pending--;
    stack.push(frame(i, after, top.lo));
    if (trackDeepest && stack.length - 1 > deepest.length) deepest = stack.slice(1).map((f) => f.via);
  }
  return { result: 'violation', explored, deepest: trackDeepest ? deepest : undefined };
}

function checkKey(key: string, entries: readonly HistoryEntry[], budget: number): KeyResult {
  const { ops } = toOps(entries);
  const full = search(ops, budget, false);
  const base = { key, ops: ops.length, explored: full.explored };
  if (full.result === 'ok') return { ...base, result: 'ok' };
  if (full.result === 'unknown') {
    return {
      ...base,
      result: 'unknown',
      detail: `key ${JSON.stringify(key)}: gave up after ${full.explored} steps over ${ops.length} ops; neither proven nor refuted`,
    };
  }
  return { ...base, result: 'violation', detail: explain(key, entries, budget) };
}

// The whole history of a busy key is too much to read, so shrink it to the shortest prefix
// that already fails. A prefix cut at time t keeps the ops called by t; those still running at
// t become unknown-outcome. Any linearization of a longer prefix, truncated before its first op
// called after t, serves the shorter one, so failure is monotone in t and bisection finds the
// first failing return: the op returning there is one whose answer nothing can explain.
function explain(key: string, entries: readonly HistoryEntry[], budget: number): string {
  const original = new Map<HistoryEntry, HistoryEntry>();
  const prefix = (t: number): HistoryEntry[] =>
    entries
      .filter((e) => e.call <= t)
      .map((e) => {
        if (e.ret !== undefined && e.ret <= t) return e;
        const cut = { ...e, ret: undefined, output: undefined };
        original.set(cut, e);
        return cut;
      });
  const cuts = [...new Set(entries.flatMap((e) => (e.ret === undefined ? [] : [e.ret])))].sort((a, b) => a - b);
  let lo = 0;
  let hi = cuts.length - 1; // the full history is known to fail
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // A prefix the budget cannot settle is not shown to fail: look later.
    if (search(toOps(prefix(cuts[mid])).ops, budget, false).result === 'violation') hi = mid;
    else lo = mid + 1;
  }
  const t = cuts[hi];
  const { ops, values } = toOps(prefix(t));
  const { deepest = [] } = search(ops, budget, true);

  const culprits = entries.filter((e) => e.ret === t);
  const overlapping = entries.filter(
    (e) => !culprits.includes(e) && e.call <= t && (e.ret === undefined || e.ret >= Math.min(...culprits.map((c) => c.call))),
  );
  let state = 0;
  for (const i of deepest) state = step(ops[i], state);
  // show what the client finally saw, not the prefix's truncated view of it
  const shown = deepest.slice(-8).map((i) => describeEntry(original.get(ops[i].entry) ?? ops[i].entry));
  const skipped = deepest.length - shown.length;
  const stateText = state === 0 ? 'absent' : JSON.stringify(values[state]);

  return (
    `key ${JSON.stringify(key)}: no linearization explains ${culprits.map(describeEntry).join(' and ')}; ` +
    `the shortest failing prefix ends at t=${t} with ${ops.length} of ${entries.length} ops. ` +
    `Longest order that explains what came before: ${skipped > 0 ? `(${skipped} more) ` : ''}` +
    `${shown.length > 0 ? shown.join(' ; ') : '(none)'} -> ${stateText}. ` +
    `Overlapping: ${overlapping.length > 0 ? overlapping.map(describeEntry).join(' ; ') : '(none)'}`
  );
}

export function describeEntry(e: HistoryEntry): string {
  const o = e.op;
  const q = (v: string | null) => (v === null ? 'absent' : JSON.stringify(v));
  const out = e.ret === undefined ? ' -> ?' : o.kind === 'get' ? ` -> ${q(e.output as string | null)}` : o.kind === 'cas' ? ` -> ${e.output}` : '';
  const call =
    o.kind === 'put' ? `put(${q(o.value)})` : o.kind === 'get' ? 'get()' : o.kind === 'cas' ? `cas(${q(o.expected)} => ${q(o.value)})` : 'delete()';
  return `${call}${out} [client ${e.client}, ${e.call}..${e.ret ?? '?'}]`;
}
