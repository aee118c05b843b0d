// KvClient over this member's own Registry: writes through the Raft log, linearizable reads
// through ReadIndex, watches straight off the member's watch hub (no serialization at all).
import type { RangeRequest__Output } from '../../gen/etcdserverpb/RangeRequest.ts';
import type { RequestOp } from '../../gen/etcdserverpb/RequestOp.ts';
import type { ResponseOp } from '../../gen/etcdserverpb/ResponseOp.ts';
import { EtcdError } from '../etcd/etcd-errors.ts';
import { CompactedError, FutureRevisionError } from '../mvcc/errors.ts';
import type { KeyValue } from '../mvcc/mvcc-store.ts';
import { decodeCommand, encodeCommand } from '../registry/command-codec.ts';
import { executeRange } from '../registry/range.ts';
import { toEtcdError, type Registry } from '../registry/registry.ts';
import { Watcher } from '../watch/watch-hub.ts';
import { KvError, type Compare, type Kv, type KvClient, type KvWatch, type KvWatchSink, type KvWatchSpec, type RangeQuery, type RangeReply, type TxnOp, type TxnOpReply, type TxnReply, type TxnRequest } from './kv-client.ts';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');
const text = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

const COMPARE_RESULT = { '=': 0, '>': 1, '<': 2, '!=': 3 } as const;
const COMPARE_TARGET = { version: 0, create: 1, mod: 2, value: 3, lease: 4 } as const;
const COMPARE_FIELD = { version: 'version', create: 'createRevision', mod: 'modRevision', value: 'value', lease: 'lease' } as const;

let nextWatchId = 1;

export class LocalKvClient implements KvClient {
  constructor(
    private readonly reg: Registry,
    private readonly timeoutMs = 5000,
  ) {}

  async range(q: RangeQuery): Promise<RangeReply> {
    try {
      if (!q.serializable) await this.reg.linearize(this.timeoutMs);
      const r = executeRange(this.reg.sm.mvcc, rangeRequest(q));
      return { kvs: q.countOnly ? [] : r.kvs.map(kv), more: r.more, count: r.count, revision: this.reg.sm.mvcc.revision };
    } catch (err) {
      throw kvError(err, false);
    }
  }

  async txn(t: TxnRequest): Promise<TxnReply> {
    const txn = {
      compare: t.compare.map(compare),
      success: t.success.map(requestOp),
      failure: t.failure.map(requestOp),
    };
    try {
      const writes = [...t.success, ...t.failure].some((op) => !('range' in op));
      if (!writes) {
        await this.reg.linearize(this.timeoutMs);
        const full = decodeCommand(encodeCommand({ txn })).txn!;
        const res = this.reg.sm.readOnlyTxn(full);
        return { succeeded: res.succeeded, revision: this.reg.sm.mvcc.revision, responses: res.responses.map(opReply) };
      }
      await this.reg.checkQuota(0);
      const res = await this.reg.write({ txn }, this.timeoutMs);
      return { succeeded: res.txn!.succeeded, revision: res.revision, responses: res.txn!.responses.map(opReply) };
    } catch (err) {
      throw kvError(err, true);
    }
  }

  watch(spec: KvWatchSpec, sink: KvWatchSink): KvWatch {
    const hub = this.reg.hub;
    const store = this.reg.sm.mvcc;
    const w = new Watcher(
      nextWatchId++,
      {
        key: bytes(spec.key),
        end: spec.end === undefined ? new Uint8Array(0) : bytes(spec.end),
        startRevision: spec.startRevision,
        prevKv: spec.prevKv,
        noPut: false,
        noDelete: false,
        progressNotify: false,
      },
      {
        events: (_w, events, revision) =>
          sink.events(
            events.map((e) => ({ type: e.type, kv: kv(e.kv), ...(e.prevKv ? { prevKv: kv(e.prevKv) } : {}) })),
            revision,
          ),
        canceled: (_w, reason, compactRevision) => sink.canceled(reason, compactRevision),
      },
    );
    hub.add(w);
    return {
      progress: () => (w.nextRevision > store.revision ? w.nextRevision - 1 : 0),
      cancel: () => hub.remove(w),
    };
  }

