/** A read or compaction below the compacted revision (etcd: "mvcc: required revision has been compacted"). */
export class CompactedError extends Error {
  constructor(
    readonly revision: number,
    readonly compactRevision: number,
  ) {
    super(`mvcc: required revision has been compacted (asked ${revision}, compacted at ${compactRevision})`);
    this.name = 'CompactedError';
  }
}

/** A read beyond the current revision (etcd: "mvcc: required revision is a future revision"). */
export class FutureRevisionError extends Error {
  constructor(
    readonly revision: number,
    readonly currentRevision: number,
  ) {
    super(`mvcc: required revision is a future revision (asked ${revision}, current ${currentRevision})`);
    this.name = 'FutureRevisionError';
  }
}
