import {
  type ConfChange,
  ConfChangeType,
  type ConfState,
  EMPTY,
  type Entry,
  EntryType,
  type HardState,
  type InitialState,
  type Message,
  MessageType,
  NONE,
  type NodeId,
  type RaftConfig,
  type ReadState,
  type Ready,
  Role,
  type Snapshot,
  type SoftState,
  emptyMessage,
  entryBytes,
} from './types.ts';
import { RaftLog } from './log.ts';
import { Progress, ProgressState } from './progress.ts';
import { assert } from './assert.ts';
import { decodeConfChange, encodeConfChange } from './conf-change.ts';
import { ReadOnlyQueue } from './read-only.ts';

/** Why a proposal was not accepted. The caller may retry elsewhere or later. */
export type ProposeError =
  | 'no-leader'
  | 'not-leader'
  | 'transfer-in-progress'
  | 'too-many-uncommitted'
  | 'conf-change-pending'
  | 'invalid-conf-change'
  | 'too-many-reads';

export type ProposeResult = { ok: true; index?: number } | { ok: false; error: ProposeError };

/**
 * Protocol errors planted on purpose, so the simulator can prove it catches them.
 * Only the simulator's --bug flag ever sets one.
 */
export type PlantedBug = 'commit-old-term' | 'vote-without-log-check' | 'no-persist-before-send';

const TRANSFER_CONTEXT = new TextEncoder().encode('transfer');
const MAX_APPLY_BYTES = 4 * 1024 * 1024;

/**
 * One Raft peer as a pure state machine: inputs are tick/step/propose/readIndex/
 * transferLeadership/proposeConfChange; outputs come out as Ready batches. No clock, no
 * socket, no disk inside, so the same code runs in the deterministic simulator.
 *
 * Membership changes are one at a time (single-server changes, Raft thesis §4.1): a change
 * takes effect when its entry is applied, and a leader accepts a new one only after the
 * previous one and an entry of its own term are applied (which closes the known
 * single-server-change hazard across leader changes).
 */
export class RaftCore {
  readonly id: NodeId;
  private readonly cfg: RaftConfig;
  bug: PlantedBug | undefined;

  term = 0;
  vote: NodeId = NONE;
  lead: NodeId = NONE;
  role = Role.Follower;
  readonly log: RaftLog;

  private voters = new Set<NodeId>();
  private learners = new Set<NodeId>();
  private prs = new Map<NodeId, Progress>();
  private votes = new Map<NodeId, boolean>();

  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedElectionTimeout = 0;
  private leadTransferee: NodeId = NONE;
  /** Index of the latest conf change the leader proposed; a new one waits until it is applied. */
  private pendingConfIndex = 0;
  /** This leader applied its own removal and is handing over (see applyConfChange). */
  private leaving = false;
  private uncommittedBytes = 0;
  private readonly readOnly: ReadOnlyQueue;
  /** Read requests received before this leader committed an entry of its term. */
  private readsAwaitingCommit: Message[] = [];

  private msgs: Message[] = [];
  private readStates: ReadState[] = [];
  /** The latest local snapshot, sent to followers that fell behind the compacted log. */
  private snapshot: Snapshot;

  private prevHard: HardState;
  private prevSoft: SoftState;

  constructor(cfg: RaftConfig, init: InitialState) {
    assert(cfg.id !== NONE, 'raft id must not be 0');
    assert(cfg.heartbeatTick > 0 && cfg.electionTick > cfg.heartbeatTick, 'electionTick must exceed heartbeatTick');
    this.id = cfg.id;
    this.cfg = cfg;
    const { snapshot: snap, hardState: hs, entries, bootstrapped } = withBootstrap(init);
    this.snapshot = snap;
    this.log = new RaftLog(
      snap.metadata.index,
      snap.metadata.term,
      entries,
      hs.commit,
      Math.max(init.applied, snap.metadata.index),
    );
    this.term = hs.term;
    this.vote = hs.vote;
    this.applyConfState(snap.metadata.confState);
    // Membership = the snapshot's plus the changes the state machine has applied since; the
    // committed ones after that take effect as they are applied again (until then this peer
    // does not campaign, see hup), so a snapshot never carries a later membership than its index.
    this.log.scan(snap.metadata.index, this.log.applied, (e) => {
      if (e.type === EntryType.ConfChange) this.applyConfChangeToMembership(decodeConfChange(e.data));
    });
    this.readOnly = new ReadOnlyQueue(cfg.maxPendingReads);
    this.prevHard = { term: this.term, vote: this.vote, commit: this.log.committed };
    if (bootstrapped) {
      // The founding entries are not on disk yet: the first Ready persists them.
      this.log.stableIndex = 0;
      this.prevHard = init.hardState;
    }
    this.prevSoft = { leader: NONE, role: Role.Follower };
    this.becomeFollower(this.term, NONE);
  }

  // ---------------------------------------------------------------- inputs

  tick(): void {
    if (this.role === Role.Leader) this.tickLeader();
    else this.tickElection();
  }