  compactRevision(): number {
    return this.reg.sm.mvcc.compactRevision;
  }
}

function kv(k: KeyValue): Kv {
  return { key: text(k.key), value: k.value, createRevision: k.createRevision, modRevision: k.modRevision, version: k.version, lease: k.lease };
}

function rangeRequest(q: RangeQuery): RangeRequest__Output {
  return {
    key: bytes(q.key),
    rangeEnd: q.end === undefined ? Buffer.alloc(0) : bytes(q.end),
    limit: q.limit ?? 0,
    revision: q.revision ?? 0,
    sortOrder: 0,
    sortTarget: 0,
    serializable: q.serializable ?? false,
    keysOnly: false,
    countOnly: q.countOnly ?? false,
    minModRevision: 0,
    maxModRevision: 0,
    minCreateRevision: 0,
    maxCreateRevision: 0,
  } as unknown as RangeRequest__Output;
}

function compare(c: Compare) {
  return {
    key: bytes(c.key),
    result: COMPARE_RESULT[c.op],
    target: COMPARE_TARGET[c.target],
    [COMPARE_FIELD[c.target]]: c.target === 'value' ? c.value : (c.value as number),
  };
}

function requestOp(op: TxnOp): RequestOp {
  if ('put' in op) return { requestPut: { key: bytes(op.put.key), value: op.put.value, lease: op.put.lease ?? 0, prevKv: true } };
  if ('delete' in op) return { requestDeleteRange: { key: bytes(op.delete.key), rangeEnd: op.delete.end === undefined ? undefined : bytes(op.delete.end), prevKv: true } };
  const q = rangeRequest(op.range);
  return { requestRange: { key: q.key, rangeEnd: q.rangeEnd, limit: q.limit, revision: q.revision, countOnly: q.countOnly } };
}

function opReply(r: ResponseOp): TxnOpReply {
  if (r.responsePut) return { put: r.responsePut.prevKv ? { prevKv: kv(r.responsePut.prevKv as KeyValue) } : {} };
  if (r.responseDeleteRange) return { delete: { deleted: Number(r.responseDeleteRange.deleted ?? 0), prevKvs: (r.responseDeleteRange.prevKvs ?? []).map((k) => kv(k as KeyValue)) } };
  const rr = r.responseRange!;
  return { range: { kvs: (rr.kvs ?? []).map((k) => kv(k as KeyValue)), count: Number(rr.count ?? 0), more: rr.more ?? false } };
}

/** `write`: the request may have been proposed, so "leader changed" leaves its outcome open. */
function kvError(err: unknown, write: boolean): Error {
  if (err instanceof KvError) return err;
  if (err instanceof CompactedError) return new KvError('compacted', err.message, err.compactRevision);
  if (err instanceof FutureRevisionError) return new KvError('future-revision', err.message);
  const e = toEtcdError(err);
  if (!(e instanceof EtcdError)) return e;
  switch (e.etcdName) {
    case 'compacted':
      return new KvError('compacted', e.message);
    case 'future-rev':
      return new KvError('future-revision', e.message);
    case 'leader-changed':
      if (write) return new KvError('timeout', `${e.message}: the write may or may not have been applied`);
      return new KvError('unavailable', e.message);
    case 'no-leader':
    case 'stopped':
    case 'not-leader':
      return new KvError('unavailable', `${e.message}${e.detail ? `: ${e.detail}` : ''}`);
    case 'timeout':
      return new KvError('timeout', e.message);
    case 'request-too-large':
      return new KvError('too-large', `${e.message}${e.detail ? `: ${e.detail}` : ''}`);
    case 'no-space':
      return new KvError('no-space', e.message);
    case 'too-many-requests':
      return new KvError('overloaded', e.message);
    default:
      return new KvError('invalid', `${e.message}${e.detail ? `: ${e.detail}` : ''}`);
  }
}
