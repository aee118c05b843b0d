import type { Entry, HardState, Snapshot } from '../core/types.ts';

/** Everything durable about one Raft peer, as read back on restart. */
export interface StoredState {
  hardState: HardState;
  /** Latest snapshot; metadata.index 0 means none. */
  snapshot: Snapshot;
  /** Entries after snapshot.metadata.index, contiguous, in index order. */
  entries: Entry[];
}

export interface SaveBatch {
  hardState?: HardState;
  /**
   * Entries to append. The first entry's index may be <= the stored last index: then every
   * stored entry from that index on is replaced (a Raft log truncation on conflict).
   */
  entries: Entry[];
  /** A snapshot received from the leader: replaces the log up to its index. */
  snapshot?: Snapshot;
  /**
   * false: write without fsync. Only for what Raft does not need durable (a hard state whose
   * only change is the commit index, which a restarted peer learns again from the leader).
   */
  sync?: boolean;
}

/**
 * Durable storage of a Raft peer. Every save is one atomic, fsynced write: when the
 * promise resolves, the data survives kill -9 and power loss.
 */
export interface RaftStorage {
  /** Throws CorruptRecordError (naming the record) if any checksum fails or a record is torn. */
  load(): Promise<StoredState>;
  save(batch: SaveBatch): Promise<void>;
  /** The state machine took `snapshot` locally: keep it, drop entries <= its index. */
  compact(snapshot: Snapshot): Promise<void>;
  close(): Promise<void>;
}

export class CorruptRecordError extends Error {
  constructor(
    readonly record: string,
    readonly reason: string,
  ) {
    super(`raft storage: corrupt record ${record}: ${reason}`);
    this.name = 'CorruptRecordError';
  }
}
