import { type Entry, type NodeId, Role } from '../core/types.ts';
import type { RaftCore } from '../core/raft.ts';

export class InvariantViolation extends Error {
  constructor(
    readonly invariant: string,
    detail: string,
  ) {
    super(`${invariant}: ${detail}`);
    this.name = 'InvariantViolation';
  }
}

function fingerprint(e: { term: number; type: number; data: Uint8Array }): string {
  // Entries in the simulation carry short unique payloads, so the bytes are the identity.
  return `${e.term}/${e.type}/${Buffer.from(e.data).toString('base64')}`;
}

/**
 * The Raft safety properties (Raft paper, figure 3), checked from the outside against
 * global knowledge that no single peer has.
 */
export class SafetyChecker {
  /** term -> the one leader elected in it (Election Safety). */
  private leaders = new Map<number, NodeId>();
  /** "index/term" -> entry fingerprint and the term of the entry before it (Log Matching). */
  private logPairs = new Map<string, { fp: string; prevTerm: number | undefined }>();
  /**
   * index -> fingerprint and term of the entry committed there, as first seen by anyone, and
   * the lowest term in which anyone saw it committed (it was committed in that term or before).
   */
  private committed = new Map<number, { fp: string; term: number; commitTerm: number }>();
  private maxCommitted = 0;
  /** index -> fingerprint of the entry applied there (State Machine Safety). */
  private applied = new Map<number, string>();
  /** Per peer incarnation: last seen commit (monotonic within one life). */
  private lastCommit = new Map<string, number>();

  /** Called after every simulation step for every live peer. */
  observe(node: RaftCore, incarnation: number): void {
    if (node.role === Role.Leader) {
      const known = this.leaders.get(node.term);
      if (known === undefined) {
        this.leaders.set(node.term, node.id);
        this.checkLeaderCompleteness(node);
      } else if (known !== node.id) {
        throw new InvariantViolation('Election Safety', `term ${node.term} has two leaders: ${known} and ${node.id}`);
      }
    }
    const key = `${node.id}#${incarnation}`;
    const prev = this.lastCommit.get(key) ?? 0;
    const commit = node.log.committed;
    if (commit < prev) {
      throw new InvariantViolation('Monotonic Commit', `peer ${node.id} commit went back from ${prev} to ${commit}`);
    }
    if (commit > prev) {
      this.recordCommitted(node, Math.max(prev, node.log.firstIndex() - 1), commit);
      this.lastCommit.set(key, commit);
    }
  }

  /** New entries appeared in a peer's log (every log change passes through a Ready). */
  observeAppended(node: RaftCore, entries: Entry[]): void {
    for (const e of entries) {
      const key = `${e.index}/${e.term}`;
      const prevTerm = node.log.term(e.index - 1);
      const fp = fingerprint(e);
      const seen = this.logPairs.get(key);
      if (!seen) {
        this.logPairs.set(key, { fp, prevTerm });
        continue;
      }
      if (seen.fp !== fp) {
        throw new InvariantViolation('Log Matching', `two different entries at index ${e.index} term ${e.term} (peer ${node.id})`);
      }
      if (seen.prevTerm !== undefined && prevTerm !== undefined && seen.prevTerm !== prevTerm) {
        throw new InvariantViolation(
          'Log Matching',
          `entry ${e.index}/${e.term} follows term ${prevTerm} on peer ${node.id} but term ${seen.prevTerm} elsewhere`,
        );
      }
    }
  }

  observeApplied(nodeId: NodeId, e: Entry): void {
    const fp = fingerprint(e);
    const seen = this.applied.get(e.index);
    if (seen === undefined) this.applied.set(e.index, fp);
    else if (seen !== fp) {
      throw new InvariantViolation('State Machine Safety', `peer ${nodeId} applied ${fp} at index ${e.index}, another peer applied ${seen}`);
    }
  }

  leadersElected(): number {
    return this.leaders.size;
  }

  highestCommitted(): number {
    return this.maxCommitted;
  }

  private recordCommitted(node: RaftCore, from: number, to: number): void {
    for (let i = from + 1; i <= to; i++) {
      const e = node.log.entry(i);
      if (!e) continue; // compacted or only in a snapshot: covered when it was committed elsewhere
      const fp = fingerprint(e);
      const seen = this.committed.get(i);
      if (!seen) this.committed.set(i, { fp, term: e.term, commitTerm: node.term });
      else if (seen.fp === fp) seen.commitTerm = Math.min(seen.commitTerm, node.term);
      else {
        throw new InvariantViolation('Committed Entry Stability', `peer ${node.id} committed ${fp} at ${i}, but ${seen.fp} was committed there before`);
      }
    }
    this.maxCommitted = Math.max(this.maxCommitted, to);
  }

  /**
   * A new leader of term T holds every entry committed in an earlier term (Raft paper §5.4:
   * the term in which it was committed, which may be later than the entry's own term).
   */
  private checkLeaderCompleteness(node: RaftCore): void {
    const first = node.log.firstIndex();
    for (const [index, c] of this.committed) {
      if (c.commitTerm >= node.term) continue;
      if (index < first - 1) continue; // inside the leader's snapshot, which only holds committed state
      const t = node.log.term(index);
      if (t !== c.term) {
        throw new InvariantViolation(
          'Leader Completeness',
          `leader ${node.id} of term ${node.term} lacks entry ${index} (term ${c.term}) committed before; it has term ${t ?? 'none'}`,
        );
      }
    }
  }
}
