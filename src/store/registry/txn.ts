// etcd transactions: compares, then the chosen branch's operations, all at one revision.
// Every nested transaction's compares are decided against the state before any write (as etcd
// does), so the branch taken is known up front and can be checked before anything changes.
import type { Compare__Output } from '../../gen/etcdserverpb/Compare.ts';
import type { PutRequest__Output } from '../../gen/etcdserverpb/PutRequest.ts';
import type { RequestOp__Output } from '../../gen/etcdserverpb/RequestOp.ts';
import type { ResponseOp } from '../../gen/etcdserverpb/ResponseOp.ts';
import type { TxnRequest__Output } from '../../gen/etcdserverpb/TxnRequest.ts';
import type { KeyValue, WriteBatch } from '../mvcc/mvcc-store.ts';
import { executeRange, type RangeView } from './range.ts';

/** The branch each (nested) transaction takes, in visiting order. */
export type TxnPath = boolean[];

export function decidePath(view: RangeView, txn: TxnRequest__Output, path: TxnPath = []): TxnPath {
  const ok = txn.compare.every((c) => compareHolds(view, c));
  path.push(ok);
  for (const op of ok ? txn.success : txn.failure) if (op.requestTxn) decidePath(view, op.requestTxn, path);
  return path;
}

/** Every operation the path will run, nested ones included (for checks before writing). */
export function opsOnPath(txn: TxnRequest__Output, path: TxnPath, at = { i: 0 }, out: RequestOp__Output[] = []): RequestOp__Output[] {
  const ok = path[at.i++];
  for (const op of ok ? txn.success : txn.failure) {
    out.push(op);
    if (op.requestTxn) opsOnPath(op.requestTxn, path, at, out);
  }
  return out;
}

export interface TxnResult {
  succeeded: boolean;
  responses: ResponseOp[];
}

export function executeTxn(
  tx: WriteBatch,
  txn: TxnRequest__Output,
  path: TxnPath,
  put: (tx: WriteBatch, p: PutRequest__Output) => KeyValue | undefined,
  at = { i: 0 },
): TxnResult {
  const succeeded = path[at.i++];
  const responses: ResponseOp[] = [];
  // etcd gives each inner response a header holding only the revision the transaction has
  // reached at that point: the current one until something changed, then the new one (a
  // nested transaction's header is empty).
  const header = () => ({ revision: tx.events.length > 0 ? tx.revision : tx.revision - 1 });
  for (const op of succeeded ? txn.success : txn.failure) {
    if (op.requestRange) {
      const r = executeRange(tx, op.requestRange);
      responses.push({ responseRange: { header: header(), kvs: r.kvs, more: r.more, count: r.count } });
    } else if (op.requestPut) {
      const p = op.requestPut;
      const prev = put(tx, p);
      responses.push({ responsePut: { header: header(), ...(p.prevKv && prev ? { prevKv: prev } : {}) } });
    } else if (op.requestDeleteRange) {
      const d = op.requestDeleteRange;
      const removed = tx.delete(d.key, d.rangeEnd.byteLength > 0 ? d.rangeEnd : undefined);
      responses.push({ responseDeleteRange: { header: header(), deleted: removed.length, prevKvs: d.prevKv ? removed : [] } });
    } else if (op.requestTxn) {
      const inner = executeTxn(tx, op.requestTxn, path, put, at);
      responses.push({ responseTxn: { header: {}, ...inner } });
    }
  }
  return { succeeded, responses };
}

const RESULT_EQUAL = 0;
const RESULT_GREATER = 1;
const RESULT_LESS = 2;
const TARGET_VALUE = 3;

function compareHolds(view: RangeView, c: Compare__Output): boolean {
  const kvs = view.range(c.key, { end: c.rangeEnd.byteLength > 0 ? c.rangeEnd : undefined }).kvs;
  if (kvs.length === 0) {
    // A missing key has no value to compare; its revisions and version count as 0.
    if (c.target === TARGET_VALUE) return false;
    return holds(c, { key: c.key, value: new Uint8Array(0), createRevision: 0, modRevision: 0, version: 0, lease: 0 });
  }
  return kvs.every((kv) => holds(c, kv));
}

function holds(c: Compare__Output, kv: KeyValue): boolean {
  let cmp: number;
  switch (c.target) {
    case 0:
      cmp = kv.version - (c.version ?? 0);
      break;
    case 1:
      cmp = kv.createRevision - (c.createRevision ?? 0);
      break;
    case 2:
      cmp = kv.modRevision - (c.modRevision ?? 0);
      break;
    case 3:
      cmp = Buffer.compare(kv.value, c.value ?? Buffer.alloc(0));
      break;
    case 4:
      cmp = kv.lease - (c.lease ?? 0);
      break;
    default:
      return false;
  }
  switch (c.result) {
    case RESULT_EQUAL:
      return cmp === 0;
    case RESULT_GREATER:
      return cmp > 0;
    case RESULT_LESS:
      return cmp < 0;
    default:
      return cmp !== 0;
  }
}
