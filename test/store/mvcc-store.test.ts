import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MvccStore, type KeyValue } from '../../src/store/mvcc/mvcc-store.ts';
import { CompactedError, FutureRevisionError } from '../../src/store/mvcc/errors.ts';

const b = (s: string) => Buffer.from(s, 'latin1');
const s = (u: Uint8Array) => Buffer.from(u).toString('latin1');

describe('MvccStore: etcd v3 semantics', () => {
  it('starts at revision 1; each write batch moves the revision by one; versions count per life', () => {
    const st = new MvccStore();
    expect(st.revision).toBe(1);
    st.write([{ type: 'put', key: b('a'), value: b('1') }]);
    st.write([{ type: 'put', key: b('a'), value: b('2') }]);
    const [kv] = st.range(b('a')).kvs;
    expect(kv).toMatchObject({ createRevision: 2, modRevision: 3, version: 2 });
    st.write([{ type: 'delete', key: b('a') }]);
    expect(st.range(b('a')).kvs).toEqual([]);
    st.write([{ type: 'put', key: b('a'), value: b('3') }]);
    expect(st.range(b('a')).kvs[0]).toMatchObject({ createRevision: 5, modRevision: 5, version: 1 });
    // the old value is still readable at its revision
    expect(s(st.range(b('a'), { revision: 3 }).kvs[0].value)).toBe('2');
  });

  it('a delete that removes nothing, or an empty batch, does not move the revision', () => {
    const st = new MvccStore();
    st.write([{ type: 'delete', key: b('nope') }]);
    st.write([]);
    expect(st.revision).toBe(1);
  });

  it('ranges are in byte order, with limit, count and more; "\\0" as end means every key from key on', () => {
    const st = new MvccStore();
    st.write(['b', 'a', '\xff', 'ab', '\x00'].map((k) => ({ type: 'put' as const, key: b(k), value: b(k) })));
    expect(st.range(b('\x00'), { end: new Uint8Array([0]) }).kvs.map((kv) => s(kv.key))).toEqual(['\x00', 'a', 'ab', 'b', '\xff']);
    const r = st.range(b('a'), { end: b('b'), limit: 1 });
    expect(r.kvs.map((kv) => s(kv.key))).toEqual(['a']);
    expect(r.count).toBe(2);
    expect(r.more).toBe(true);
  });

  it('refuses reads below the compaction and beyond the current revision, with etcd\'s messages', () => {
    const st = new MvccStore();
    for (let i = 0; i < 5; i++) st.write([{ type: 'put', key: b('k'), value: b(String(i)) }]);
    st.compact(4);
    expect(() => st.range(b('k'), { revision: 3 })).toThrow(CompactedError);
    expect(() => st.range(b('k'), { revision: 3 })).toThrow(/required revision has been compacted/);
    expect(() => st.range(b('k'), { revision: 7 })).toThrow(FutureRevisionError);
    expect(() => st.compact(4)).toThrow(CompactedError);
    expect(s(st.range(b('k'), { revision: 4 }).kvs[0].value)).toBe('2');
  });
});

// ---------------------------------------------------------------- model-based property

type Op =
  | { kind: 'batch'; puts: [string, string][]; dels: string[] }
  | { kind: 'delrange'; from: string; to: string }
  | { kind: 'compact'; back: number }
  | { kind: 'read'; from: string; to: string | null; back: number; limit: number };

/** [from, to), where to = "\0" means every key from `from` on (etcd's convention). */
const inRange = (k: string, from: string, to: string) => k >= from && (to === '\x00' || k < to);

/** The obviously correct model: the whole key space copied at every revision. */
class Model {
  states = new Map<number, Map<string, KeyValue>>([[1, new Map()]]);
  /** revision -> the changes of its batch, in batch order: [type, key, value, previous value]. */
  events = new Map<number, [string, string, string | undefined, string | undefined][]>();
  rev = 1;
  compacted = 0;

  write(apply: (next: Map<string, KeyValue>, rev: number, log: (t: string, k: string) => void) => boolean): void {
    const before = this.states.get(this.rev)!;
    const next = new Map(before);
    const evs: [string, string, string | undefined, string | undefined][] = [];
    const log = (t: string, k: string) => {
      const prev = before.get(k);
      evs.push([t, k, t === 'put' ? s(next.get(k)!.value) : undefined, prev ? s(prev.value) : undefined]);
    };
    if (apply(next, this.rev + 1, log)) {
      this.rev++;
      this.states.set(this.rev, next);
      this.events.set(this.rev, evs);
    }
  }
}

