// The checks etcd makes at its client port, before anything is proposed: a refused request
// changes nothing and says what was wrong in etcd's own words.
import type { DeleteRangeRequest__Output } from '../../gen/etcdserverpb/DeleteRangeRequest.ts';
import type { PutRequest__Output } from '../../gen/etcdserverpb/PutRequest.ts';
import type { RangeRequest__Output } from '../../gen/etcdserverpb/RangeRequest.ts';
import type { RequestOp__Output } from '../../gen/etcdserverpb/RequestOp.ts';
import type { TxnRequest__Output } from '../../gen/etcdserverpb/TxnRequest.ts';
import { EtcdError } from './etcd-errors.ts';

export function checkRange(r: RangeRequest__Output): void {
  if (r.key.byteLength === 0) throw new EtcdError('empty-key', 'range: key is empty');
  if (r.sortOrder < 0 || r.sortOrder > 2 || r.sortTarget < 0 || r.sortTarget > 4) {
    throw new EtcdError('invalid-sort', `range: sort_order ${r.sortOrder}, sort_target ${r.sortTarget}`);
  }
}

export function checkPut(r: PutRequest__Output): void {
  if (r.key.byteLength === 0) throw new EtcdError('empty-key', 'put: key is empty');
  if (r.ignoreValue && r.value.byteLength !== 0) throw new EtcdError('value-provided', 'put: ignore_value with a value');
  if (r.ignoreLease && r.lease !== 0) throw new EtcdError('lease-provided', 'put: ignore_lease with a lease');
}

export function checkDelete(r: DeleteRangeRequest__Output): void {
  if (r.key.byteLength === 0) throw new EtcdError('empty-key', 'delete: key is empty');
}

/**
 * In etcd's order: every operation of the whole tree first (counts, empty keys, put flags),
 * then the duplicate-key check from the top (it walks nested transactions itself), so a bad
 * operation anywhere is reported before a duplicate key in a nested transaction.
 */
export function checkTxn(r: TxnRequest__Output, maxOps: number): void {
  checkTxnOps(r, maxOps);
  checkTxnKeys(r);
}

/**
 * The duplicate-key rule alone: no key written twice (two puts, or a put inside a deleted
 * range) by either branch. The state machine applies it too, to entries that did not come
 * through the client port: it cannot apply such a transaction (one version per key per
 * revision, and a put's ignore_* checked before a delete of its key in the same transaction).
 */
export function checkTxnKeys(r: TxnRequest__Output): void {
  checkIntervals(r.success);
  checkIntervals(r.failure);
}

function checkTxnOps(r: TxnRequest__Output, maxOps: number): void {
  const largest = Math.max(r.compare.length, r.success.length, r.failure.length);
  if (largest > maxOps) {
    throw new EtcdError('too-many-ops', `txn: ${r.compare.length} compares, ${r.success.length} success ops, ${r.failure.length} failure ops; --max-txn-ops is ${maxOps}`);
  }
  for (const c of r.compare) if (c.key.byteLength === 0) throw new EtcdError('empty-key', 'txn: a compare has an empty key');
  // A nested transaction gets what this level leaves of the budget (etcd's checkTxnRequest).
  for (const op of [...r.success, ...r.failure]) checkOp(op, maxOps - largest);
}

function checkOp(op: RequestOp__Output, maxOps: number): void {
  if (op.requestRange) checkRange(op.requestRange);
  else if (op.requestPut) checkPut(op.requestPut);
  else if (op.requestDeleteRange) checkDelete(op.requestDeleteRange);
  else if (op.requestTxn) checkTxnOps(op.requestTxn, maxOps);
  // etcd answers an op that carries no request with "key not found".
  else throw new EtcdError('key-not-found', 'txn: an operation carries no request');
}

/** True if any branch of the transaction writes. A read-only one needs no log entry. */
export function txnWrites(r: TxnRequest__Output): boolean {
  return [...r.success, ...r.failure].some((op) => !!op.requestPut || !!op.requestDeleteRange || (!!op.requestTxn && txnWrites(op.requestTxn)));
}

interface Interval {
  lo: string;
  /** undefined = just lo; '' = open-ended. */
  hi: string | undefined;
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

function covers(iv: Interval, k: string): boolean {
  if (iv.hi === undefined) return k === iv.lo;
  return k >= iv.lo && (iv.hi === '' || k < iv.hi);
}

/**
 * One operation list may not write a key twice (two puts, or a put inside a deleted range),
 * counting nested transactions, whose two branches may each write the same key since only
 * one of them runs. Returns the keys put and the ranges deleted, for the level above.
 */
function checkIntervals(ops: RequestOp__Output[]): { puts: Set<string>; dels: Interval[] } {
  const dels: Interval[] = [];
  for (const op of ops) {
    const d = op.requestDeleteRange;
    if (!d) continue;
    const all = d.rangeEnd.byteLength === 1 && d.rangeEnd[0] === 0;
    dels.push({ lo: latin1(d.key), hi: d.rangeEnd.byteLength === 0 ? undefined : all ? '' : latin1(d.rangeEnd) });
  }
  const dup = (k: string) => new EtcdError('duplicate-key', `txn: key ${JSON.stringify(k)} written twice`);
  const puts = new Set<string>();
  for (const op of ops) {
    if (!op.requestTxn) continue;
    const then = checkIntervals(op.requestTxn.success);
    const otherwise = checkIntervals(op.requestTxn.failure);
    for (const k of then.puts) {
      if (puts.has(k) || dels.some((iv) => covers(iv, k))) throw dup(k);
      puts.add(k);
    }
    for (const k of otherwise.puts) {
      if ((puts.has(k) && !then.puts.has(k)) || dels.some((iv) => covers(iv, k))) throw dup(k);
      puts.add(k);
    }
    dels.push(...then.dels, ...otherwise.dels);
  }
  for (const op of ops) {
    if (!op.requestPut) continue;
    const k = latin1(op.requestPut.key);
    if (puts.has(k) || dels.some((iv) => covers(iv, k))) throw dup(k);
    puts.add(k);
  }
  return { puts, dels };
}