  step(m: Message): void {
    if (m.to !== this.id) return;
    if (!this.stepTerm(m)) return;
    switch (m.type) {
      case MessageType.Vote:
      case MessageType.PreVote:
        this.handleVoteRequest(m);
        return;
    }
    switch (this.role) {
      case Role.Leader:
        this.stepLeader(m);
        break;
      case Role.Candidate:
      case Role.PreCandidate:
        this.stepCandidate(m);
        break;
      case Role.Follower:
        this.stepFollower(m);
        break;
    }
  }

  propose(data: Uint8Array): ProposeResult {
    return this.proposeEntry(EntryType.Normal, data);
  }

  proposeConfChange(cc: ConfChange): ProposeResult {
    return this.proposeEntry(EntryType.ConfChange, encodeConfChange(cc));
  }

  /** Ask for a linearizable read point; the answer arrives as a ReadState with this context. */
  readIndex(context: Uint8Array): ProposeResult {
    const m = emptyMessage(MessageType.ReadIndex, this.id, this.id, this.term);
    m.context = context;
    if (this.role === Role.Leader) return this.leaderReadIndex(m);
    if (this.lead === NONE) return { ok: false, error: 'no-leader' };
    m.to = this.lead;
    this.send(m);
    return { ok: true };
  }

  transferLeadership(target: NodeId): ProposeResult {
    if (this.role !== Role.Leader) return { ok: false, error: 'not-leader' };
    if (target === this.id || !this.voters.has(target)) return { ok: false, error: 'invalid-conf-change' };
    if (this.leadTransferee === target) return { ok: true };
    this.leadTransferee = target;
    this.electionElapsed = 0; // the transfer is abandoned after one election timeout
    const pr = this.prs.get(target)!;
    if (pr.match === this.log.lastIndex()) this.sendTimeoutNow(target);
    else this.sendAppend(target);
    return { ok: true };
  }

  /** A hint from the transport that the stream to `peer` broke (e.g. its process died). */
  peerUnreachable(peer: NodeId): void {
    if (this.role === Role.Leader) {
      const pr = this.prs.get(peer);
      if (pr && pr.state === ProgressState.Replicate) pr.becomeProbe();
      return;
    }
    if (peer !== this.lead || this.role !== Role.Follower) return;
    // The leader is very likely gone: drop it (so our lease no longer refuses pre-votes) and
    // campaign after a short delay instead of a whole election timeout. PreVote keeps this
    // safe: if the leader is in fact alive, the others refuse and nothing changes. The
    // survivors all learn of the break at about the same moment, so the delay is staggered by
    // rank (3 ticks apart, plus jitter) rather than left to chance: two of them campaigning
    // in the same round trip would split the vote and cost a whole election timeout.
    this.lead = NONE;
    const survivors = [...this.voters].filter((v) => v !== peer).sort((a, b) => a - b);
    const rank = Math.max(0, survivors.indexOf(this.id));
    const stagger = Math.min(1 + rank * 3 + Math.floor(this.cfg.random() * 2), this.randomizedElectionTimeout - 1);
    this.electionElapsed = Math.max(this.electionElapsed, this.randomizedElectionTimeout - stagger);
  }

  /**
   * The state machine took a snapshot at the applied index. The log keeps `keepEntries`
   * entries before it so slightly slow followers catch up without a snapshot.
   */
  compact(data: Uint8Array, keepEntries: number, at?: number): Snapshot {
    // `at`: an earlier applied index the state machine's data covers (its on-disk state was
    // synced up to there); the membership must not have changed since (the caller checks).
    const index = at ?? this.log.applied;
    assert(index <= this.log.applied, `snapshot at ${index} beyond applied ${this.log.applied}`);
    const term = this.log.term(index);
    assert(term !== undefined, `snapshot at unknown index ${index}`);
    const snap: Snapshot = { metadata: { index, term, confState: this.confState() }, data };
    this.snapshot = snap;
    this.log.compactTo(Math.max(0, index - keepEntries));
    return snap;
  }

  confState(): ConfState {
    return { voters: [...this.voters].sort((a, b) => a - b), learners: [...this.learners].sort((a, b) => a - b) };
  }

  isVoter(id: NodeId): boolean {
    return this.voters.has(id);
  }

  // ---------------------------------------------------------------- ready / advance

  hasReady(): boolean {
    if (this.msgs.length > 0 || this.readStates.length > 0) return true;
    if (this.log.stableIndex < this.log.lastIndex() || this.log.pendingSnapshot) return true;
    if (this.log.hasNextCommitted()) return true;
    if (!sameHard(this.hardState(), this.prevHard)) return true;
    return this.lead !== this.prevSoft.leader || this.role !== this.prevSoft.role;
  }

  ready(): Ready {
    const rd: Ready = {
      entries: this.log.unstableEntries(),
      messages: coalesceAppends(this.msgs, this.cfg.maxSizePerMsg),
      committedEntries: this.log.nextCommitted(MAX_APPLY_BYTES),
      readStates: this.readStates,
    };
    const hs = this.hardState();
    if (!sameHard(hs, this.prevHard)) rd.hardState = hs;
    if (this.lead !== this.prevSoft.leader || this.role !== this.prevSoft.role) {
      rd.softState = { leader: this.lead, role: this.role };
    }
    if (this.log.pendingSnapshot) rd.snapshot = this.log.pendingSnapshot;
    this.msgs = [];
    this.readStates = [];
    if (rd.committedEntries.length > 0) this.log.applying = rd.committedEntries[rd.committedEntries.length - 1].index;
    return rd;
  }

