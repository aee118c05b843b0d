// The registry state machine, its transactions and ranges, its snapshot image and the MVCC
// store's write batches: in-process, through the same encoded log entries Raft carries.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pino from 'pino';
import type { Compare } from '../../src/gen/etcdserverpb/Compare.ts';
import type { RangeRequest } from '../../src/gen/etcdserverpb/RangeRequest.ts';
import type { RequestOp } from '../../src/gen/etcdserverpb/RequestOp.ts';
import type { ResponseOp } from '../../src/gen/etcdserverpb/ResponseOp.ts';
import type { TxnRequest } from '../../src/gen/etcdserverpb/TxnRequest.ts';
import { decodeCommand, encodeCommand, type CommandInput } from '../../src/store/registry/command-codec.ts';
import { Compactor } from '../../src/store/registry/compactor.ts';
import { executeRange } from '../../src/store/registry/range.ts';
import type { Registry } from '../../src/store/registry/registry.ts';
import { encodeRegistrySnapshot, RegistrySnapshotError } from '../../src/store/registry/registry-snapshot.ts';
import { RegistryStateMachine, type ApplyResult } from '../../src/store/registry/registry-state-machine.ts';
import type { TxnResult } from '../../src/store/registry/txn.ts';
import { MvccStore, type KeyEvent, type KeyValue } from '../../src/store/mvcc/mvcc-store.ts';

// ---------------------------------------------------------------------------- helpers

const b = (s: string) => Buffer.from(s, 'latin1');
const str = (u: Uint8Array) => Buffer.from(u).toString('latin1');
const ALL = new Uint8Array([0]);

/** A state machine fed through encoded log entries at consecutive indexes. */
class Member {
  readonly sm = new RegistryStateMachine();
  index = 0;
  run(cmd: CommandInput): ApplyResult {
    return this.sm.apply(++this.index, encodeCommand(cmd));
  }
  raw(data: Uint8Array): ApplyResult {
    return this.sm.apply(++this.index, data);
  }
  put(key: string, value: string, extra: Record<string, unknown> = {}): ApplyResult {
    return this.run({ put: { key: b(key), value: b(value), ...extra } });
  }
  get(key: string, revision = 0): KeyValue | undefined {
    return this.sm.mvcc.range(b(key), { revision }).kvs[0];
  }
  value(key: string): string | undefined {
    const kv = this.get(key);
    return kv ? str(kv.value) : undefined;
  }
  txn(t: TxnRequest): ApplyResult {
    return this.run({ txn: t });
  }
  grant(id: number, ttl = 10): ApplyResult {
    return this.run({ leaseGrant: { ID: id, TTL: ttl } });
  }
  leaseKeys(id: number): string[] | undefined {
    const l = this.sm.leases.get(id);
    return l ? [...l.keys].sort() : undefined;
  }
}

const TARGET = { version: 0, createRevision: 1, modRevision: 2, value: 3, lease: 4 } as const;
const RESULT = { '=': 0, '>': 1, '<': 2, '!=': 3 } as const;
type Target = keyof typeof TARGET;

function cmp(key: string, target: Target, op: keyof typeof RESULT, operand: number | string, rangeEnd?: Uint8Array): Compare {
  return {
    key: b(key),
    target: TARGET[target],
    result: RESULT[op],
    [target]: target === 'value' ? b(String(operand)) : operand,
    ...(rangeEnd ? { rangeEnd } : {}),
  } as Compare;
}

const opPut = (key: string, value: string, extra: Record<string, unknown> = {}): RequestOp => ({ requestPut: { key: b(key), value: b(value), ...extra } });
const opGet = (key: string, extra: RangeRequest = {}): RequestOp => ({ requestRange: { key: b(key), ...extra } });
const opDel = (key: string, end?: Uint8Array, prevKv = false): RequestOp => ({ requestDeleteRange: { key: b(key), ...(end ? { rangeEnd: end } : {}), prevKv } });
const opTxn = (t: TxnRequest): RequestOp => ({ requestTxn: t });

const kvsOf = (r: ResponseOp | undefined): KeyValue[] => (r!.responseRange!.kvs ?? []) as unknown as KeyValue[];
const ok = (r: ApplyResult): Exclude<ApplyResult, { error: string }> => {
  expect(r.error).toBeUndefined();
  return r as Exclude<ApplyResult, { error: string }>;
};
const txnOf = (r: ApplyResult): TxnResult => ok(r).txn!;

/** A key value in a comparable shape (keys and values as strings). */
const plain = (kv: KeyValue | undefined) =>
  kv && { key: str(kv.key), value: str(kv.value), create: kv.createRevision, mod: kv.modRevision, version: kv.version, lease: kv.lease };
const plainEvent = (e: KeyEvent) => ({ type: e.type, kv: plain(e.kv), prev: plain(e.prevKv), sub: e.sub });

// ---------------------------------------------------------------------------- put / delete

describe('RegistryStateMachine: put and delete (etcd semantics)', () => {
  it('put moves the revision by one; create/mod revision and version follow; prev_kv only when asked', () => {
    const m = new Member();
    expect(m.sm.mvcc.revision).toBe(1);
    const r1 = ok(m.put('k', 'v1', { prevKv: true }));
    expect(r1.revision).toBe(2);
    expect(r1.put).toEqual({}); // new key: no previous value even though asked
    const r2 = ok(m.put('k', 'v2'));
    expect(r2.revision).toBe(3);
    expect(r2.put?.prevKv).toBeUndefined(); // not asked
    const r3 = ok(m.put('k', 'v3', { prevKv: true }));
    expect(plain(r3.put?.prevKv)).toEqual({ key: 'k', value: 'v2', create: 2, mod: 3, version: 2, lease: 0 });
    expect(plain(m.get('k'))).toEqual({ key: 'k', value: 'v3', create: 2, mod: 4, version: 3, lease: 0 });
    expect(m.sm.applied).toBe(3);
  });

  it('ignore_value keeps the value and takes the new lease; ignore_lease keeps the lease and takes the new value', () => {
    const m = new Member();
    ok(m.grant(7));
    ok(m.grant(8));
    ok(m.put('k', 'orig', { lease: 7 }));
    const r = ok(m.put('k', '', { ignoreValue: true, lease: 8, prevKv: true }));
    expect(str(r.put!.prevKv!.value)).toBe('orig');
    expect(plain(m.get('k'))).toMatchObject({ value: 'orig', lease: 8, version: 2 });
    ok(m.put('k', 'new', { ignoreLease: true }));
    expect(plain(m.get('k'))).toMatchObject({ value: 'new', lease: 8, version: 3 });
    expect(m.leaseKeys(7)).toEqual([]);
    expect(m.leaseKeys(8)).toEqual(['k']);
  });

  it('ignore_value / ignore_lease on a missing key: key-not-found, and nothing changes', () => {
    const m = new Member();
    ok(m.put('other', 'x'));
    const rev = m.sm.mvcc.revision;
    expect(m.put('k', '', { ignoreValue: true })).toEqual({ error: 'key-not-found', revision: rev });
    expect(m.put('k', 'v', { ignoreLease: true })).toEqual({ error: 'key-not-found', revision: rev });
    // a deleted key is missing too
    ok(m.put('gone', 'x'));
    ok(m.run({ deleteRange: { key: b('gone') } }));
    const rev2 = m.sm.mvcc.revision;
    expect(m.put('gone', '', { ignoreValue: true })).toEqual({ error: 'key-not-found', revision: rev2 });
    expect(m.sm.mvcc.revision).toBe(rev2);
    expect(m.get('k')).toBeUndefined();
    expect(m.get('gone')).toBeUndefined();
  });

  it('a put with an unknown lease: lease-not-found, revision unchanged, old value kept', () => {
    const m = new Member();
    ok(m.put('k', 'v1'));
    expect(m.put('k', 'v2', { lease: 42 })).toEqual({ error: 'lease-not-found', revision: 2 });
    expect(m.put('fresh', 'v', { lease: 42 })).toEqual({ error: 'lease-not-found', revision: 2 });
    expect(m.sm.mvcc.revision).toBe(2);
    expect(m.value('k')).toBe('v1');
    expect(m.get('fresh')).toBeUndefined();
    // a revoked lease is unknown as well
    ok(m.grant(5));
    ok(m.run({ leaseRevoke: { ID: 5 } }));
    expect(m.put('k', 'v3', { lease: 5 }).error).toBe('lease-not-found');
  });

  it('delete: one key, a range, every key from a key on; prev_kvs only when asked; deleting nothing keeps the revision', () => {
    const m = new Member();
    for (const k of ['a', 'b1', 'b2', 'c', 'd']) ok(m.put(k, k.toUpperCase()));
    expect(m.sm.mvcc.revision).toBe(6);
    const none = ok(m.run({ deleteRange: { key: b('zz') } }));
    expect(none).toEqual({ revision: 6, deleteRange: { deleted: 0, prevKvs: [] } });
    const one = ok(m.run({ deleteRange: { key: b('a') } }));
    expect(one.revision).toBe(7);
    expect(one.deleteRange).toEqual({ deleted: 1, prevKvs: [] });
    const range = ok(m.run({ deleteRange: { key: b('b'), rangeEnd: b('c'), prevKv: true } }));
    expect(range.revision).toBe(8); // two keys, one revision
    expect(range.deleteRange!.deleted).toBe(2);
    expect(range.deleteRange!.prevKvs.map(plain)).toEqual([
      { key: 'b1', value: 'B1', create: 3, mod: 3, version: 1, lease: 0 },
      { key: 'b2', value: 'B2', create: 4, mod: 4, version: 1, lease: 0 },
    ]);
    const rest = ok(m.run({ deleteRange: { key: b('c'), rangeEnd: ALL } }));
    expect(rest.deleteRange!.deleted).toBe(2);
    expect(m.sm.mvcc.range(b('\0'), { end: ALL }).count).toBe(0);
  });
});

