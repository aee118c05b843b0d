import { type Entry, type Snapshot, entryBytes } from './types.ts';
import { assert } from './assert.ts';

/**
 * The in-memory Raft log of one peer: everything after `offset` (the last compacted index),
 * with a boundary between entries known durable (<= stableIndex) and entries the driver
 * still has to persist. The driver mirrors it to disk; the core never waits on I/O.
 */
export class RaftLog {
  /** Index of the last discarded entry (its term is kept for the log-matching check). */
  private offset: number;
  private offsetTerm: number;
  private entries: Entry[];
  /** Entries <= stableIndex are durable on the driver's disk. */
  stableIndex: number;
  committed: number;
  /** Highest index handed to the driver for applying (not yet advanced). */
  applying: number;
  applied: number;
  /** A snapshot received from the leader that the driver has yet to persist and install. */
  pendingSnapshot: Snapshot | undefined;

  constructor(offset: number, offsetTerm: number, entries: Entry[], committed: number, applied: number) {
    for (let i = 0; i < entries.length; i++) {
      assert(entries[i].index === offset + 1 + i, `log entries not contiguous at ${offset + 1 + i}`);
    }
    this.offset = offset;
    this.offsetTerm = offsetTerm;
    this.entries = entries.slice();
    this.stableIndex = this.lastIndex();
    assert(committed <= this.lastIndex(), `commit ${committed} beyond last index ${this.lastIndex()}`);
    assert(applied <= committed || applied === offset, `applied ${applied} beyond commit ${committed}`);
    this.committed = Math.max(committed, offset);
    this.applied = Math.max(applied, offset);
    this.applying = this.applied;
  }

  firstIndex(): number {
    return this.offset + 1;
  }

  lastIndex(): number {
    return this.offset + this.entries.length;
  }

  lastTerm(): number {
    return this.term(this.lastIndex()) ?? 0;
  }

  /** Term of the entry at index, or undefined if compacted away or not present. */
  term(index: number): number | undefined {
    if (index === this.offset) return this.offsetTerm;
    if (index < this.offset || index > this.lastIndex()) return undefined;
    return this.entries[index - this.offset - 1].term;
  }

  matchTerm(index: number, term: number): boolean {
    return this.term(index) === term;
  }

  entry(index: number): Entry | undefined {
    if (index <= this.offset || index > this.lastIndex()) return undefined;
    return this.entries[index - this.offset - 1];
  }

