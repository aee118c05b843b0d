// The registry as the control plane sees it: ranges, compare-and-swap transactions and
// watches over string keys. This file is the whole contract between src/control and the store
// (control imports nothing else from src/store); a master hands its control plane an in-process
// implementation (local-kv-client.ts), and a remote one over the etcd API could stand in.

export interface Kv {
  key: string;
  value: Uint8Array;
  createRevision: number;
  modRevision: number;
  version: number;
  lease: number;
}

export interface RangeQuery {
  key: string;
  /** Exclusive end; absent = the key alone. `prefixEnd(p)` gives a prefix's end. */
  end?: string;
  /** 0/absent = the latest. */
  revision?: number;
  /** 0/absent = no limit. */
  limit?: number;
  /** Read this member's state without a linearization round (may be stale). */
  serializable?: boolean;
  countOnly?: boolean;
}

export interface RangeReply {
  kvs: Kv[];
  /** More keys matched beyond the limit. */
  more: boolean;
  /** Every match, regardless of limit. */
  count: number;
  /** The store's revision the read saw. */
  revision: number;
}

export type CompareTarget = 'version' | 'create' | 'mod' | 'value' | 'lease';
export type CompareOp = '=' | '!=' | '<' | '>';

export interface Compare {
  key: string;
  target: CompareTarget;
  op: CompareOp;
  /** A number for version/create/mod/lease, bytes for value. */
  value: number | Uint8Array;
}

export type TxnOp = { put: { key: string; value: Uint8Array; lease?: number } } | { delete: { key: string; end?: string } } | { range: RangeQuery };

export interface TxnRequest {
  compare: Compare[];
  success: TxnOp[];
  failure: TxnOp[];
}

export type TxnOpReply = { put: { prevKv?: Kv } } | { delete: { deleted: number; prevKvs: Kv[] } } | { range: { kvs: Kv[]; count: number; more: boolean } };

export interface TxnReply {
  succeeded: boolean;
  /** The revision after the transaction (unchanged if it wrote nothing). */
  revision: number;
  responses: TxnOpReply[];
}

export interface KvEvent {
  type: 'put' | 'delete';
  /** For a delete, only key and modRevision (the deletion's revision) are set. */
  kv: Kv;
  prevKv?: Kv;
}

export interface KvWatchSpec {
  key: string;
  /** Exclusive end; absent = the key alone. */
  end?: string;
  /** The first revision to hear; 0 = from the next change on. */
  startRevision: number;
  prevKv: boolean;
}

export interface KvWatchSink {
  /** Changes of one or more whole revisions, in order; `revision` = where they bring the watch. */
  events(events: KvEvent[], revision: number): void;
  /** The watch ended: its history was compacted (compactRevision > 0) or the store stopped. */
  canceled(reason: string, compactRevision: number): void;
}

export interface KvWatch {
  /** Every change up to this revision has been delivered (for bookmarks); 0 = not caught up. */
  progress(): number;
  cancel(): void;
}

export type KvErrorKind = 'compacted' | 'future-revision' | 'unavailable' | 'timeout' | 'too-large' | 'no-space' | 'overloaded' | 'invalid';

/** A store refusal the control plane can act on (retry elsewhere, relist, report). */
export class KvError extends Error {
  override readonly name = 'KvError';
  constructor(
    readonly kind: KvErrorKind,
    message: string,
    /** For 'compacted': the compaction revision. */
    readonly compactRevision = 0,
  ) {
    super(message);
  }
}

export interface KvClient {
  range(q: RangeQuery): Promise<RangeReply>;
  txn(t: TxnRequest): Promise<TxnReply>;
  watch(spec: KvWatchSpec, sink: KvWatchSink): KvWatch;
  /** The oldest revision still readable (0 = nothing compacted). */
  compactRevision(): number;
}

/** The end of the range of keys starting with `prefix`. */
export function prefixEnd(prefix: string): string {
  const b = Buffer.from(prefix, 'latin1');
  for (let i = b.length - 1; i >= 0; i--) {
    if (b[i] < 0xff) {
      const out = Buffer.from(b.subarray(0, i + 1));
      out[i]++;
      return out.toString('latin1');
    }
  }
  return '\0';
}