  /** The driver has persisted, sent and applied everything in `rd`. */
  advance(rd: Ready): void {
    if (rd.hardState) this.prevHard = rd.hardState;
    if (rd.softState) this.prevSoft = rd.softState;
    if (rd.snapshot) {
      this.log.snapshotInstalled(rd.snapshot.metadata.index);
      this.snapshot = rd.snapshot;
    }
    if (rd.entries.length > 0) {
      const last = rd.entries[rd.entries.length - 1];
      this.log.stableTo(last.index, last.term);
      if (this.role === Role.Leader) {
        // The leader counts itself only for what is durable on its own disk.
        const self = this.prs.get(this.id);
        if (self && self.maybeUpdate(this.log.stableIndex) && this.maybeCommit()) this.bcastAppend();
      }
    }
    for (const e of rd.committedEntries) {
      this.log.appliedTo(e.index);
      if (e.type === EntryType.ConfChange) this.applyConfChange(decodeConfChange(e.data));
      if (this.role === Role.Leader) this.uncommittedBytes = Math.max(0, this.uncommittedBytes - entryBytes(e));
    }
  }

  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.log.committed };
  }

  status(): { id: NodeId; term: number; lead: NodeId; role: Role; commit: number; applied: number; lastIndex: number } {
    return {
      id: this.id,
      term: this.term,
      lead: this.lead,
      role: this.role,
      commit: this.log.committed,
      applied: this.log.applied,
      lastIndex: this.log.lastIndex(),
    };
  }

  /** The leader's view of each peer's log (empty on followers). */
  progress(): Map<NodeId, { match: number; next: number; state: ProgressState }> {
    const out = new Map<NodeId, { match: number; next: number; state: ProgressState }>();
    if (this.role !== Role.Leader) return out;
    for (const [id, pr] of this.prs) out.set(id, { match: pr.match, next: pr.next, state: pr.state });
    return out;
  }

  // ---------------------------------------------------------------- roles

  private becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.role = Role.Follower;
    this.lead = lead;
  }

  private becomePreCandidate(): void {
    assert(this.role !== Role.Leader, 'leader cannot become pre-candidate');
    // PreVote changes neither term nor vote: a partitioned peer cannot inflate the term.
    this.votes.clear();
    this.role = Role.PreCandidate;
    this.lead = NONE;
  }

  private becomeCandidate(): void {
    assert(this.role !== Role.Leader, 'leader cannot become candidate');
    this.reset(this.term + 1);
    this.vote = this.id;
    this.role = Role.Candidate;
  }

  private becomeLeader(): void {
    assert(this.role === Role.Candidate, 'only a candidate becomes leader');
    this.reset(this.term);
    this.role = Role.Leader;
    this.lead = this.id;
    const self = this.prs.get(this.id)!;
    self.becomeReplicate();
    self.match = this.log.stableIndex;
    // No conf change until everything before this term (and this term's first entry) is applied.
    this.pendingConfIndex = this.log.lastIndex() + 1;
    this.uncommittedBytes = 0;
    this.appendEntries([{ term: this.term, index: 0, type: EntryType.Normal, data: EMPTY }]);
  }

  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = NONE;
    }
    this.lead = NONE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.randomizedElectionTimeout =
      this.cfg.electionTick + Math.floor(this.cfg.random() * this.cfg.electionTick);
    this.votes.clear();
    this.leadTransferee = NONE;
    this.leaving = false;
    this.readOnly.clear();
    this.readsAwaitingCommit = [];
    const next = this.log.lastIndex() + 1;
    for (const [id, pr] of this.prs) {
      const fresh = new Progress(next, this.cfg.maxInflightMsgs, this.cfg.maxInflightBytes, pr.isLearner);
      if (id === this.id) fresh.match = this.log.lastIndex();
      this.prs.set(id, fresh);
    }
  }

  private promotable(): boolean {
    return this.voters.has(this.id) && !this.log.pendingSnapshot;
  }

  // ---------------------------------------------------------------- timers

  private tickElection(): void {
    this.electionElapsed++;
    // A pre-vote changes no term, so an unanswered round is cheap to repeat: peers that still
    // felt a leader's lease ignored it, and they may have lost that lease (or learned of the
    // leader's death) by now. Waiting a whole election timeout instead is where slow
    // failovers came from.
    const preVoteRetry = Math.max(2, Math.floor(this.cfg.electionTick / 6));
    if (this.role === Role.PreCandidate && this.electionElapsed >= preVoteRetry) {
      this.electionElapsed = 0;
      this.hup(false);
      return;
    }
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.hup(false);
    }
  }

  private tickLeader(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.leaving && this.electionElapsed >= this.cfg.electionTick) {
      this.becomeFollower(this.term, NONE);
      return;
    }
    for (const pr of this.prs.values()) {
      if (pr.state === ProgressState.Snapshot && ++pr.snapshotElapsed >= this.cfg.electionTick) pr.becomeProbe();
    }
    if (this.electionElapsed >= this.cfg.electionTick) {
      this.electionElapsed = 0;
      if (this.cfg.checkQuorum && !this.quorumActive()) {
        this.becomeFollower(this.term, NONE);
        return;
      }
      if (this.leadTransferee !== NONE) this.leadTransferee = NONE;
    }
    if (this.heartbeatElapsed >= this.cfg.heartbeatTick) {
      this.heartbeatElapsed = 0;
      this.bcastHeartbeat(this.readOnly.lastContext());
    }
  }

  /** CheckQuorum: did a quorum of voters talk to us since the last round? Resets the marks. */
  private quorumActive(): boolean {
    let active = 0;
    for (const id of this.voters) {
      const pr = this.prs.get(id)!;
      if (id === this.id || pr.recentActive) active++;
      pr.recentActive = false;
    }
    return active >= this.quorum();
  }

  // ---------------------------------------------------------------- elections

  private hup(transfer: boolean): void {
    if (this.role === Role.Leader || !this.promotable()) return;
    // A committed but unapplied conf change may change who votes: wait until it is applied.
    let pendingConf = false;
    this.log.scan(this.log.applied, this.log.committed, (e) => {
      if (e.type === EntryType.ConfChange) pendingConf = true;
    });
    if (pendingConf) return;
    if (this.cfg.preVote && !transfer) this.campaign(true, false);
    else this.campaign(false, transfer);
  }

  private campaign(pre: boolean, transfer: boolean): void {
    let term: number;
    if (pre) {
      this.becomePreCandidate();
      term = this.term + 1;
    } else {
      this.becomeCandidate();
      term = this.term;
    }
    const type = pre ? MessageType.PreVote : MessageType.Vote;
    this.votes.set(this.id, true);
    if (this.tally() === 'won') {
      if (pre) this.campaign(false, transfer);
      else this.becomeLeader();
      return;
    }
    for (const id of this.voters) {
      if (id === this.id) continue;
      const m = emptyMessage(type, this.id, id, term);
      m.index = this.log.lastIndex();
      m.logTerm = this.log.lastTerm();
      if (transfer) m.context = TRANSFER_CONTEXT;
      this.send(m);
    }
  }

  private tally(): 'won' | 'lost' | 'pending' {
    let granted = 0;
    let rejected = 0;
    for (const id of this.voters) {
      const v = this.votes.get(id);
      if (v === true) granted++;
      else if (v === false) rejected++;
    }
    const q = this.quorum();
    if (granted >= q) return 'won';
    if (rejected > this.voters.size - q) return 'lost';
    return 'pending';
  }

  private quorum(): number {
    return Math.floor(this.voters.size / 2) + 1;
  }

  /** Term rules common to every role. Returns false if the message is to be ignored. */
  private stepTerm(m: Message): boolean {
    if (m.term > this.term) {
      if (m.type === MessageType.Vote || m.type === MessageType.PreVote) {
        const force = bytesEqual(m.context, TRANSFER_CONTEXT);
        const inLease =
          this.cfg.checkQuorum && this.lead !== NONE && this.electionElapsed < this.cfg.electionTick;
        // A peer that heard from a live leader recently ignores disruptive campaigns.
        if (!force && inLease) return false;
      }
      if (m.type === MessageType.PreVote) {
        // never change term for a pre-vote
      } else if (m.type === MessageType.PreVoteResp && !m.reject) {
        // a granted pre-vote is answered at our future term; keep ours until we win
      } else if (m.type === MessageType.App || m.type === MessageType.Heartbeat || m.type === MessageType.Snap) {
        this.becomeFollower(m.term, m.from);
      } else {
        this.becomeFollower(m.term, NONE);
      }
      return true;
    }
    if (m.term < this.term) {
      if ((this.cfg.checkQuorum || this.cfg.preVote) && (m.type === MessageType.Heartbeat || m.type === MessageType.App)) {
        // A stale leader (e.g. back from a partition) learns our term and steps down.
        this.send(emptyMessage(MessageType.AppResp, this.id, m.from, this.term));
      } else if (m.type === MessageType.PreVote) {
        const r = emptyMessage(MessageType.PreVoteResp, this.id, m.from, this.term);
        r.reject = true;
        this.send(r);
      }
      return false;
    }
    return true;
  }

  private handleVoteRequest(m: Message): void {
    const pre = m.type === MessageType.PreVote;
    const canVote =
      this.vote === m.from || (this.vote === NONE && this.lead === NONE) || (pre && m.term > this.term);
    const upToDate = this.bug === 'vote-without-log-check' || this.log.isUpToDate(m.index, m.logTerm);
    const respType = pre ? MessageType.PreVoteResp : MessageType.VoteResp;
    if (pre && this.role === Role.PreCandidate && m.term === this.term + 1 && canVote && upToDate) {
      // Two survivors campaigning in the same round trip would both pass PreVote and then
      // split the real vote, costing a whole election timeout. Of two pre-candidates for the
      // same term only the better one (longer log, else lower id) goes on: the other grants
      // it and stands down; the better one refuses the other. Only liveness depends on this.
      const sameLog = m.logTerm === this.log.lastTerm() && m.index === this.log.lastIndex();
      if (!sameLog || m.from < this.id) {
        this.send(emptyMessage(respType, this.id, m.from, m.term));
        this.becomeFollower(this.term, NONE);
      } else {
        const r = emptyMessage(respType, this.id, m.from, this.term);
        r.reject = true;
        this.send(r);
      }
      return;
    }
    if (canVote && upToDate) {
      // A granted pre-vote is answered at the asked term, so the candidate does not step down.
      this.send(emptyMessage(respType, this.id, m.from, m.term));
      if (!pre) {
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      const r = emptyMessage(respType, this.id, m.from, this.term);
      r.reject = true;
      this.send(r);
    }
  }

  private stepCandidate(m: Message): void {
    switch (m.type) {
      case MessageType.App:
      case MessageType.Heartbeat:
      case MessageType.Snap:
        this.becomeFollower(m.term, m.from);
        this.stepFollower(m);
        return;
      case MessageType.PreVoteResp:
      case MessageType.VoteResp: {
        const want = this.role === Role.PreCandidate ? MessageType.PreVoteResp : MessageType.VoteResp;
        if (m.type !== want) return;
        if (!this.votes.has(m.from)) this.votes.set(m.from, !m.reject);
        const result = this.tally();
        if (result === 'won') {
          if (this.role === Role.PreCandidate) this.campaign(false, false);
          else {
            this.becomeLeader();
            this.bcastAppend();
          }
        } else if (result === 'lost') {
          this.becomeFollower(this.term, NONE);
        }
        return;
      }
      default:
        return; // proposals and reads are dropped while there is no leader
    }
  }

  // ---------------------------------------------------------------- follower

  private stepFollower(m: Message): void {
    switch (m.type) {
      case MessageType.Prop:
        if (this.lead !== NONE) this.send({ ...m, to: this.lead, from: this.id });
        return;
      case MessageType.App:
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleAppend(m);
        return;
      case MessageType.Heartbeat:
        this.electionElapsed = 0;
        this.lead = m.from;
        this.log.commitTo(Math.min(m.commit, this.log.lastIndex()));
        {
          const r = emptyMessage(MessageType.HeartbeatResp, this.id, m.from, this.term);
          r.context = m.context;
          this.send(r);
        }
        return;
      case MessageType.Snap:
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleSnapshot(m);
        return;
      case MessageType.TimeoutNow:
        this.hup(true);
        return;
      case MessageType.ReadIndex:
        if (this.lead !== NONE) this.send({ ...m, to: this.lead, from: this.id });
        return;
      case MessageType.ReadIndexResp:
        this.readStates.push({ index: m.index, context: m.context });
        return;
    }
  }

  private handleAppend(m: Message): void {
    const r = emptyMessage(MessageType.AppResp, this.id, m.from, this.term);
    if (m.index < this.log.committed) {
      r.index = this.log.committed;
      this.send(r);
      return;
    }
    const last = this.log.maybeAppend(m.index, m.logTerm, m.commit, m.entries);
    if (last >= 0) {
      r.index = last;
    } else {
      // Point the leader at the largest index that may still match, skipping whole terms.
      const hint = this.log.findConflictByTerm(Math.min(m.index, this.log.lastIndex()), m.logTerm);
      r.index = m.index;
      r.reject = true;
      r.rejectHint = hint.index;
      r.logTerm = hint.term;
    }
    this.send(r);
  }

  private handleSnapshot(m: Message): void {
    const snap = m.snapshot;
    assert(snap, 'Snap message without snapshot');
    const { index, term } = snap.metadata;
    const r = emptyMessage(MessageType.AppResp, this.id, m.from, this.term);
    if (index <= this.log.committed || this.log.pendingSnapshot) {
      r.index = this.log.committed;
    } else if (this.log.matchTerm(index, term)) {
      // We already hold the snapshot's entries: just learn that they are committed. Claim no
      // more than that: entries after it were not checked against the leader's log.
      this.log.commitTo(index);
      r.index = this.log.committed;
    } else {
      this.log.restore(snap);
      this.applyConfState(snap.metadata.confState);
      r.index = index;
    }
    this.send(r);
  }

  // ---------------------------------------------------------------- leader

  private stepLeader(m: Message): void {
    const pr = this.prs.get(m.from);
    switch (m.type) {
      case MessageType.Prop:
        for (const e of m.entries) {
          const res = this.proposeEntry(e.type, e.data);
          if (!res.ok) return;
        }
        return;
      case MessageType.ReadIndex:
        this.leaderReadIndex(m);
        return;
    }
    if (!pr) return; // not (or no longer) a member
    switch (m.type) {
      case MessageType.AppResp:
        pr.recentActive = true;
        if (m.reject) {
          let hint = m.rejectHint;
          if (m.logTerm > 0) hint = this.log.findConflictByTerm(m.rejectHint, m.logTerm).index;
          if (pr.maybeDecrTo(m.index, hint)) {
            if (pr.state === ProgressState.Replicate) pr.becomeProbe();
            this.sendAppend(m.from);
          }
          return;
        }
        {
          const wasPaused = pr.isPaused();
          if (!pr.maybeUpdate(m.index)) {
            if (pr.state === ProgressState.Probe) this.sendAppend(m.from);
            return;
          }
          if (pr.state === ProgressState.Probe) pr.becomeReplicate();
          else if (pr.state === ProgressState.Snapshot && pr.match >= pr.pendingSnapshot) {
            pr.becomeProbe();
            pr.becomeReplicate();
          } else if (pr.state === ProgressState.Replicate) pr.inflights.freeLE(m.index);
          if (this.maybeCommit()) this.bcastAppend();
          else if (wasPaused || pr.state === ProgressState.Replicate) this.fillPipeline(m.from);
          if (m.from === this.leadTransferee && pr.match === this.log.lastIndex()) this.sendTimeoutNow(m.from);
        }
        return;
      case MessageType.HeartbeatResp:
        pr.recentActive = true;
        pr.probeSent = false;
        if (pr.state === ProgressState.Replicate && pr.inflights.full()) pr.inflights.freeFirst();
        if (pr.match < this.log.lastIndex()) this.sendAppend(m.from);
        if (m.context.byteLength > 0) this.ackRead(m.context, m.from);
        return;
      case MessageType.VoteResp:
      case MessageType.PreVoteResp:
        return;
    }
  }

  private proposeEntry(type: EntryType, data: Uint8Array): ProposeResult {
    if (this.role !== Role.Leader) {
      if (this.lead === NONE) return { ok: false, error: 'no-leader' };
      const m = emptyMessage(MessageType.Prop, this.id, this.lead, this.term);
      m.entries = [{ term: 0, index: 0, type, data }];
      this.send(m);
      return { ok: true };
    }
    if (this.leaving) return { ok: false, error: 'not-leader' };
    if (this.leadTransferee !== NONE) return { ok: false, error: 'transfer-in-progress' };
    const size = data.byteLength + 24;
    if (this.uncommittedBytes > 0 && this.uncommittedBytes + size > this.cfg.maxUncommittedBytes) {
      return { ok: false, error: 'too-many-uncommitted' };
    }
    if (type === EntryType.ConfChange) {
      if (this.pendingConfIndex > this.log.applied) return { ok: false, error: 'conf-change-pending' };
      const cc = decodeConfChange(data);
      if (!this.validConfChange(cc)) return { ok: false, error: 'invalid-conf-change' };
      this.pendingConfIndex = this.log.lastIndex() + 1;
    }
    this.uncommittedBytes += size;
    const index = this.appendEntries([{ term: 0, index: 0, type, data }]);
    this.bcastAppend();
    return { ok: true, index };
  }

  private validConfChange(cc: ConfChange): boolean {
    if (cc.nodeId === NONE) return false;
    if (cc.type === ConfChangeType.RemoveNode) {
      if (!this.voters.has(cc.nodeId) && !this.learners.has(cc.nodeId)) return false;
      if (this.voters.has(cc.nodeId) && this.voters.size === 1) return false;
      // A leader does not remove itself: once it stops leading, the survivors learn that the
      // removal committed only from what it sent last, and a survivor that missed it still
      // counts the removed peer and may never win a vote again (seen in simulation: 3 -> 2
      // voters). Transfer leadership first; the new leader removes the old one and stays.
      if (cc.nodeId === this.id) return false;
    }
    if (cc.type === ConfChangeType.AddLearner && this.voters.has(cc.nodeId)) return false;
    return true;
  }

  private appendEntries(ents: Entry[]): number {
    let index = this.log.lastIndex();
    for (const e of ents) {
      index++;
      e.term = this.term;
      e.index = index;
    }
    this.log.append(ents);
    return index;
  }

  /** Commit the highest index a quorum of voters holds, if it is from the current term. */
  private maybeCommit(): boolean {
    const matches: number[] = [];
    for (const id of this.voters) matches.push(this.prs.get(id)?.match ?? 0);
    matches.sort((a, b) => b - a);
    const mci = matches[this.quorum() - 1];
    if (mci <= this.log.committed) return false;
    // Raft §5.4.2: only an entry of the current term is committed by counting replicas.
    if (this.bug !== 'commit-old-term' && this.log.term(mci) !== this.term) return false;
    const hadTermCommit = this.log.term(this.log.committed) === this.term;
    this.log.commitTo(mci);
    if (!hadTermCommit) this.releaseReadsAwaitingCommit();
    return true;
  }

  /** After new entries or a new commit index: every follower hears of it now. */
  private bcastAppend(): void {
    for (const id of this.prs.keys()) if (id !== this.id) this.fillPipeline(id, true);
  }

  private fillPipeline(to: NodeId, allowEmpty = false): void {
    // Send until the window is full or nothing is left; a probe sends at most one.
    if (!this.sendAppend(to, allowEmpty)) return;
    for (let i = 1; i < this.cfg.maxInflightMsgs; i++) {
      if (!this.sendAppend(to, false)) return;
    }
  }

  /** Sends entries (or a snapshot) to one follower. Returns true if entries went out. */
  private sendAppend(to: NodeId, sendIfEmpty = true): boolean {
    const pr = this.prs.get(to);
    if (!pr || pr.isPaused()) return false;
    const prevIndex = pr.next - 1;
    const prevTerm = this.log.term(prevIndex);
    if (prevTerm === undefined) return this.sendSnapshot(to, pr);
    const last = this.log.lastIndex();
    if (pr.next > last && !sendIfEmpty) return false;
    const ents = pr.next <= last ? this.log.slice(pr.next, last, this.cfg.maxSizePerMsg) : [];
    const m = emptyMessage(MessageType.App, this.id, to, this.term);
    m.index = prevIndex;
    m.logTerm = prevTerm;
    m.entries = ents;
    m.commit = this.log.committed;
    if (ents.length > 0) {
      let bytes = 0;
      for (const e of ents) bytes += entryBytes(e);
      pr.sentEntries(ents[ents.length - 1].index, bytes);
    } else if (pr.state === ProgressState.Probe) {
      pr.probeSent = true;
    }
    this.send(m);
    return ents.length > 0;
  }

  private sendSnapshot(to: NodeId, pr: Progress): boolean {
    if (!pr.recentActive) {
      // Do not ship a (possibly large) snapshot to a peer we have not heard from; its next
      // heartbeat response marks it active and brings us back here.
      pr.probeSent = true;
      return false;
    }
    const snap = this.snapshot;
    assert(snap.metadata.index > 0, `follower ${to} needs compacted entries but no snapshot exists`);
    const m = emptyMessage(MessageType.Snap, this.id, to, this.term);
    m.snapshot = snap;
    pr.becomeSnapshot(snap.metadata.index);
    this.send(m);
    return false;
  }

  private bcastHeartbeat(context: Uint8Array): void {
    for (const [id, pr] of this.prs) {
      if (id === this.id) continue;
      const m = emptyMessage(MessageType.Heartbeat, this.id, id, this.term);
      // Never tell a follower to commit past what it is known to hold.
      m.commit = Math.min(pr.match, this.log.committed);
      m.context = context;
      this.send(m);
    }
  }

  private sendTimeoutNow(to: NodeId): void {
    this.send(emptyMessage(MessageType.TimeoutNow, this.id, to, this.term));
  }

  // ---------------------------------------------------------------- reads

  private leaderReadIndex(m: Message): ProposeResult {
    if (this.leaving) return { ok: false, error: 'not-leader' };
    if (this.log.term(this.log.committed) !== this.term) {
      // Until an entry of this term commits, our commit index may lag the true one.
      if (this.readsAwaitingCommit.length >= this.cfg.maxPendingReads) return { ok: false, error: 'too-many-reads' };
      this.readsAwaitingCommit.push(m);
      return { ok: true };
    }
    if (this.voters.size === 1 && this.voters.has(this.id)) {
      this.answerRead(m.from, this.log.committed, m.context);
      return { ok: true };
    }
    const seq = this.readOnly.add(m.context, m.from, this.log.committed, this.id);
    if (!seq) return { ok: false, error: 'too-many-reads' };
    this.bcastHeartbeat(seq);
    return { ok: true };
  }

  private releaseReadsAwaitingCommit(): void {
    const pending = this.readsAwaitingCommit;
    this.readsAwaitingCommit = [];
    for (const m of pending) this.leaderReadIndex(m);
  }

  private ackRead(context: Uint8Array, from: NodeId): void {
    if (!this.voters.has(from)) return;
    const done = this.readOnly.ack(context, from, this.quorum(), (id) => this.voters.has(id));
    for (const r of done) this.answerRead(r.from, r.index, r.context);
  }

  private answerRead(from: NodeId, index: number, context: Uint8Array): void {
    if (from === this.id) {
      this.readStates.push({ index, context });
      return;
    }
    const r = emptyMessage(MessageType.ReadIndexResp, this.id, from, this.term);
    r.index = index;
    r.context = context;
    this.send(r);
  }

  // ---------------------------------------------------------------- membership

  private applyConfState(cs: ConfState): void {
    this.voters = new Set(cs.voters);
    this.learners = new Set(cs.learners);
    const next = this.log.lastIndex() + 1;
    for (const id of [...this.prs.keys()]) {
      if (!this.voters.has(id) && !this.learners.has(id)) this.prs.delete(id);
    }
    for (const id of [...cs.voters, ...cs.learners]) {
      const pr = this.prs.get(id);
      if (pr) pr.isLearner = this.learners.has(id);
      else this.prs.set(id, new Progress(next, this.cfg.maxInflightMsgs, this.cfg.maxInflightBytes, this.learners.has(id)));
    }
  }

  private applyConfChangeToMembership(cc: ConfChange): void {
    const voters = new Set(this.voters);
    const learners = new Set(this.learners);
    switch (cc.type) {
      case ConfChangeType.AddNode:
        learners.delete(cc.nodeId);
        voters.add(cc.nodeId);
        break;
      case ConfChangeType.AddLearner:
        if (!voters.has(cc.nodeId)) learners.add(cc.nodeId);
        break;
      case ConfChangeType.RemoveNode:
        voters.delete(cc.nodeId);
        learners.delete(cc.nodeId);
        break;
    }
    this.applyConfState({ voters: [...voters], learners: [...learners] });
  }

  private applyConfChange(cc: ConfChange): void {
    if (this.role === Role.Leader && cc.type === ConfChangeType.RemoveNode && cc.nodeId !== this.id) {
      // A last word to the peer being removed: the commit index covering its removal, so it
      // applies it and knows it is out (nobody will send it anything after this).
      const pr = this.prs.get(cc.nodeId);
      if (pr) {
        const m = emptyMessage(MessageType.Heartbeat, this.id, cc.nodeId, this.term);
        m.commit = Math.min(pr.match, this.log.committed);
        this.send(m);
      }
    }
    this.applyConfChangeToMembership(cc);
    if (this.role !== Role.Leader) return;
    if (!this.voters.has(this.id)) {
      // Removed by an earlier leader's entry. Lead on for one election timeout without taking
      // proposals, so that every remaining peer hears that the removal committed (heartbeats
      // carry the commit index), then step down.
      this.leaving = true;
      this.electionElapsed = 0;
      this.bcastAppend();
      return;
    }
    if (this.leadTransferee !== NONE && !this.voters.has(this.leadTransferee)) this.leadTransferee = NONE;
    // A smaller group may already have confirmed pending reads (or be just this leader).
    for (const r of this.readOnly.confirmed(this.quorum(), (id) => this.voters.has(id))) this.answerRead(r.from, r.index, r.context);
    // A smaller quorum may commit more; new peers need their first append either way.
    this.maybeCommit();
    this.bcastAppend();
  }

  private send(m: Message): void {
    if (m.type !== MessageType.Prop && m.type !== MessageType.ReadIndex) m.term = m.term || this.term;
    this.msgs.push(m);
  }
}