const keyArb = fc.constantFrom('\x00', 'a', 'ab', 'b', 'b\x00', '\xff', '\xff\xff');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('batch' as const), puts: fc.uniqueArray(fc.tuple(keyArb, fc.string({ maxLength: 3 })), { maxLength: 3, selector: (t) => t[0] }), dels: fc.array(keyArb, { maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delrange' as const), from: keyArb, to: keyArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const), back: fc.nat(4) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), from: keyArb, to: fc.option(keyArb), back: fc.nat(6), limit: fc.nat(3) }) },
);

describe('MvccStore against a copy-everything model', () => {
  it('agrees on every read and every change history, at every revision, through writes, deletes and compactions', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const st = new MvccStore();
        const m = new Model();
        for (const op of ops) {
          if (op.kind === 'batch') {
            // The API refuses a batch touching a key twice: keep deletes off the put keys.
            const dels = op.dels.filter((k) => !op.puts.some(([p]) => p === k));
            st.write([...op.puts.map(([k, v]) => ({ type: 'put' as const, key: b(k), value: b(v) })), ...[...new Set(dels)].map((k) => ({ type: 'delete' as const, key: b(k) }))]);
            m.write((next, rev, log) => {
              let changed = false;
              for (const [k, v] of op.puts) {
                const prev = next.get(k);
                next.set(k, { key: b(k), value: b(v), lease: 0, createRevision: prev ? prev.createRevision : rev, modRevision: rev, version: prev ? prev.version + 1 : 1 });
                log('put', k);
                changed = true;
              }
              for (const k of new Set(dels)) {
                if (next.delete(k)) {
                  log('delete', k);
                  changed = true;
                }
              }
              return changed;
            });
          } else if (op.kind === 'delrange') {
            st.write([{ type: 'delete', key: b(op.from), end: b(op.to) }]);
            m.write((next, _rev, log) => {
              let changed = false;
              for (const k of [...next.keys()].sort()) {
                if (inRange(k, op.from, op.to) && next.delete(k)) {
                  log('delete', k);
                  changed = true;
                }
              }
              return changed;
            });
          } else if (op.kind === 'compact') {
            const rev = m.rev - op.back;
            if (rev <= m.compacted || rev < 1) {
              expect(() => st.compact(rev)).toThrow(CompactedError);
            } else {
              st.compact(rev);
              m.compacted = rev;
            }
          } else {
            const rev = m.rev - op.back;
            const end = op.to === null ? undefined : b(op.to);
            if (rev < 1 || rev < m.compacted) {
              if (rev >= 1) expect(() => st.range(b(op.from), { end, revision: rev })).toThrow(CompactedError);
              continue;
            }
            const got = st.range(b(op.from), { end, revision: rev, limit: op.limit });
            const state = m.states.get(rev)!;
            const want = [...state.values()]
              .filter((kv) => (op.to === null ? s(kv.key) === op.from : inRange(s(kv.key), op.from, op.to)))
              .sort((x, y) => (s(x.key) < s(y.key) ? -1 : 1));
            expect(got.count).toBe(want.length);
            expect(got.more).toBe(op.limit > 0 && want.length > op.limit);
            const norm = (kv: KeyValue) => ({ ...kv, key: s(kv.key), value: s(kv.value) });
            expect(got.kvs.map(norm)).toEqual((op.limit > 0 ? want.slice(0, op.limit) : want).map(norm));
          }
          expect(st.revision).toBe(m.rev);
        }
        // A watch of every key from any retained revision gets exactly the model's changes.
        // From the compact revision itself too, as etcd allows: its puts without prev_kv (the
        // revision before is gone), its deletes gone with the compacted history.
        for (let from = Math.max(1, m.compacted - 1); from <= m.rev + 1; from++) {
          if (from < m.compacted) {
            expect(() => st.changes(b('\x00'), new Uint8Array([0]), from)).toThrow(CompactedError);
            continue;
          }
          const got = st.changes(b('\x00'), new Uint8Array([0]), from).map((e) => [e.type, s(e.kv.key), e.type === 'put' ? s(e.kv.value) : undefined, e.prevKv ? s(e.prevKv.value) : undefined, e.kv.modRevision]);
          const want: unknown[] = [];
          for (let r = from; r <= m.rev; r++) {
            for (const ev of m.events.get(r) ?? []) {
              if (r > m.compacted) want.push([...ev, r]);
              else if (ev[0] === 'put') want.push([ev[0], ev[1], ev[2], undefined, r]);
            }
          }
          expect(got).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});
