// etcd's KV service: Range, Put, DeleteRange, Txn, Compact.
import type { Logger } from 'pino';
import type { CompactionRequest__Output } from '../../gen/etcdserverpb/CompactionRequest.ts';
import type { CompactionResponse } from '../../gen/etcdserverpb/CompactionResponse.ts';
import type { DeleteRangeRequest__Output } from '../../gen/etcdserverpb/DeleteRangeRequest.ts';
import type { DeleteRangeResponse } from '../../gen/etcdserverpb/DeleteRangeResponse.ts';
import type { KVHandlers } from '../../gen/etcdserverpb/KV.ts';
import type { PutRequest__Output } from '../../gen/etcdserverpb/PutRequest.ts';
import type { PutResponse } from '../../gen/etcdserverpb/PutResponse.ts';
import type { RangeRequest__Output } from '../../gen/etcdserverpb/RangeRequest.ts';
import type { RangeResponse } from '../../gen/etcdserverpb/RangeResponse.ts';
import type { TxnRequest__Output } from '../../gen/etcdserverpb/TxnRequest.ts';
import type { TxnResponse } from '../../gen/etcdserverpb/TxnResponse.ts';
import { CompactedError, FutureRevisionError } from '../mvcc/errors.ts';
import { executeRange } from '../registry/range.ts';
import type { Registry } from '../registry/registry.ts';
import { EtcdError } from './etcd-errors.ts';
import { unary } from './handler.ts';
import { checkDelete, checkPut, checkRange, checkTxn, txnWrites } from './request-checks.ts';

export function createKvService(reg: Registry, logger: Logger): KVHandlers {
  const log = logger.child({ component: 'etcd-kv' });

  /** MVCC read errors in etcd's words. */
  const reading = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof CompactedError) throw new EtcdError('compacted', err.message);
      if (err instanceof FutureRevisionError) throw new EtcdError('future-rev', err.message);
      throw err;
    }
  };

  return {
    Range: unary(log, 'Range', async (r: RangeRequest__Output, timeoutMs): Promise<RangeResponse> => {
      checkRange(r);
      if (!r.serializable) await reg.linearize(timeoutMs);
      const res = reading(() => executeRange(reg.sm.mvcc, r));
      return { header: reg.header(), ...res };
    }),

    Put: unary(log, 'Put', async (r: PutRequest__Output, timeoutMs): Promise<PutResponse> => {
      checkPut(r);
      await reg.checkQuota(r.key.byteLength + r.value.byteLength);
      const res = await reg.write({ put: r }, timeoutMs);
      return { header: reg.header(res.revision), prevKv: res.put?.prevKv ?? null };
    }),

    DeleteRange: unary(log, 'DeleteRange', async (r: DeleteRangeRequest__Output, timeoutMs): Promise<DeleteRangeResponse> => {
      checkDelete(r);
      const res = await reg.write({ deleteRange: r }, timeoutMs);
      return { header: reg.header(res.revision), ...res.deleteRange };
    }),

    Txn: unary(log, 'Txn', async (r: TxnRequest__Output, timeoutMs): Promise<TxnResponse> => {
      checkTxn(r, reg.limits.maxTxnOps);
      if (!txnWrites(r)) {
        // Read-only: a linearizable point and a local evaluation, as etcd does; no log entry.
        await reg.linearize(timeoutMs);
        const res = reading(() => reg.sm.readOnlyTxn(r));
        return { header: reg.header(), ...res };
      }
      await reg.checkQuota(0);
      const res = await reg.write({ txn: r }, timeoutMs);
      return { header: reg.header(res.revision), ...res.txn! };
    }),

    Compact: unary(log, 'Compact', async (r: CompactionRequest__Output, timeoutMs): Promise<CompactionResponse> => {
      const res = await reg.write({ compaction: r }, timeoutMs);
      log.info({ event: 'compacted', revision: r.revision }, 'history compacted');
      return { header: reg.header(res.revision) };
    }),
  };
}
