// The watch hub over an MVCC store: catch-up from history, then live batches, with no gap and
// no duplicate; filters, prev_kv, compaction, watchers from the future, snapshot installs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeCommand } from '../../src/store/registry/command-codec.ts';
import { RegistryStateMachine } from '../../src/store/registry/registry-state-machine.ts';
import type { Version } from '../../src/store/mvcc/key-history.ts';
import { MvccStore, type KeyEvent, type KeyValue, type WriteBatch } from '../../src/store/mvcc/mvcc-store.ts';
import { CATCH_UP_BATCH_EVENTS, WatchHub, Watcher, type WatchSpec, type WatchTarget } from '../../src/store/watch/watch-hub.ts';

const b = (s: string) => Buffer.from(s, 'latin1');
const str = (u: Uint8Array) => Buffer.from(u).toString('latin1');
const ALL = new Uint8Array([0]);
const NONE = new Uint8Array(0);

const plain = (kv: KeyValue | undefined) =>
  kv && { key: str(kv.key), value: str(kv.value), create: kv.createRevision, mod: kv.modRevision, version: kv.version, lease: kv.lease };
const plainEvent = (e: KeyEvent) => ({ type: e.type, kv: plain(e.kv), prev: plain(e.prevKv), sub: e.sub });
/** Compact notation: "put a=1@4" / "del a@5". */
const short = (e: KeyEvent) => (e.type === 'put' ? `put ${str(e.kv.key)}=${str(e.kv.value)}@${e.kv.modRevision}` : `del ${str(e.kv.key)}@${e.kv.modRevision}`);

/** A store's dump, copied (what a snapshot install hands MvccStore.load). */
const dumpOf = (st: MvccStore): [Uint8Array, Version[]][] => [...st.dump()].map(([k, vs]) => [k, vs.map((v) => ({ ...v }))]);

/** Collects what the hub sends, per watcher. */
class Collector implements WatchTarget {
  readonly deliveries: { w: Watcher; events: KeyEvent[]; revision: number }[] = [];
  readonly cancels: { w: Watcher; reason: string; compactRevision: number }[] = [];
  onEvents?: (w: Watcher) => void;
  events(w: Watcher, events: KeyEvent[], revision: number): void {
    this.deliveries.push({ w, events: [...events], revision });
    this.onEvents?.(w);
  }
  canceled(w: Watcher, reason: string, compactRevision: number): void {
    this.cancels.push({ w, reason, compactRevision });
  }
  of(w: Watcher): KeyEvent[] {
    return this.deliveries.filter((d) => d.w === w).flatMap((d) => d.events);
  }
  calls(w: Watcher) {
    return this.deliveries.filter((d) => d.w === w);
  }
}

function spec(over: Partial<Omit<WatchSpec, 'key' | 'end'>> & { key: string; end?: Uint8Array | string }): WatchSpec {
  const { key, end, ...rest } = over;
  return {
    key: b(key),
    end: end === undefined ? NONE : typeof end === 'string' ? b(end) : end,
    startRevision: 0,
    prevKv: false,
    noPut: false,
    noDelete: false,
    progressNotify: false,
    ...rest,
  };
}

/** A member's store and hub, wired as the state machine wires them (changed after each batch). */
class Rig {
  readonly store = new MvccStore();
  readonly hub = new WatchHub(this.store);
  readonly out = new Collector();
  private nextId = 1;
  batch(fn: (tx: WriteBatch) => void): number {
    const { revision, events } = this.store.batch(fn);
    if (events.length > 0) this.hub.changed(revision, events);
    return revision;
  }
  put(key: string, value: string): number {
    return this.batch((tx) => void tx.put(b(key), b(value)));
  }
  del(key: string, end?: string | Uint8Array): number {
    return this.batch((tx) => void tx.delete(b(key), end === undefined ? undefined : typeof end === 'string' ? b(end) : end));
  }
  watch(s: Parameters<typeof spec>[0], target: WatchTarget = this.out): Watcher {
    const w = new Watcher(this.nextId++, spec(s), target);
    this.hub.add(w);
    return w;
  }
}