/**
 * A brand-new peer of a new cluster writes its initial membership into the log as committed
 * AddNode entries at term 1, identical on every founding peer; a peer that joins later
 * starts empty and learns the membership from the leader's log or snapshot.
 */
function withBootstrap(init: InitialState): {
  snapshot: Snapshot;
  hardState: HardState;
  entries: Entry[];
  bootstrapped: boolean;
} {
  const fresh = init.hardState.term === 0 && init.snapshot.metadata.index === 0 && init.entries.length === 0;
  if (!fresh || init.bootstrapConf.voters.length === 0) {
    return { snapshot: init.snapshot, hardState: init.hardState, entries: init.entries, bootstrapped: false };
  }
  const ids = [...init.bootstrapConf.voters].sort((a, b) => a - b);
  const entries: Entry[] = ids.map((nodeId, i) => ({
    term: 1,
    index: i + 1,
    type: EntryType.ConfChange,
    data: encodeConfChange({ type: ConfChangeType.AddNode, nodeId, context: EMPTY }),
  }));
  return { snapshot: init.snapshot, hardState: { term: 1, vote: NONE, commit: entries.length }, entries, bootstrapped: true };
}

function sameHard(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

export { encodeConfChange, decodeConfChange };

/**
 * Each proposal appends and sends at once, so a busy leader's Ready holds many small appends
 * to each follower, one after another. Merging each run of consecutive appends to a peer that
 * continue one another (the next one's previous entry is the last one's last) into one message
 * sends the same entries in the same order with one round trip instead of many; the
 * follower answers once, acknowledging the last index, which frees every in-flight slot below
 * it. Messages to other peers in between do not matter (each peer has its own stream); any
 * other message to the same peer ends the run, so order per peer is kept.
 */
export function coalesceAppends(msgs: Message[], maxBytes: number): Message[] {
  if (msgs.length < 2) return msgs;
  const out: Message[] = [];
  /** Per peer: the index in `out` of its last message, if that one was a mergeable append. */
  const open = new Map<NodeId, { at: number; bytes: number }>();
  const sizeOf = (m: Message) => m.entries.reduce((n, e) => n + entryBytes(e), 0);
  for (const m of msgs) {
    if (m.type !== MessageType.App) {
      open.delete(m.to);
      out.push(m);
      continue;
    }
    const run = open.get(m.to);
    if (run) {
      const prev = out[run.at];
      const lastIndex = prev.index + prev.entries.length;
      const lastTerm = prev.entries.length > 0 ? prev.entries[prev.entries.length - 1].term : prev.logTerm;
      if (prev.term === m.term && m.index === lastIndex && m.logTerm === lastTerm) {
        // Sizes are counted only where a merge is possible (most appends start no run).
        if (run.bytes < 0) run.bytes = sizeOf(prev);
        const bytes = sizeOf(m);
        if (run.bytes + bytes <= maxBytes) {
          out[run.at] = { ...prev, entries: prev.entries.concat(m.entries), commit: Math.max(prev.commit, m.commit) };
          run.bytes += bytes;
          continue;
        }
      }
    }
    open.set(m.to, { at: out.length, bytes: -1 });
    out.push(m);
  }
  return out;
}
