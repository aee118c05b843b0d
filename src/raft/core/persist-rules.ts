import { type Entry, type HardState, type Message, MessageType, type Ready } from './types.ts';

/**
 * Which messages of a Ready may leave before its writes are durable. A leader's appends,
 * heartbeats and snapshots may: the leader counts itself toward a commit only for entries it
 * has persisted (advance), and its term and vote were made durable before it asked for votes,
 * so its own disk write can overlap the followers' (Raft thesis §10.2.1). Everything else
 * (votes, append acknowledgements, anything from a non-leader) must wait for the fsync.
 */
export function mayPrecedePersist(m: Message, leaderTerm: number | undefined): boolean {
  if (leaderTerm === undefined || m.term !== leaderTerm) return false;
  return m.type === MessageType.App || m.type === MessageType.Heartbeat || m.type === MessageType.Snap;
}

/**
 * Whether a Ready's writes need an fsync. A hard state that changed only its commit index
 * does not: the commit index is re-learned from the leader after a restart.
 */
export function mustSync(rd: Ready, persisted: HardState): boolean {
  if (rd.entries.length > 0 || rd.snapshot) return true;
  const hs = rd.hardState;
  if (!hs) return false;
  return hs.term !== persisted.term || hs.vote !== persisted.vote;
}

/**
 * How many of a Ready's committed entries may be applied before its own writes complete:
 * those already durable here (at or below the stable index when the Ready was taken).
 * Committed entries are never truncated, so applying them cannot be undone; waiting for an
 * unrelated fsync first would only add its latency to every write.
 */
export function durableCommittedPrefix(committed: Entry[], stableIndex: number): number {
  let n = 0;
  while (n < committed.length && committed[n].index <= stableIndex) n++;
  return n;
}