describe('WatchHub', () => {
  it('catches up from a past revision at once, then hears live batches: no gap, no duplicate', () => {
    const r = new Rig();
    r.put('a1', 'x'); // 2
    r.put('b', 'x'); // 3
    r.put('a2', 'x'); // 4
    r.del('a1'); // 5
    r.put('a1', 'y'); // 6
    const w = r.watch({ key: 'a', end: 'b', startRevision: 3 });
    // delivered before add() returned, in one call that brings the watcher to revision 6
    expect(r.out.calls(w).map((d) => [d.events.map(short), d.revision])).toEqual([[['put a2=x@4', 'del a1@5', 'put a1=y@6'], 6]]);
    expect(w.nextRevision).toBe(7);
    r.put('a3', 'z'); // 7
    r.put('b', 'z'); // 8: not this watcher's
    r.batch((tx) => {
      tx.put(b('a1'), b('w'));
      tx.delete(b('a2'));
      tx.put(b('c'), b('w'));
    }); // 9
    expect(r.out.calls(w).map((d) => [d.events.map(short), d.revision])).toEqual([
      [['put a2=x@4', 'del a1@5', 'put a1=y@6'], 6],
      [['put a3=z@7'], 7],
      [['put a1=w@9', 'del a2@9'], 9],
    ]);
    expect(r.out.of(w).map((e) => e.sub)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(r.out.of(w).map(plainEvent)).toEqual(r.store.changes(b('a'), b('b'), 3).map((e) => plainEvent({ ...e, prevKv: undefined })));
    expect(w.nextRevision).toBe(10);
  });

  it('start revision 0: from the next change on; nothing from history', () => {
    const r = new Rig();
    r.put('k', '1');
    r.put('k', '2');
    const w = r.watch({ key: 'k' });
    expect(w.nextRevision).toBe(4);
    expect(r.out.deliveries).toEqual([]);
    r.put('k', '3');
    expect(r.out.of(w).map(short)).toEqual(['put k=3@4']);
  });

  it('a key alone, a range, every key from a key on', () => {
    const r = new Rig();
    const one = r.watch({ key: 'b' });
    const range = r.watch({ key: 'b', end: 'd' });
    const from = r.watch({ key: 'b', end: ALL });
    const all = r.watch({ key: '\0', end: ALL });
    for (const k of ['a', 'b', 'ba', 'c', 'd', 'zz']) r.put(k, '1');
    const keys = (w: Watcher) => r.out.of(w).map((e) => str(e.kv.key));
    expect(keys(one)).toEqual(['b']);
    expect(keys(range)).toEqual(['b', 'ba', 'c']);
    expect(keys(from)).toEqual(['b', 'ba', 'c', 'd', 'zz']);
    expect(keys(all)).toEqual(['a', 'b', 'ba', 'c', 'd', 'zz']);
  });

  it('noPut / noDelete filters, in catch-up and live alike', () => {
    const r = new Rig();
    r.put('k', '1'); // 2
    r.del('k'); // 3
    const noPut = r.watch({ key: 'k', startRevision: 2, noPut: true });
    const noDel = r.watch({ key: 'k', startRevision: 2, noDelete: true });
    const neither = r.watch({ key: 'k', startRevision: 2, noPut: true, noDelete: true });
    r.put('k', '2'); // 4
    r.del('k'); // 5
    expect(r.out.of(noPut).map(short)).toEqual(['del k@3', 'del k@5']);
    expect(r.out.of(noDel).map(short)).toEqual(['put k=1@2', 'put k=2@4']);
    expect(r.out.calls(neither)).toEqual([]); // nothing to send, nothing sent
    expect(neither.nextRevision).toBe(6); // but it kept up
  });

  it('prev_kv only when asked, in catch-up and live; asking watchers keep theirs when others strip it', () => {
    const r = new Rig();
    r.put('k', 'old'); // 2
    r.put('k', 'new'); // 3
    const bare = r.watch({ key: 'k', startRevision: 2 });
    const withPrev = r.watch({ key: 'k', startRevision: 2, prevKv: true });
    r.del('k'); // 4
    const prevs = (w: Watcher) => r.out.of(w).map((e) => (e.prevKv ? `${str(e.prevKv.value)}@${e.prevKv.modRevision}` : undefined));
    expect(prevs(bare)).toEqual([undefined, undefined, undefined]);
    expect(prevs(withPrev)).toEqual([undefined, 'old@2', 'new@3']);
    // the same live batch reached both: the bare watcher's copy was stripped, not the batch
    expect(r.out.of(withPrev)[2].type).toBe('delete');
    expect(plain(r.out.of(bare)[2].kv)).toEqual({ key: 'k', value: '', create: 0, mod: 4, version: 0, lease: 0 });
  });

  it('a start below the compaction is canceled at once with the compact revision', () => {
    const r = new Rig();
    r.put('k', '1'); // 2
    r.put('k', '2'); // 3
    r.put('j', '1'); // 4
    r.store.compact(3);
    const sizeBefore = r.hub.size;
    const w = r.watch({ key: '\0', end: ALL, startRevision: 2 });
    expect(r.out.cancels).toHaveLength(1);
    expect(r.out.cancels[0]).toMatchObject({ w, compactRevision: 3 });
    expect(r.out.cancels[0].reason).toMatch(/compacted/);
    expect(r.out.deliveries).toEqual([]);
    expect(r.hub.size).toBe(sizeBefore);
    r.put('k', '3');
    expect(r.out.deliveries).toEqual([]); // gone for good
  });

  it('a start at the compact revision itself is accepted, as etcd does (only below it is canceled)', () => {
    // etcd 3.4 (checked against etcd-server): after `compact 3`, `watch --rev=3` streams the
    // revision-3 put (no prev_kv: the revision before is gone); `--rev=2` is canceled with
    // compact_revision 3. Clients resume from compact_revision, so refusing it would loop.
    const r = new Rig();
    r.put('k', '1'); // 2
    r.put('k', '2'); // 3
    r.put('j', '1'); // 4
    r.store.compact(3);
    const w = r.watch({ key: '\0', end: ALL, startRevision: 3, prevKv: true });
    expect(r.out.cancels).toEqual([]);
    expect(r.out.of(w).map(short)).toEqual(['put k=2@3', 'put j=1@4']);
    expect(r.out.of(w)[0].prevKv).toBeUndefined();
  });

  it('a watcher starting in the future hears changes from its start revision exactly', () => {
    const r = new Rig();
    r.put('k', '1'); // 2
    const w = r.watch({ key: 'k', startRevision: 5 });
    expect(w.nextRevision).toBe(5);
    r.put('k', '2'); // 3
    r.put('k', '3'); // 4
    expect(r.out.deliveries).toEqual([]);
    r.put('k', '4'); // 5
    r.put('x', '0'); // 6
    r.put('k', '5'); // 7
    expect(r.out.calls(w).map((d) => [d.events.map(short), d.revision])).toEqual([
      [['put k=4@5'], 5],
      [['put k=5@7'], 7],
    ]);
  });

  it('after a snapshot install (MvccStore.load with more history), restored() makes watchers catch up', () => {
    const leader = new MvccStore();
    const r = new Rig();
    const both = (fn: (tx: WriteBatch) => void) => {
      leader.batch(fn);
      r.batch(fn);
    };
    both((tx) => void tx.put(b('a'), b('1'))); // 2
    both((tx) => void tx.put(b('b'), b('1'))); // 3
    const live = r.watch({ key: '\0', end: ALL, startRevision: 2 });
    const future = r.watch({ key: 'a', startRevision: 7 });
    const prefix = r.watch({ key: 'a' }); // from 4 on
    expect(r.out.of(live).map(short)).toEqual(['put a=1@2', 'put b=1@3']);
    // the leader went on while this member was cut off
    leader.batch((tx) => void tx.put(b('a'), b('2'))); // 4
    leader.batch((tx) => void tx.delete(b('b'))); // 5
    leader.batch((tx) => {
      tx.put(b('c'), b('1'));
      tx.put(b('a'), b('3'));
    }); // 6
    r.store.load(leader.revision, leader.compactRevision, dumpOf(leader));
    r.hub.restored();
    expect(r.out.calls(live).map((d) => [d.events.map(short), d.revision])).toEqual([
      [['put a=1@2', 'put b=1@3'], 3],
      [['put a=2@4', 'del b@5', 'put c=1@6', 'put a=3@6'], 6],
    ]);
    expect(r.out.of(prefix).map(short)).toEqual(['put a=2@4', 'put a=3@6']);
    expect(r.out.of(future)).toEqual([]);
    // and live from there on
    r.put('a', '4'); // 7
    expect(r.out.of(live).map(short).slice(-1)).toEqual(['put a=4@7']);
    expect(r.out.of(future).map(short)).toEqual(['put a=4@7']);
    expect(r.out.of(prefix).map(short)).toEqual(['put a=2@4', 'put a=3@6', 'put a=4@7']);
  });

  it('a watcher that missed batches (the store moved without telling the hub) catches up from history at the next one', () => {
    const r = new Rig();
    r.put('k', '1'); // 2
    const w = r.watch({ key: 'k', prevKv: true }); // next: 3
    r.store.batch((tx) => void tx.put(b('k'), b('2'))); // 3: the hub is not told
    r.store.batch((tx) => void tx.put(b('k'), b('3'))); // 4: nor here
    r.put('k', '4'); // 5: told
    expect(r.out.calls(w).map((d) => [d.events.map(short), d.revision])).toEqual([[['put k=2@3', 'put k=3@4', 'put k=4@5'], 5]]);
    expect(r.out.of(w).map((e) => str(e.prevKv!.value))).toEqual(['1', '2', '3']);
    r.put('k', '5');
    expect(r.out.of(w).map(short).slice(-1)).toEqual(['put k=5@6']);
  });

  it('a snapshot install whose history starts after a watcher\'s position cancels that watcher', () => {
    const leader = new MvccStore();
    for (let i = 0; i < 5; i++) leader.write([{ type: 'put', key: b('k'), value: b(String(i)) }]); // 2..6
    leader.compact(5);
    const r = new Rig();
    r.put('k', '0'); // 2
    const behind = r.watch({ key: 'k' }); // next: 3
    const ahead = r.watch({ key: 'k', startRevision: 6 });
    r.store.load(leader.revision, leader.compactRevision, dumpOf(leader));
    r.hub.restored();
    expect(r.out.cancels.map((c) => [c.w.id, c.compactRevision])).toEqual([[behind.id, 5]]);
    expect(r.out.of(ahead).map(short)).toEqual(['put k=4@6']);
    expect(r.hub.size).toBe(1);
  });

  it('through the state machine: a member that restores a snapshot brings its watchers along', () => {
    const leader = new RegistryStateMachine();
    const follower = new RegistryStateMachine();
    const hub = new WatchHub(follower.mvcc);
    follower.listen(hub);
    const out = new Collector();
    const entries = [
      encodeCommand({ put: { key: b('k'), value: b('1') } }),
      encodeCommand({ leaseGrant: { ID: 3, TTL: 5 } }),
      encodeCommand({ put: { key: b('k'), value: b('2'), lease: 3 } }),
      encodeCommand({ put: { key: b('j'), value: b('1'), lease: 3 } }),
      encodeCommand({ leaseRevoke: { ID: 3 } }),
    ];
    leader.apply(1, entries[0]);
    follower.apply(1, entries[0]);
    const w = new Watcher(1, spec({ key: '\0', end: ALL, prevKv: true }), out);
    hub.add(w);
    for (let i = 1; i < entries.length; i++) leader.apply(i + 1, entries[i]);
    follower.restore(leader.snapshot());
    expect(out.of(w).map(short)).toEqual(['put k=2@3', 'put j=1@4', 'del j@5', 'del k@5']);
    follower.apply(6, encodeCommand({ put: { key: b('k'), value: b('3') } }));
    expect(out.of(w).map(short).slice(-1)).toEqual(['put k=3@6']);
  });

  it(`catch-up is cut into batches of ${CATCH_UP_BATCH_EVENTS} events; the last brings the watcher to the current revision`, () => {
    const r = new Rig();
    const n = 2 * CATCH_UP_BATCH_EVENTS + 500;
    for (let i = 0; i < n; i++) r.put(`k${i % 7}`, String(i)); // revisions 2..n+1
    const w = r.watch({ key: 'k', end: 'l', startRevision: 2 });
    const calls = r.out.calls(w);
    expect(calls.map((d) => d.events.length)).toEqual([CATCH_UP_BATCH_EVENTS, CATCH_UP_BATCH_EVENTS, 500]);
    expect(calls.map((d) => d.revision)).toEqual([CATCH_UP_BATCH_EVENTS + 1, 2 * CATCH_UP_BATCH_EVENTS + 1, n + 1]);
    expect(r.out.of(w).map((e) => e.kv.modRevision)).toEqual(Array.from({ length: n }, (_, i) => i + 2));
  });

  it('a catch-up cut never splits one revision\'s events between two deliveries', () => {
    // etcd cuts catch-up batches only between revisions. A client resumes from the last
    // revision it was told of plus one, so a revision split in two would lose its second part.
    const r = new Rig();
    r.put('a', '0'); // 2
    r.batch((tx) => {
      for (let i = 0; i < CATCH_UP_BATCH_EVENTS + 200; i++) tx.put(b(`k${String(i).padStart(5, '0')}`), b('v'));
    }); // 3
    r.put('z', '0'); // 4
    const w = r.watch({ key: '\0', end: ALL, startRevision: 2 });
    const calls = r.out.calls(w);
    const deliveriesOf = new Map<number, Set<number>>();
    calls.forEach((d, i) => {
      for (const e of d.events) deliveriesOf.set(e.kv.modRevision, (deliveriesOf.get(e.kv.modRevision) ?? new Set()).add(i));
      // everything at or below the revision a delivery announces has been delivered
      expect(r.out.calls(w).slice(i + 1).flatMap((x) => x.events).every((e) => e.kv.modRevision > d.revision)).toBe(true);
    });
    expect([...deliveriesOf].map(([rev, at]) => [rev, at.size])).toEqual([
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
    expect(r.out.of(w)).toHaveLength(CATCH_UP_BATCH_EVENTS + 202);
    expect(calls[calls.length - 1].revision).toBe(4);
  });

  it('a target that drops its watcher mid catch-up gets nothing more; remove() stops live delivery', () => {
    const r = new Rig();
    for (let i = 0; i < CATCH_UP_BATCH_EVENTS + 10; i++) r.put('k', String(i));
    const quitter = new Collector();
    quitter.onEvents = (w) => r.hub.remove(w);
    const w = r.watch({ key: 'k', startRevision: 2 }, quitter);
    expect(quitter.deliveries).toHaveLength(1);
    expect(r.hub.size).toBe(0);
    const v = r.watch({ key: 'k' });
    r.put('k', 'a');
    r.hub.remove(v);
    r.put('k', 'b');
    expect(r.out.of(v).map((e) => str(e.kv.value))).toEqual(['a']);
    expect(quitter.deliveries.filter((d) => d.w !== w)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------- property

type WatchReq = { key: string; end: Uint8Array; mode: 'past' | 'next' | 'future'; delta: number; prevKv: boolean; noPut: boolean; noDelete: boolean };
type HubStep =
  | { kind: 'write'; ops: { key: string; value: string | null }[] }
  | { kind: 'delrange'; key: string; end: Uint8Array }
  | { kind: 'watch'; w: WatchReq }
  | { kind: 'install'; batches: { key: string; value: string | null }[][] };

const KEYS = ['a', 'ab', 'b', 'c', 'd'];
const opsArb = fc.uniqueArray(fc.record({ key: fc.constantFrom(...KEYS), value: fc.option(fc.constantFrom('1', '2', '3'), { freq: 4 }) }), { minLength: 1, maxLength: 3, selector: (o) => o.key });
const rangeEndArb = fc.constantFrom(NONE, NONE, b('b'), b('c'), b('e'), ALL);
const hubStepArb: fc.Arbitrary<HubStep> = fc.oneof(
  { weight: 6, arbitrary: opsArb.map((ops) => ({ kind: 'write' as const, ops })) },
  { weight: 1, arbitrary: fc.record({ key: fc.constantFrom(...KEYS), end: fc.constantFrom(b('c'), ALL) }).map((d) => ({ kind: 'delrange' as const, ...d })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ key: fc.constantFrom(...KEYS), end: rangeEndArb, mode: fc.constantFrom('past' as const, 'next' as const, 'future' as const), delta: fc.nat(5), prevKv: fc.boolean(), noPut: fc.boolean(), noDelete: fc.boolean() })
      .map((w) => ({ kind: 'watch' as const, w })),
  },
  { weight: 1, arbitrary: fc.array(opsArb, { maxLength: 4 }).map((batches) => ({ kind: 'install' as const, batches })) },
);

function applyOps(tx: WriteBatch, ops: { key: string; value: string | null }[]): void {
  for (const o of ops) {
    if (o.value === null) tx.delete(b(o.key));
    else tx.put(b(o.key), b(o.value));
  }
}

describe('WatchHub: property', () => {
  it('what a watcher from revision r receives, concatenated, is store.changes(key, end, r) at the end, shaped by its filters', () => {
    fc.assert(
      fc.property(fc.array(hubStepArb, { minLength: 1, maxLength: 40 }), (steps) => {
        const r = new Rig();
        const watchers: { w: Watcher; from: number }[] = [];
        for (const step of steps) {
          if (step.kind === 'write') r.batch((tx) => applyOps(tx, step.ops));
          else if (step.kind === 'delrange') r.batch((tx) => void tx.delete(b(step.key), step.end));
          else if (step.kind === 'watch') {
            const cur = r.store.revision;
            const q = step.w;
            const startRevision = q.mode === 'next' ? 0 : q.mode === 'past' ? Math.max(1, cur - q.delta) : cur + 1 + q.delta;
            const w = r.watch({ key: q.key, end: q.end, startRevision, prevKv: q.prevKv, noPut: q.noPut, noDelete: q.noDelete });
            watchers.push({ w, from: startRevision > 0 ? startRevision : cur + 1 });
          } else {
            // the leader moved on; this member installs its snapshot
            const leader = new MvccStore();
            leader.load(r.store.revision, r.store.compactRevision, dumpOf(r.store));
            for (const ops of step.batches) leader.batch((tx) => applyOps(tx, ops));
            r.store.load(leader.revision, leader.compactRevision, dumpOf(leader));
            r.hub.restored();
          }
        }
        expect(r.out.cancels).toEqual([]);
        for (const { w, from } of watchers) {
          const s = w.spec;
          const want = r.store
            .changes(s.key, s.end.byteLength > 0 ? s.end : undefined, from)
            .filter((e) => !(e.type === 'put' && s.noPut) && !(e.type === 'delete' && s.noDelete))
            .map((e) => plainEvent(s.prevKv ? e : { ...e, prevKv: undefined }));
          expect(r.out.of(w).map(plainEvent)).toEqual(want);
          // each delivery moves the watcher forward and covers only revisions up to where it brings it
          const calls = r.out.calls(w);
          for (let i = 0; i < calls.length; i++) {
            expect(calls[i].events.length).toBeGreaterThan(0);
            for (const e of calls[i].events) expect(e.kv.modRevision).toBeLessThanOrEqual(calls[i].revision);
            if (i > 0) expect(calls[i].revision).toBeGreaterThan(calls[i - 1].revision);
            if (i > 0) expect(calls[i].events[0].kv.modRevision).toBeGreaterThan(calls[i - 1].revision);
          }
          expect(w.nextRevision).toBe(Math.max(from, r.store.revision + 1));
        }
      }),
      { numRuns: 300 },
    );
  });
});