  /** Entries in [lo, hi], cut once `maxBytes` is exceeded (always at least one entry). */
  slice(lo: number, hi: number, maxBytes: number): Entry[] {
    assert(lo > this.offset, `slice from compacted index ${lo} (offset ${this.offset})`);
    hi = Math.min(hi, this.lastIndex());
    const out: Entry[] = [];
    let bytes = 0;
    for (let i = lo; i <= hi; i++) {
      const e = this.entries[i - this.offset - 1];
      bytes += entryBytes(e);
      if (out.length > 0 && bytes > maxBytes) break;
      out.push(e);
    }
    return out;
  }

  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const ourTerm = this.lastTerm();
    return lastTerm > ourTerm || (lastTerm === ourTerm && lastIndex >= this.lastIndex());
  }

  /** Leader append: entries carry the indexes that follow lastIndex. */
  append(entries: Entry[]): void {
    if (entries.length === 0) return;
    assert(entries[0].index === this.lastIndex() + 1, `append at ${entries[0].index} after ${this.lastIndex()}`);
    for (const e of entries) this.entries.push(e);
  }

  /**
   * Follower append (AppendEntries). Returns the last index now known to match the leader,
   * or -1 if the entry before `ents` does not match.
   */
  maybeAppend(prevIndex: number, prevTerm: number, leaderCommit: number, ents: Entry[]): number {
    if (!this.matchTerm(prevIndex, prevTerm)) return -1;
    const lastNew = prevIndex + ents.length;
    let conflictAt = -1;
    for (const e of ents) {
      if (e.index <= this.offset) continue;
      if (!this.matchTerm(e.index, e.term)) {
        conflictAt = e.index;
        break;
      }
    }
    if (conflictAt !== -1) {
      assert(conflictAt > this.committed, `conflict at ${conflictAt} would overwrite committed ${this.committed}`);
      this.truncateAndAppend(ents.filter((e) => e.index >= conflictAt));
    }
    this.commitTo(Math.min(leaderCommit, lastNew));
    return lastNew;
  }

  private truncateAndAppend(ents: Entry[]): void {
    const from = ents[0].index;
    assert(from > this.offset, `truncate into compacted log at ${from}`);
    this.entries.length = from - this.offset - 1;
    this.stableIndex = Math.min(this.stableIndex, from - 1);
    for (const e of ents) this.entries.push(e);
  }

  commitTo(index: number): void {
    if (index <= this.committed) return;
    assert(index <= this.lastIndex(), `commit ${index} beyond last index ${this.lastIndex()}`);
    this.committed = index;
  }

  unstableEntries(): Entry[] {
    if (this.stableIndex >= this.lastIndex()) return [];
    return this.entries.slice(this.stableIndex - this.offset);
  }

  /** The driver persisted entries up to index (only if the entry there still has that term). */
  stableTo(index: number, term: number): void {
    if (this.matchTerm(index, term) && index > this.stableIndex) this.stableIndex = index;
  }

  /** Committed entries not yet handed out for applying, at most maxBytes (at least one). */
  nextCommitted(maxBytes: number): Entry[] {
    const lo = Math.max(this.applying, this.offset) + 1;
    if (lo > this.committed || this.pendingSnapshot) return [];
    return this.slice(lo, this.committed, maxBytes);
  }

  hasNextCommitted(): boolean {
    return !this.pendingSnapshot && this.committed > Math.max(this.applying, this.offset);
  }

  appliedTo(index: number): void {
    if (index <= this.applied) return;
    assert(index <= this.committed, `applied ${index} beyond commit ${this.committed}`);
    this.applied = index;
    this.applying = Math.max(this.applying, index);
  }

  /** Replace the whole log by a snapshot from the leader. */
  restore(snapshot: Snapshot): void {
    const { index, term } = snapshot.metadata;
    this.offset = index;
    this.offsetTerm = term;
    this.entries = [];
    this.committed = index;
    this.stableIndex = index;
    this.pendingSnapshot = snapshot;
  }

  /** The snapshot has been persisted and installed. */
  snapshotInstalled(index: number): void {
    if (this.pendingSnapshot?.metadata.index === index) this.pendingSnapshot = undefined;
    this.applied = Math.max(this.applied, index);
    this.applying = Math.max(this.applying, index);
  }

  /** Drop entries up to and including index (all must be applied). */
  compactTo(index: number): void {
    if (index <= this.offset) return;
    assert(index <= this.applied, `compact to ${index} beyond applied ${this.applied}`);
    const term = this.term(index);
    assert(term !== undefined, `compact to unknown index ${index}`);
    this.entries = this.entries.slice(index - this.offset);
    this.offset = index;
    this.offsetTerm = term;
  }

  /** Largest index <= index whose term is <= term (for fast rejection hints). */
  findConflictByTerm(index: number, term: number): { index: number; term: number } {
    let i = Math.min(index, this.lastIndex());
    while (i > this.offset) {
      const t = this.term(i)!;
      if (t <= term) return { index: i, term: t };
      i--;
    }
    return { index: this.offset, term: this.offsetTerm };
  }

  /** Entries in (lo, hi] whose type satisfies pred, for conf-change bookkeeping. */
  scan(lo: number, hi: number, visit: (e: Entry) => void): void {
    for (let i = Math.max(lo, this.offset) + 1; i <= Math.min(hi, this.lastIndex()); i++) visit(this.entries[i - this.offset - 1]);
  }
}