// ---------------------------------------------------------------------------- txn

describe('RegistryStateMachine: transactions', () => {
  const setup = () => {
    const m = new Member();
    ok(m.grant(9));
    ok(m.put('a', 'apple')); // rev 2
    ok(m.put('a', 'avocado')); // rev 3: version 2
    ok(m.put('b', 'banana', { lease: 9 })); // rev 4
    return m;
  };
  const holds = (m: Member, ...compare: Compare[]) => txnOf(m.txn({ compare })).succeeded;

  it('a missing key: a value compare always fails; version/create/mod/lease compare against 0', () => {
    const m = setup();
    expect(holds(m, cmp('nope', 'value', '=', ''))).toBe(false);
    expect(holds(m, cmp('nope', 'value', '!=', 'x'))).toBe(false);
    expect(holds(m, cmp('nope', 'value', '<', 'zzz'))).toBe(false);
    expect(holds(m, cmp('nope', 'version', '=', 0))).toBe(true);
    expect(holds(m, cmp('nope', 'version', '>', 0))).toBe(false);
    expect(holds(m, cmp('nope', 'createRevision', '=', 0))).toBe(true);
    expect(holds(m, cmp('nope', 'modRevision', '<', 1))).toBe(true);
    expect(holds(m, cmp('nope', 'modRevision', '!=', 0))).toBe(false);
    expect(holds(m, cmp('nope', 'lease', '=', 0))).toBe(true);
    // the etcd idiom "create if absent"
    const r = txnOf(m.txn({ compare: [cmp('new', 'createRevision', '=', 0)], success: [opPut('new', 'n')] }));
    expect(r.succeeded).toBe(true);
    expect(m.value('new')).toBe('n');
  });

  it('Equal / Greater / Less / NotEqual on version, create, mod, value (bytes) and lease', () => {
    const m = setup();
    expect(holds(m, cmp('a', 'version', '=', 2))).toBe(true);
    expect(holds(m, cmp('a', 'version', '>', 1))).toBe(true);
    expect(holds(m, cmp('a', 'version', '>', 2))).toBe(false);
    expect(holds(m, cmp('a', 'version', '<', 3))).toBe(true);
    expect(holds(m, cmp('a', 'version', '<', 2))).toBe(false);
    expect(holds(m, cmp('a', 'version', '!=', 2))).toBe(false);
    expect(holds(m, cmp('a', 'version', '!=', 1))).toBe(true);
    expect(holds(m, cmp('a', 'createRevision', '=', 2))).toBe(true);
    expect(holds(m, cmp('a', 'createRevision', '<', 2))).toBe(false);
    expect(holds(m, cmp('a', 'modRevision', '=', 3))).toBe(true);
    expect(holds(m, cmp('a', 'modRevision', '>', 2))).toBe(true);
    expect(holds(m, cmp('a', 'modRevision', '<', 3))).toBe(false);
    expect(holds(m, cmp('a', 'value', '=', 'avocado'))).toBe(true);
    expect(holds(m, cmp('a', 'value', '>', 'apple'))).toBe(true); // 'av' > 'ap'
    expect(holds(m, cmp('a', 'value', '>', 'avocado'))).toBe(false);
    expect(holds(m, cmp('a', 'value', '>', 'avo'))).toBe(true); // longer with equal prefix is greater
    expect(holds(m, cmp('a', 'value', '<', 'b'))).toBe(true);
    expect(holds(m, cmp('a', 'value', '!=', 'avocado'))).toBe(false);
    expect(holds(m, cmp('b', 'lease', '=', 9))).toBe(true);
    expect(holds(m, cmp('b', 'lease', '>', 8))).toBe(true);
    expect(holds(m, cmp('a', 'lease', '!=', 0))).toBe(false);
  });

  it('compares are a conjunction; with range_end every key in the range must hold', () => {
    const m = new Member();
    ok(m.put('p/1', 'x')); // rev 2
    ok(m.put('p/2', 'x')); // rev 3
    ok(m.put('p/2', 'x')); // rev 4: p/2 version 2
    ok(m.put('q', 'y'));
    const P = b('p0'); // end of prefix "p/"
    expect(holds(m, cmp('p/', 'version', '>', 0, P))).toBe(true);
    expect(holds(m, cmp('p/', 'version', '=', 1, P))).toBe(false); // p/2 has version 2
    expect(holds(m, cmp('p/', 'version', '<', 3, P))).toBe(true);
    expect(holds(m, cmp('p/', 'value', '=', 'x', P))).toBe(true);
    expect(holds(m, cmp('p/', 'modRevision', '<', 4, P))).toBe(false); // p/2 mod 4
    expect(holds(m, cmp('p/', 'createRevision', '<', 4, P))).toBe(true);
    // every key from "p/" on includes q, whose value differs
    expect(holds(m, cmp('p/', 'value', '=', 'x', ALL))).toBe(false);
    expect(holds(m, cmp('p/', 'version', '>', 0, ALL))).toBe(true);
    // an empty range behaves like a missing key
    expect(holds(m, cmp('r', 'version', '=', 0, b('s')))).toBe(true);
    expect(holds(m, cmp('r', 'value', '=', '', b('s')))).toBe(false);
    // conjunction
    expect(holds(m, cmp('q', 'value', '=', 'y'), cmp('p/1', 'version', '=', 1))).toBe(true);
    expect(holds(m, cmp('q', 'value', '=', 'y'), cmp('p/1', 'version', '=', 2))).toBe(false);
    const r = txnOf(m.txn({ compare: [cmp('q', 'value', '=', 'y'), cmp('p/1', 'version', '=', 2)], success: [opPut('s', '1')], failure: [opPut('f', '1')] }));
    expect(r.succeeded).toBe(false);
    expect(m.get('s')).toBeUndefined();
    expect(m.value('f')).toBe('1');
  });

  it('all writes of a transaction land at one revision; its reads see its own earlier writes', () => {
    const m = setup();
    const events: { rev: number; evs: KeyEvent[] }[] = [];
    m.sm.listen({ changed: (rev, evs) => events.push({ rev, evs }) });
    const r = ok(
      m.txn({
        success: [
          opGet('a'),
          opPut('a', 'apricot', { prevKv: true }),
          opGet('a'),
          opDel('b', undefined, true),
          opGet('b'),
          opPut('c', 'cherry'),
          opGet('a', { rangeEnd: b('d') }),
          opGet('a', { revision: 3 }), // history still readable at an older revision
        ],
      }),
    );
    expect(r.revision).toBe(5);
    const resp = r.txn!.responses;
    expect(r.txn!.succeeded).toBe(true);
    expect(kvsOf(resp[0]).map(plain)).toEqual([{ key: 'a', value: 'avocado', create: 2, mod: 3, version: 2, lease: 0 }]);
    expect(str((resp[1].responsePut!.prevKv as KeyValue).value)).toBe('avocado');
    expect(kvsOf(resp[2]).map(plain)).toEqual([{ key: 'a', value: 'apricot', create: 2, mod: 5, version: 3, lease: 0 }]);
    expect(resp[3].responseDeleteRange!.deleted).toBe(1);
    expect(kvsOf(resp[4])).toEqual([]);
    expect(kvsOf(resp[6]).map((kv) => `${str(kv.key)}=${str(kv.value)}@${kv.modRevision}`)).toEqual(['a=apricot@5', 'c=cherry@5']);
    expect(resp[6].responseRange!.count).toBe(2);
    expect(kvsOf(resp[7]).map((kv) => str(kv.value))).toEqual(['avocado']);
    // one batch: three events numbered in order, all at revision 5
    expect(events).toHaveLength(1);
    expect(events[0].rev).toBe(5);
    expect(events[0].evs.map((e) => [e.type, str(e.kv.key), e.sub, e.kv.modRevision])).toEqual([
      ['put', 'a', 0, 5],
      ['delete', 'b', 1, 5],
      ['put', 'c', 2, 5],
    ]);
    // the lease lost b with the delete
    expect(m.leaseKeys(9)).toEqual([]);
  });

  it('nested transactions are decided against the state before any write', () => {
    const m = new Member();
    ok(m.put('flag', 'off'));
    const r = txnOf(
      m.txn({
        success: [
          opPut('a', '1'),
          opPut('flag', 'on'),
          // would succeed if decided after the writes above; etcd decides up front
          opTxn({
            compare: [cmp('a', 'createRevision', '>', 0), cmp('flag', 'value', '=', 'on')],
            success: [opPut('b', 'then')],
            failure: [opPut('b', 'else'), opGet('a')],
          }),
        ],
      }),
    );
    expect(r.succeeded).toBe(true);
    const inner = r.responses[2].responseTxn as unknown as TxnResult;
    expect(inner.succeeded).toBe(false);
    expect(inner.responses).toHaveLength(2);
    // the nested read still sees the outer transaction's write
    expect(kvsOf(inner.responses[1]).map((kv) => str(kv.value))).toEqual(['1']);
    expect(m.value('b')).toBe('else');
    expect(m.get('a')!.modRevision).toBe(m.get('b')!.modRevision);
  });

  it('a refused transaction changes nothing, whatever its depth; a bad op on the branch not taken does not refuse it', () => {
    const m = setup();
    const rev = m.sm.mvcc.revision;
    const snap = m.sm.snapshot();
    const heard: number[] = [];
    m.sm.listen({ changed: (r) => heard.push(r) });
    // an unknown lease after a good put
    expect(m.txn({ success: [opPut('x', '1'), opDel('a'), opPut('y', '2', { lease: 404 })] })).toEqual({ error: 'lease-not-found', revision: rev });
    // ignore_value on a missing key, inside a nested transaction on the taken path
    expect(m.txn({ success: [opPut('x', '1'), opTxn({ compare: [], success: [opPut('missing', '', { ignoreValue: true })] })] })).toEqual({ error: 'key-not-found', revision: rev });
    // reads at a future or compacted revision
    expect(m.txn({ success: [opPut('x', '1'), opGet('a', { revision: rev + 1 })] })).toEqual({ error: 'future-rev', revision: rev });
    ok(m.run({ compaction: { revision: 3 } }));
    expect(m.txn({ success: [opPut('x', '1'), opGet('a', { revision: 2 })] })).toEqual({ error: 'compacted', revision: rev });
    expect(m.sm.mvcc.revision).toBe(rev);
    expect(m.get('x')).toBeUndefined();
    expect(m.value('a')).toBe('avocado');
    expect(heard).toEqual([]);
    // the compaction aside, the image is what it was (same keys, same leases)
    const fresh = new RegistryStateMachine();
    fresh.restore(snap);
    expect(m.sm.mvcc.range(b('\0'), { end: ALL }).kvs.map(plain)).toEqual(fresh.mvcc.range(b('\0'), { end: ALL }).kvs.map(plain));
    // the failure branch holds the bad op; the success branch is taken
    const r = txnOf(m.txn({ compare: [cmp('a', 'version', '=', 2)], success: [opPut('x', '1')], failure: [opPut('y', '2', { lease: 404 })] }));
    expect(r.succeeded).toBe(true);
    expect(m.value('x')).toBe('1');
  });

  it('a transaction writing one key twice (an entry that bypassed the client port) is refused: duplicate-key, nothing thrown, nothing changed', () => {
    const m = setup();
    const rev = m.sm.mvcc.revision;
    let r: ApplyResult | undefined;
    // the put's ignore_lease would find its key deleted by the op before it
    expect(() => (r = m.txn({ success: [opDel('a'), opPut('a', '', { ignoreLease: true })] }))).not.toThrow();
    expect(r).toEqual({ error: 'duplicate-key', revision: rev });
    expect(m.txn({ compare: [cmp('a', 'version', '=', 99)], failure: [opPut('x', '1'), opTxn({ success: [opPut('x', '2')] })] })).toEqual({ error: 'duplicate-key', revision: rev });
    expect(m.sm.mvcc.revision).toBe(rev);
    // no half-written version is left behind for the next batch to pick up
    ok(m.put('y', '1'));
    expect(plain(m.get('y'))).toMatchObject({ create: rev + 1, mod: rev + 1, version: 1 });
    expect(m.value('a')).toBe('avocado');
    expect(m.get('x')).toBeUndefined();
    expect(m.sm.mvcc.changes(b('\0'), ALL, rev + 1).map((e) => str(e.kv.key))).toEqual(['y']);
  });

  it('a nested transaction may delete a key an earlier sibling put (etcd allows it): PUT then DELETE at one revision, kept on disk and in snapshots', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shoal-sm-'));
    try {
      const sm = await RegistryStateMachine.open(dir);
      let index = 0;
      const run = (cmd: CommandInput) => sm.apply(++index, encodeCommand(cmd));
      ok(run({ leaseGrant: { ID: 7, TTL: 10 } }));
      ok(run({ put: { key: b('a'), value: b('old') } }));
      const rev = sm.mvcc.revision + 1;
      const heard: KeyEvent[] = [];
      sm.listen({ changed: (_r, evs) => heard.push(...evs) });
      const r = txnOf(
        sm.apply(
          ++index,
          encodeCommand({
            txn: {
              success: [
                opTxn({ success: [opPut('a', 'new', { lease: 7 }), opPut('b', 'kept')] }),
                opTxn({ success: [opDel('a', undefined, true)] }),
              ],
            },
          }),
        ),
      );
      // the delete's response holds what it removed: the value put just before, in this txn
      const del = (r.responses[1].responseTxn as unknown as TxnResult).responses[0].responseDeleteRange!;
      expect(del.deleted).toBe(1);
      expect((del.prevKvs as KeyValue[]).map(plain)).toEqual([{ key: 'a', value: 'new', create: 2, mod: rev, version: 2, lease: 7 }]);
      // watchers see both changes; prev_kv is the value before the revision, as etcd's
      const expected = [
        { type: 'put', kv: { key: 'a', value: 'new', create: 2, mod: rev, version: 2, lease: 7 }, prev: { key: 'a', value: 'old', create: 2, mod: 2, version: 1, lease: 0 }, sub: 0 },
        { type: 'put', kv: { key: 'b', value: 'kept', create: rev, mod: rev, version: 1, lease: 0 }, prev: undefined, sub: 1 },
        { type: 'delete', kv: { key: 'a', value: '', create: 0, mod: rev, version: 0, lease: 0 }, prev: { key: 'a', value: 'old', create: 2, mod: 2, version: 1, lease: 0 }, sub: 2 },
      ];
      expect(heard.map(plainEvent)).toEqual(expected);
      expect(sm.mvcc.changes(b('\0'), ALL, rev).map(plainEvent)).toEqual(expected);
      expect(sm.mvcc.range(b('a')).kvs).toEqual([]);
      expect(sm.mvcc.range(b('a'), { revision: rev - 1 }).kvs.map(plain)).toEqual([{ key: 'a', value: 'old', create: 2, mod: 2, version: 1, lease: 0 }]);
      // the lease no longer holds the deleted key
      expect([...sm.leases.get(7)!.keys]).toEqual([]);
      // the same history from a snapshot image, and from the database after a restart
      const fromImage = new RegistryStateMachine();
      fromImage.restore(sm.snapshot());
      expect(fromImage.mvcc.changes(b('\0'), ALL, rev).map(plainEvent)).toEqual(expected);
      await sm.sync();
      await sm.close();
      const reopened = await RegistryStateMachine.open(dir);
      expect(reopened.mvcc.changes(b('\0'), ALL, rev).map(plainEvent)).toEqual(expected);
      expect([...reopened.leases.get(7)!.keys]).toEqual([]);
      // compacting past the pair drops both versions of a; b stays
      ok(reopened.apply(++index, encodeCommand({ compaction: { revision: rev } })));
      expect(reopened.mvcc.changes(b('\0'), ALL, rev).map((e) => [e.type, str(e.kv.key)])).toEqual([['put', 'b']]);
      await reopened.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a transaction that writes nothing keeps the revision; readOnlyTxn answers without changing anything', () => {
    const m = setup();
    const rev = m.sm.mvcc.revision;
    const r = ok(m.txn({ compare: [cmp('a', 'version', '=', 99)], success: [opPut('x', '1')], failure: [opGet('a'), opDel('nothing-here')] }));
    expect(r.revision).toBe(rev);
    expect(r.txn!.succeeded).toBe(false);
    expect(r.txn!.responses[1].responseDeleteRange!.deleted).toBe(0);
    const ro = m.sm.readOnlyTxn(decodeCommand(encodeCommand({ txn: { compare: [cmp('a', 'version', '=', 2)], success: [opGet('a')] } })).txn!);
    expect(ro.succeeded).toBe(true);
    expect(kvsOf(ro.responses[0]).map((kv) => str(kv.value))).toEqual(['avocado']);
    const writing = decodeCommand(encodeCommand({ txn: { success: [opPut('z', '1')] } })).txn!;
    expect(() => m.sm.readOnlyTxn(writing)).toThrow(/writes/);
    expect(m.sm.mvcc.revision).toBe(rev);
    expect(m.get('z')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------- leases

describe('RegistryStateMachine: leases', () => {
  it('grant answers id and TTL; a second grant of the id is lease-exist; revoking an unknown lease is lease-not-found', () => {
    const m = new Member();
    expect(m.grant(11, 30)).toEqual({ revision: 1, lease: { id: 11, ttl: 30 } });
    expect(m.grant(11, 5)).toEqual({ error: 'lease-exist', revision: 1 });
    expect(m.sm.leases.get(11)!.ttl).toBe(30);
    expect(m.run({ leaseRevoke: { ID: 12 } })).toEqual({ error: 'lease-not-found', revision: 1 });
  });

  it('revoking a lease deletes every attached key at ONE revision, in one batch', () => {
    const m = new Member();
    ok(m.grant(1));
    ok(m.grant(2));
    for (const k of ['k3', 'k1', 'k2']) ok(m.put(k, 'v', { lease: 1 }));
    ok(m.txn({ success: [opPut('t1', 'v', { lease: 1 }), opPut('other', 'v', { lease: 2 })] }));
    ok(m.put('plain', 'v'));
    expect(m.leaseKeys(1)).toEqual(['k1', 'k2', 'k3', 't1']);
    const before = m.sm.mvcc.revision;
    const batches: { rev: number; evs: KeyEvent[] }[] = [];
    const revoked: number[] = [];
    m.sm.listen({ changed: (rev, evs) => batches.push({ rev, evs }), leaseRevoked: (id) => revoked.push(id) });
    expect(ok(m.run({ leaseRevoke: { ID: 1 } })).revision).toBe(before + 1);
    expect(batches).toHaveLength(1);
    expect(batches[0].rev).toBe(before + 1);
    expect(batches[0].evs.map((e) => [e.type, str(e.kv.key), e.sub])).toEqual([
      ['delete', 'k1', 0],
      ['delete', 'k2', 1],
      ['delete', 'k3', 2],
      ['delete', 't1', 3],
    ]);
    expect(revoked).toEqual([1]);
    expect(m.sm.leases.has(1)).toBe(false);
    expect(m.sm.mvcc.range(b('\0'), { end: ALL }).kvs.map((kv) => str(kv.key))).toEqual(['other', 'plain']);
    // a lease with no keys: revoked without a new revision
    ok(m.grant(3));
    const rev = m.sm.mvcc.revision;
    expect(ok(m.run({ leaseRevoke: { ID: 3 } })).revision).toBe(rev);
    expect(batches).toHaveLength(1);
  });

  it('a key re-put with another lease (or none) moves between the leases\' key sets', () => {
    const m = new Member();
    ok(m.grant(1));
    ok(m.grant(2));
    ok(m.put('k', 'v', { lease: 1 }));
    ok(m.put('j', 'v', { lease: 1 }));
    expect([m.leaseKeys(1), m.leaseKeys(2)]).toEqual([['j', 'k'], []]);
    ok(m.put('k', 'v2', { lease: 2 }));
    expect([m.leaseKeys(1), m.leaseKeys(2)]).toEqual([['j'], ['k']]);
    ok(m.put('j', 'v2')); // detached
    expect(m.leaseKeys(1)).toEqual([]);
    ok(m.put('k', 'v3', { ignoreLease: true })); // stays with lease 2
    expect(m.leaseKeys(2)).toEqual(['k']);
    // revoking the old lease leaves the moved keys alone
    ok(m.run({ leaseRevoke: { ID: 1 } }));
    expect(m.value('k')).toBe('v3');
    expect(m.value('j')).toBe('v2');
    // a deleted key leaves its lease
    ok(m.run({ deleteRange: { key: b('k') } }));
    expect(m.leaseKeys(2)).toEqual([]);
    ok(m.put('k', 'again'));
    ok(m.run({ leaseRevoke: { ID: 2 } }));
    expect(m.value('k')).toBe('again');
  });

  it('LeaseRenew counts renewals through the log and tells the listeners; unknown lease: lease-not-found', () => {
    const m = new Member();
    ok(m.grant(5, 15));
    const renewed: number[] = [];
    m.sm.listen({ leaseRenewed: (l) => renewed.push(l.renewals) });
    expect(m.run({ leaseRenew: { id: 5 } })).toEqual({ revision: 1, lease: { id: 5, ttl: 15 } });
    ok(m.run({ leaseRenew: { id: 5 } }));
    expect(m.sm.leases.get(5)!.renewals).toBe(2);
    expect(renewed).toEqual([1, 2]);
    expect(m.run({ leaseRenew: { id: 6 } })).toEqual({ error: 'lease-not-found', revision: 1 });
  });

  it('LeaseExpired revokes a lease only if no renewal reached the log since the leader decided', () => {
    const m = new Member();
    ok(m.grant(1));
    ok(m.grant(2));
    ok(m.grant(3));
    ok(m.put('a', 'v', { lease: 1 }));
    ok(m.put('b', 'v', { lease: 2 }));
    ok(m.put('c', 'v', { lease: 3 }));
    ok(m.run({ leaseRenew: { id: 2 } })); // renewed after the leader counted 0
    ok(m.run({ leaseRenew: { id: 3 } }));
    const rev = m.sm.mvcc.revision;
    ok(
      m.run({
        leaseExpired: {
          leases: [
            { id: 1, renewals: 0 }, // matches: revoked
            { id: 2, renewals: 0 }, // stale: survives
            { id: 3, renewals: 1 }, // matches: revoked
            { id: 99, renewals: 0 }, // unknown: ignored
          ],
        },
      }),
    );
    expect([...m.sm.leases.keys()]).toEqual([2]);
    expect(m.get('a')).toBeUndefined();
    expect(m.value('b')).toBe('v');
    expect(m.get('c')).toBeUndefined();
    // each revoked lease is its own revision
    expect(m.sm.mvcc.revision).toBe(rev + 2);
  });
});

// ---------------------------------------------------------------------------- compaction, alarms, members, garbage

describe('RegistryStateMachine: compaction, alarms, member attributes, undecodable entries', () => {
  it('compaction: history below is gone; compacting again or into the future is an error result, nothing thrown', () => {
    const m = new Member();
    for (let i = 0; i < 5; i++) ok(m.put('k', `v${i}`)); // revisions 2..6
    expect(m.run({ compaction: { revision: 4 } })).toEqual({ revision: 6 });
    expect(m.sm.mvcc.compactRevision).toBe(4);
    expect(str(m.get('k', 4)!.value)).toBe('v2');
    expect(() => m.get('k', 3)).toThrow(/compacted/);
    expect(m.run({ compaction: { revision: 4 } })).toEqual({ error: 'compacted', revision: 6 });
    expect(m.run({ compaction: { revision: 2 } })).toEqual({ error: 'compacted', revision: 6 });
    expect(m.run({ compaction: { revision: 7 } })).toEqual({ error: 'future-rev', revision: 6 });
    expect(m.sm.mvcc.compactRevision).toBe(4);
    expect(m.run({ compaction: { revision: 6 } })).toEqual({ revision: 6 });
    expect(m.sm.mvcc.revision).toBe(6);
  });

  it('alarms: activate and deactivate per member; NOSPACE refuses puts, writing transactions and lease grants, not deletes', () => {
    const m = new Member();
    ok(m.put('k', 'v'));
    ok(m.grant(1));
    const act = ok(m.run({ alarm: { action: 1, memberID: 10, alarm: 1 } }));
    expect(act.alarms).toEqual([{ memberID: 10, alarm: 1 }]);
    ok(m.run({ alarm: { action: 1, memberID: 20, alarm: 1 } }));
    ok(m.run({ alarm: { action: 1, memberID: 20, alarm: 0 } })); // NONE is not an alarm
    expect(m.sm.noSpace).toBe(true);
    const rev = m.sm.mvcc.revision;
    expect(m.put('k', 'v2')).toEqual({ error: 'no-space', revision: rev });
    expect(m.txn({ success: [opPut('t', '1')] })).toEqual({ error: 'no-space', revision: rev });
    expect(m.grant(2)).toEqual({ error: 'no-space', revision: rev });
    expect(m.sm.leases.has(2)).toBe(false);
    expect(m.value('k')).toBe('v');
    // reads and deletes still go through
    expect(kvsOf(txnOf(m.txn({ success: [opGet('k')] })).responses[0])).toHaveLength(1);
    expect(ok(m.run({ deleteRange: { key: b('k') } })).revision).toBe(rev + 1);
    // one member's alarm cleared: the other's still holds
    const deact = ok(m.run({ alarm: { action: 2, memberID: 10, alarm: 1 } }));
    expect(deact.alarms).toEqual([{ memberID: 20, alarm: 1 }]);
    expect(m.put('k', 'v3').error).toBe('no-space');
    ok(m.run({ alarm: { action: 2, memberID: 20, alarm: 1 } }));
    expect(m.sm.noSpace).toBe(false);
    expect(ok(m.put('k', 'v3')).revision).toBe(rev + 2);
    ok(m.grant(2));
    // CORRUPT (2) is raised and listed but does not refuse writes
    expect(ok(m.run({ alarm: { action: 1, memberID: 10, alarm: 2 } })).alarms).toEqual([{ memberID: 10, alarm: 2 }]);
    ok(m.put('k', 'v4'));
    // Get lists without changing
    expect(ok(m.run({ alarm: { action: 0 } })).alarms).toEqual([{ memberID: 10, alarm: 2 }]);
  });

  it('member attributes are recorded and replaced, at no revision', () => {
    const m = new Member();
    expect(m.run({ memberAttributes: { memberId: 0xabcdef123, name: 'm1', clientUrls: ['http://127.0.0.1:2379'] } })).toEqual({ revision: 1 });
    ok(m.run({ memberAttributes: { memberId: 7, name: 'm2', clientUrls: [] } }));
    ok(m.run({ memberAttributes: { memberId: 0xabcdef123, name: 'm1b', clientUrls: ['http://a:1', 'http://b:2'] } }));
    expect([...m.sm.members]).toEqual([
      [0xabcdef123, { name: 'm1b', clientUrls: ['http://a:1', 'http://b:2'] }],
      [7, { name: 'm2', clientUrls: [] }],
    ]);
    expect(m.sm.mvcc.revision).toBe(1);
  });

  it('undecodable data: error unimplemented, nothing thrown, nothing changed but the applied index and digest', () => {
    const m = new Member();
    ok(m.put('k', 'v'));
    const digest = m.sm.digest.state();
    for (const data of [new Uint8Array([0x0a, 0x05, 0x01]), new Uint8Array(0), Buffer.from('not a protobuf at all, \xff\xfe', 'latin1'), new Uint8Array([0x58, 0x01])]) {
      let r: ApplyResult | undefined;
      expect(() => (r = m.raw(data))).not.toThrow();
      expect(r).toEqual({ error: 'unimplemented', revision: 2 });
    }
    expect(m.sm.applied).toBe(5);
    expect(m.sm.digest.state().count).toBe(digest.count + 4);
    expect(m.sm.digest.state().digest).not.toBe(digest.digest);
    expect(m.sm.mvcc.revision).toBe(2);
    expect(m.value('k')).toBe('v');
  });
});

// ---------------------------------------------------------------------------- determinism and snapshots

type Step = { cmd: CommandInput } | { raw: Uint8Array } | { compactBack: number };

const KEYS = ['a', 'b', 'c', 'p/1', 'p/2', 'p/3'];
const keyArb = fc.constantFrom(...KEYS);
const valArb = fc.constantFrom('', 'x', 'y', 'zz');
const leaseArb = fc.constantFrom(0, 0, 1, 2, 3);
const endArb = fc.constantFrom<Uint8Array | undefined>(undefined, undefined, b('p0'), b('c'), ALL);

const putArb = fc
  .record({ key: keyArb, value: valArb, lease: leaseArb, prevKv: fc.boolean(), mode: fc.constantFrom('plain', 'plain', 'plain', 'ignoreValue', 'ignoreLease') })
  .map(({ key, value, lease, prevKv, mode }) =>
    mode === 'ignoreValue' ? { key: b(key), lease, prevKv, ignoreValue: true } : mode === 'ignoreLease' ? { key: b(key), value: b(value), prevKv, ignoreLease: true } : { key: b(key), value: b(value), lease, prevKv },
  );
const delArb = fc.record({ key: keyArb, end: endArb, prevKv: fc.boolean() }).map(({ key, end, prevKv }) => ({ key: b(key), ...(end ? { rangeEnd: end } : {}), prevKv }));
const compareArb = fc
  .record({ key: keyArb, target: fc.constantFrom<Target>('version', 'createRevision', 'modRevision', 'value', 'lease'), op: fc.constantFrom<keyof typeof RESULT>('=', '>', '<', '!='), n: fc.nat(6), v: valArb, end: endArb })
  .map(({ key, target, op, n, v, end }) => cmp(key, target, op, target === 'value' ? v : n, end));
const leafOpArb: fc.Arbitrary<RequestOp> = fc.oneof(
  putArb.map((p) => ({ requestPut: p })),
  delArb.map((d) => ({ requestDeleteRange: d })),
  fc.record({ key: keyArb, end: endArb, limit: fc.nat(2) }).map(({ key, end, limit }) => ({ requestRange: { key: b(key), ...(end ? { rangeEnd: end } : {}), limit } })),
);
const txnArb = (depth: number): fc.Arbitrary<TxnRequest> =>
  fc.record({
    compare: fc.array(compareArb, { maxLength: 2 }),
    success: fc.array(depth > 0 ? fc.oneof({ weight: 4, arbitrary: leafOpArb }, { weight: 1, arbitrary: txnArb(depth - 1).map(opTxn) }) : leafOpArb, { maxLength: 3 }),
    failure: fc.array(depth > 0 ? fc.oneof({ weight: 4, arbitrary: leafOpArb }, { weight: 1, arbitrary: txnArb(depth - 1).map(opTxn) }) : leafOpArb, { maxLength: 3 }),
  });

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: putArb.map((put) => ({ cmd: { put } })) },
  { weight: 3, arbitrary: delArb.map((deleteRange) => ({ cmd: { deleteRange } })) },
  { weight: 5, arbitrary: txnArb(1).map((txn) => ({ cmd: { txn } })) },
  { weight: 1, arbitrary: fc.integer({ min: -1, max: 3 }).map((compactBack) => ({ compactBack })) },
  { weight: 2, arbitrary: fc.record({ ID: fc.integer({ min: 1, max: 3 }), TTL: fc.integer({ min: 1, max: 60 }) }).map((leaseGrant) => ({ cmd: { leaseGrant } })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map((ID) => ({ cmd: { leaseRevoke: { ID } } })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((id) => ({ cmd: { leaseRenew: { id } } })) },
  { weight: 1, arbitrary: fc.array(fc.record({ id: fc.integer({ min: 1, max: 3 }), renewals: fc.nat(2) }), { maxLength: 3 }).map((leases) => ({ cmd: { leaseExpired: { leases } } })) },
  { weight: 1, arbitrary: fc.record({ action: fc.constantFrom(0 as const, 1 as const, 2 as const), memberID: fc.integer({ min: 1, max: 2 }), alarm: fc.constantFrom(0 as const, 1 as const, 2 as const) }).map((alarm) => ({ cmd: { alarm } })) },
  { weight: 1, arbitrary: fc.record({ memberId: fc.integer({ min: 1, max: 3 }), name: fc.constantFrom('m1', 'm2'), clientUrls: fc.array(fc.constantFrom('http://h:1', 'http://h:2'), { maxLength: 2 }) }).map((memberAttributes) => ({ cmd: { memberAttributes } })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 6 }).map((raw) => ({ raw })) },
);

/** The log entry a step becomes, given the state it is applied to. */
function entry(step: Step, sm: RegistryStateMachine): Uint8Array {
  if ('raw' in step) return step.raw;
  if ('compactBack' in step) return encodeCommand({ compaction: { revision: Math.max(0, sm.mvcc.revision - step.compactBack) } });
  return encodeCommand(step.cmd);
}

/** Everything observable about a state machine, in a comparable shape. */
function observe(sm: RegistryStateMachine) {
  const mv = sm.mvcc;
  const ranges: unknown[] = [];
  for (let rev = Math.max(1, mv.compactRevision); rev <= mv.revision; rev++) ranges.push(mv.range(b('\0'), { end: ALL, revision: rev }).kvs.map(plain));
  return {
    applied: sm.applied,
    digest: sm.digest.state(),
    revision: mv.revision,
    compactRevision: mv.compactRevision,
    sizeBytes: mv.sizeBytes,
    ranges,
    changes: mv.changes(b('\0'), ALL, mv.compactRevision + 1).map(plainEvent),
    leases: [...sm.leases.values()].map((l) => ({ id: l.id, ttl: l.ttl, renewals: l.renewals, keys: [...l.keys].sort() })),
    alarms: [...sm.alarms.values()],
    members: [...sm.members],
    noSpace: sm.noSpace,
  };
}

describe('RegistryStateMachine: determinism and snapshots', () => {
  it('two members fed the same entries answer alike and end with identical snapshot bytes and digest', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
        const a = new RegistryStateMachine();
        const c = new RegistryStateMachine();
        steps.forEach((step, i) => {
          const data = entry(step, a);
          expect(c.apply(i + 1, data)).toEqual(a.apply(i + 1, data));
        });
        expect(Buffer.from(c.snapshot()).equals(Buffer.from(a.snapshot()))).toBe(true);
        expect(c.digest.state()).toEqual(a.digest.state());
        expect(a.digest.state().count).toBe(steps.length);
      }),
      { numRuns: 400 },
    );
  });

  it('snapshot -> restore into a fresh member round-trips everything, and both go on alike', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), fc.nat(), fc.array(stepArb, { maxLength: 20 }), (steps, cutSeed, more) => {
        const a = new RegistryStateMachine();
        const cut = cutSeed % (steps.length + 1);
        let i = 0;
        for (; i < cut; i++) a.apply(i + 1, entry(steps[i], a));
        const img = a.snapshot();
        const c = new RegistryStateMachine();
        let restoredHeard = 0;
        c.listen({ restored: () => restoredHeard++ });
        c.restore(img);
        expect(restoredHeard).toBe(1);
        expect(observe(c)).toEqual(observe(a));
        expect(Buffer.from(c.snapshot()).equals(Buffer.from(img))).toBe(true);
        for (const step of [...steps.slice(cut), ...more]) {
          const data = entry(step, a);
          i++;
          expect(c.apply(i, data)).toEqual(a.apply(i, data));
        }
        expect(observe(c)).toEqual(observe(a));
        expect(Buffer.from(c.snapshot()).equals(Buffer.from(a.snapshot()))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('restore replaces whatever state the member had', () => {
    const src = new Member();
    ok(src.grant(1));
    ok(src.put('k', 'v', { lease: 1 }));
    const dst = new Member();
    ok(dst.grant(2));
    ok(dst.put('junk', 'j', { lease: 2 }));
    ok(dst.run({ alarm: { action: 1, memberID: 1, alarm: 1 } }));
    ok(dst.run({ memberAttributes: { memberId: 3, name: 'x', clientUrls: [] } }));
    dst.sm.restore(src.sm.snapshot());
    expect(observe(dst.sm)).toEqual(observe(src.sm));
    expect(dst.get('junk')).toBeUndefined();
    expect(dst.leaseKeys(1)).toEqual(['k']);
  });

  describe('a bad image throws RegistrySnapshotError and leaves the member as it was', () => {
    const source = () => {
      const m = new Member();
      ok(m.grant(1, 20));
      ok(m.put('a', 'alpha', { lease: 1 }));
      ok(m.put('b', 'beta'));
      ok(m.run({ deleteRange: { key: b('b') } }));
      ok(m.run({ alarm: { action: 1, memberID: 4, alarm: 2 } }));
      ok(m.run({ memberAttributes: { memberId: 4, name: 'four', clientUrls: ['http://h:4'] } }));
      return m.sm.snapshot();
    };
    const victim = () => {
      const m = new Member();
      ok(m.grant(9));
      ok(m.put('mine', 'value', { lease: 9 }));
      return m;
    };

    it('every truncation', () => {
      const img = source();
      const m = victim();
      const before = observe(m.sm);
      for (let n = 0; n < img.byteLength; n++) {
        expect(() => m.sm.restore(img.subarray(0, n)), `truncated to ${n} of ${img.byteLength}`).toThrow(RegistrySnapshotError);
        expect(observe(m.sm), `after a restore truncated to ${n}`).toEqual(before);
      }
    });

    it('bad magic, trailing bytes, a corrupt digest, keys out of order', () => {
      const img = source();
      const m = victim();
      const before = observe(m.sm);
      const badMagic = Buffer.from(img);
      badMagic[0] ^= 0xff;
      const trailing = Buffer.concat([img, Buffer.from([0])]);
      const tmp = new MvccStore();
      tmp.write([{ type: 'put', key: b('x'), value: b('1') }]);
      const badDigest = encodeRegistrySnapshot({ appliedIndex: 1, mvcc: tmp, leases: [], alarms: [], members: [], digest: b('{"not":"a digest"}') });
      // a dump whose keys are out of order
      const unordered = encodeRegistrySnapshot({
        appliedIndex: 1,
        mvcc: { revision: 3, compactRevision: 0, *dump() { yield [b('z'), [{ revision: 2, sub: 0, live: { value: b('1'), createRevision: 2, version: 1, lease: 0 } }]]; yield [b('a'), [{ revision: 3, sub: 0, live: { value: b('1'), createRevision: 3, version: 1, lease: 0 } }]]; } } as unknown as MvccStore,
        leases: [],
        alarms: [],
        members: [],
        digest: new RegistryStateMachine().digest.snapshot(),
      });
      for (const [name, data] of Object.entries({ badMagic, trailing, badDigest, unordered, empty: new Uint8Array(0) })) {
        expect(() => m.sm.restore(data), name).toThrow(RegistrySnapshotError);
        expect(observe(m.sm), name).toEqual(before);
      }
    });
  });
});

// ---------------------------------------------------------------------------- range

describe('executeRange: etcd Range semantics', () => {
  const store = () => {
    const st = new MvccStore();
    st.write([{ type: 'put', key: b('a'), value: b('3') }]); // rev 2
    st.write([{ type: 'put', key: b('b'), value: b('1') }]); // rev 3
    st.write([{ type: 'put', key: b('c'), value: b('2') }]); // rev 4
    st.write([{ type: 'put', key: b('a'), value: b('0') }]); // rev 5: a version 2
    st.write([{ type: 'put', key: b('d'), value: b('1') }]); // rev 6
    return st;
  };
  const req = (r: RangeRequest) => decodeCommand(encodeCommand({ txn: { success: [{ requestRange: { rangeEnd: ALL, ...r, key: r.key ?? b('a') } }] } })).txn!.success[0].requestRange!;
  const keys = (r: { kvs: KeyValue[] }) => r.kvs.map((kv) => str(kv.key)).join('');

  it('key order by default; limit with more and the full count', () => {
    const st = store();
    expect(keys(executeRange(st, req({})))).toBe('abcd');
    const r = executeRange(st, req({ limit: 2 }));
    expect([keys(r), r.more, r.count]).toEqual(['ab', true, 4]);
    const r2 = executeRange(st, req({ limit: 4 }));
    expect([keys(r2), r2.more, r2.count]).toEqual(['abcd', false, 4]);
  });

  it('sorts by each target, ascending by default when the target is not the key; ties in key order', () => {
    const st = store();
    expect(keys(executeRange(st, req({ sortOrder: 2 })))).toBe('dcba');
    expect(keys(executeRange(st, req({ sortTarget: 4 })))).toBe('abdc'); // value 0,1,1,2: b before d
    expect(keys(executeRange(st, req({ sortTarget: 4, sortOrder: 2 })))).toBe('cbda');
    expect(keys(executeRange(st, req({ sortTarget: 1, sortOrder: 2 })))).toBe('abcd'); // a has version 2
    expect(keys(executeRange(st, req({ sortTarget: 2, sortOrder: 2 })))).toBe('dcba'); // create
    expect(keys(executeRange(st, req({ sortTarget: 3 })))).toBe('bcad'); // mod 3,4,5,6
    // sorting happens before the limit
    const r = executeRange(st, req({ sortTarget: 3, sortOrder: 2, limit: 2 }));
    expect([keys(r), r.more, r.count]).toEqual(['da', true, 4]);
  });

  it('mod/create revision filters apply before the limit; count is every key in the range', () => {
    const st = store();
    expect(keys(executeRange(st, req({ minModRevision: 4 })))).toBe('acd');
    expect(keys(executeRange(st, req({ maxModRevision: 4 })))).toBe('bc');
    expect(keys(executeRange(st, req({ minCreateRevision: 3, maxCreateRevision: 4 })))).toBe('bc');
    const r = executeRange(st, req({ minModRevision: 4, limit: 2 }));
    expect([keys(r), r.more, r.count]).toEqual(['ac', true, 4]);
    const r2 = executeRange(st, req({ minModRevision: 5, limit: 2 }));
    expect([keys(r2), r2.more]).toEqual(['ad', false]);
  });

  it('keys_only drops values; count_only returns no kvs, the count, and more=false (as etcd)', () => {
    const st = store();
    const ko = executeRange(st, req({ keysOnly: true }));
    expect(ko.kvs.map((kv) => [str(kv.key), kv.value.byteLength, kv.version])).toEqual([
      ['a', 0, 2],
      ['b', 0, 1],
      ['c', 0, 1],
      ['d', 0, 1],
    ]);
    expect(st.range(b('a')).kvs[0].value.byteLength).toBe(1); // the store's value is untouched
    const co = executeRange(st, req({ countOnly: true }));
    expect([co.kvs.length, co.count, co.more]).toEqual([0, 4, false]);
    // etcd 3.4 (checked against etcd-server): count_only with a limit answers more=false
    const col = executeRange(st, req({ countOnly: true, limit: 1 }));
    expect([col.kvs.length, col.count, col.more]).toEqual([0, 4, false]);
  });

  it('reads at an older revision', () => {
    const st = store();
    const r = executeRange(st, req({ revision: 4 }));
    expect(r.kvs.map((kv) => `${str(kv.key)}=${str(kv.value)}`)).toEqual(['a=3', 'b=1', 'c=2']);
    expect(r.count).toBe(3);
  });
});

// ---------------------------------------------------------------------------- MvccStore batches

describe('MvccStore.batch / dump / load', () => {
  it('a batch reads its own writes, numbers its events, and moves the revision once', () => {
    const st = new MvccStore();
    st.write([{ type: 'put', key: b('a'), value: b('old') }]);
    const { result, revision, events } = st.batch((tx) => {
      expect(tx.revision).toBe(3);
      const seen: (string | undefined)[] = [];
      tx.put(b('a'), b('new'));
      seen.push(str(tx.range(b('a')).kvs[0].value));
      seen.push(str(tx.range(b('a'), { revision: 2 }).kvs[0].value)); // the past is still there
      tx.put(b('b'), b('1'));
      expect(tx.delete(b('a')).map(plain)).toEqual([{ key: 'a', value: 'new', create: 2, mod: 3, version: 2, lease: 0 }]);
      seen.push(String(tx.range(b('a')).kvs.length));
      seen.push(String(tx.range(b('a'), { end: ALL }).count));
      // the store outside the batch has not moved yet
      seen.push(String(st.revision));
      return seen;
    });
    expect(result).toEqual(['new', 'old', '0', '1', '2']);
    expect(revision).toBe(3);
    expect(st.revision).toBe(3);
    expect(events.map(plainEvent)).toEqual([
      { type: 'put', kv: { key: 'a', value: 'new', create: 2, mod: 3, version: 2, lease: 0 }, prev: { key: 'a', value: 'old', create: 2, mod: 2, version: 1, lease: 0 }, sub: 0 },
      { type: 'put', kv: { key: 'b', value: '1', create: 3, mod: 3, version: 1, lease: 0 }, prev: undefined, sub: 1 },
      // prev_kv is the value before this revision, as etcd's watch gives it
      { type: 'delete', kv: { key: 'a', value: '', create: 0, mod: 3, version: 0, lease: 0 }, prev: { key: 'a', value: 'old', create: 2, mod: 2, version: 1, lease: 0 }, sub: 2 },
    ]);
    // a batch that changes nothing keeps the revision
    const idle = st.batch((tx) => tx.delete(b('nothing')));
    expect([idle.revision, idle.events.length, st.revision]).toEqual([3, 0, 3]);
  });

  /** What every retained version costs, by the store's own rule (48 bytes + key + value). */
  const retainedBytes = (st: MvccStore) => {
    let n = 0;
    for (const [k, versions] of st.dump()) for (const v of versions) n += 48 + k.byteLength + (v.live ? v.live.value.byteLength : 0);
    return n;
  };
  const copyOf = (st: MvccStore) => {
    const c = new MvccStore();
    c.load(st.revision, st.compactRevision, [...st.dump()].map(([k, vs]) => [k, vs.map((v) => ({ ...v }))]));
    return c;
  };

  it('sizeBytes is what the retained versions hold: after writes, deletes, compaction and load', () => {
    const st = new MvccStore();
    expect(st.sizeBytes).toBe(0);
    st.write([{ type: 'put', key: b('key'), value: b('12345') }]);
    expect(st.sizeBytes).toBe(48 + 3 + 5);
    st.write([{ type: 'put', key: b('key'), value: b('1') }]);
    st.write([{ type: 'delete', key: b('key') }]);
    expect(st.sizeBytes).toBe(48 + 3 + 5 + (48 + 3 + 1) + (48 + 3));
    expect(st.sizeBytes).toBe(retainedBytes(st));
    expect(copyOf(st).sizeBytes).toBe(st.sizeBytes);
    st.compact(st.revision);
    expect(st.sizeBytes).toBe(0);
  });

  it('sizeBytes does not count a key written twice in one batch twice (the batch keeps one version)', () => {
    const st = new MvccStore();
    st.write([{ type: 'put', key: b('k'), value: b('first') }]);
    st.batch((tx) => {
      tx.put(b('k'), b('0123456789'));
      tx.put(b('k'), b('x'));
      tx.delete(b('k'));
      tx.put(b('k'), b('yy'));
    });
    expect(st.sizeBytes).toBe(retainedBytes(st));
    expect(copyOf(st).sizeBytes).toBe(st.sizeBytes);
  });

  it('load(dump()) gives the same reads at every revision and the same change history', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.option(fc.constantFrom('1', '22', '333'))), { minLength: 1, maxLength: 3 }), { maxLength: 25 }),
        fc.nat(),
        (batches, compactSeed) => {
          const st = new MvccStore();
          for (const ops of batches) st.write(ops.map(([k, v]) => (v === null ? { type: 'delete' as const, key: b(k) } : { type: 'put' as const, key: b(k), value: b(v) })));
          if (st.revision > 1 && compactSeed % 2 === 0) st.compact(1 + (compactSeed % st.revision));
          const c = copyOf(st);
          expect([c.revision, c.compactRevision, c.sizeBytes]).toEqual([st.revision, st.compactRevision, st.sizeBytes]);
          expect(c.sizeBytes).toBe(retainedBytes(st));
          for (let rev = Math.max(1, st.compactRevision); rev <= st.revision; rev++) {
            expect(c.range(b('\0'), { end: ALL, revision: rev }).kvs.map(plain)).toEqual(st.range(b('\0'), { end: ALL, revision: rev }).kvs.map(plain));
          }
          expect(c.changes(b('\0'), ALL, st.compactRevision + 1).map(plainEvent)).toEqual(st.changes(b('\0'), ALL, st.compactRevision + 1).map(plainEvent));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('load refuses keys out of order', () => {
    const st = new MvccStore();
    const v = [{ revision: 2, sub: 0, live: { value: b('1'), createRevision: 2, version: 1, lease: 0 } }];
    expect(() => st.load(2, 0, [[b('b'), v], [b('a'), v]])).toThrow(RangeError);
    expect(() => st.load(2, 0, [[b('a'), v], [b('a'), v]])).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------- compactor target

describe('Compactor.target (a registry stand-in that only holds the state machine; no Raft)', () => {
  const logger = pino({ level: 'silent' });
  const rig = (leader: boolean) => {
    const m = new Member();
    const written: CommandInput[] = [];
    const reg = {
      sm: m.sm,
      isLeader: leader,
      write: async (cmd: CommandInput) => {
        written.push(cmd);
        const r = m.run(cmd);
        if (r.error) throw new Error(r.error);
        return r;
      },
    } as unknown as Registry;
    return { m, reg, written };
  };

  it('revision mode keeps the last `retention` revisions', async () => {
    const { m, reg, written } = rig(true);
    const c = new Compactor(reg, { mode: 'revision', retention: 3 }, logger);
    expect(c.target()).toBeUndefined(); // revision 1
    for (let i = 0; i < 9; i++) ok(m.put('k', String(i))); // revision 10
    expect(c.target()).toBe(7);
    await c.tick();
    expect(written).toEqual([{ compaction: { revision: 7, physical: false } }]);
    expect(m.sm.mvcc.compactRevision).toBe(7);
    expect(c.target()).toBeUndefined();
    ok(m.put('k', 'x'));
    expect(c.target()).toBe(8);
  });

  it('periodic mode compacts to the newest revision sampled at least `retention` ms ago; followers only sample', async () => {
    let now = 0;
    const { m, reg, written } = rig(false);
    const c = new Compactor(reg, { mode: 'periodic', retention: 10_000 }, logger, () => now);
    await c.tick(); // t=0: revision 1
    for (let i = 0; i < 4; i++) ok(m.put('k', String(i)));
    now = 5000;
    await c.tick(); // t=5000: revision 5
    for (let i = 0; i < 4; i++) ok(m.put('k', String(i)));
    now = 9999;
    expect(c.target()).toBeUndefined(); // nothing is 10 s old yet
    now = 10_000;
    expect(c.target()).toBe(1);
    now = 15_000;
    expect(c.target()).toBe(5);
    await c.tick(); // not the leader: samples, proposes nothing
    expect(written).toEqual([]);
    (reg as unknown as { isLeader: boolean }).isLeader = true;
    now = 15_001;
    await c.tick();
    expect(written).toEqual([{ compaction: { revision: 5, physical: false } }]);
    expect(m.sm.mvcc.compactRevision).toBe(5);
    expect(c.target()).toBeUndefined();
  });
});
