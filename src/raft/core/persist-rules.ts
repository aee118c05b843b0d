import { type Entry, EntryType, type HardState, type Message, MessageType, type Ready } from './types.ts';

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
 * Whether a Ready's writes need an fsync, given the hard state last made durable. A hard
 * state that changed only its commit index does not: the commit index is re-learned from
 * the leader after a restart. Except when a membership change is about to be applied: a
 * peer that restarted believing it uncommitted would campaign and count votes under the
 * membership before it, and with one more change in flight two memberships two changes
 * apart have disjoint majorities (found by simulation: two leaders in one term). Then the
 * commit index covering it must be durable first (see hardStateToWrite).
 */
export function mustSync(rd: Ready, durable: HardState): boolean {
  if (rd.entries.length > 0 || rd.snapshot) return true;
  if (lastConfChangeIndex(rd.committedEntries) > durable.commit) return true;
  const hs = rd.hardState;
  if (!hs) return false;
  return hs.term !== durable.term || hs.vote !== durable.vote;
}

/** The hard state a Ready must write: its own, or the current one when a membership change needs its commit durable. */
export function hardStateToWrite(rd: Ready, durable: HardState, current: HardState): HardState | undefined {
  if (rd.hardState) return rd.hardState;
  return lastConfChangeIndex(rd.committedEntries) > durable.commit ? current : undefined;
}

function lastConfChangeIndex(entries: Entry[]): number {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].type === EntryType.ConfChange) return entries[i].index;
  return 0;
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
