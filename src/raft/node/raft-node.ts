import type { Logger } from 'pino';
import { RaftCore, decodeConfChange } from '../core/raft.ts';
import {
  ConfChangeType,
  DEFAULT_CONFIG,
  type Entry,
  EntryType,
  type Message,
  MessageType,
  type NodeId,
  type Ready,
  Role,
} from '../core/types.ts';
import type { RaftStorage } from '../storage/storage.ts';
import type { PeerAddress, Transport } from '../transport/transport.ts';
import { RaftNodeError } from './errors.ts';
import { decodeEnvelope, encodeEnvelope, decodePayload, encodeProposal } from './payload.ts';
import { Waiters } from './waiters.ts';
import { durableCommittedPrefix, hardStateToWrite, mayPrecedePersist, mustSync } from '../core/persist-rules.ts';

/** The replicated state machine the node drives. Applied in log order, exactly once per life. */
export interface StateMachine {
  apply(index: number, data: Uint8Array): unknown;
  /** A full image of the state (sent to a follower that is too far behind). */
  snapshot(): Uint8Array;
  restore(data: Uint8Array): void;
  /**
   * A state machine that keeps itself on disk implements these three. It then applies each
   * index once (skipping what it already holds), its images may be newer than the log position
   * they are installed at, and local snapshots carry no image (the state is on disk already).
   */
  readonly applied?: number;
  /** After each batch of applied entries: write them (unsynced is fine: the log has them). */
  persist?(): Promise<void>;
  /** Make everything applied durable; called before the log is compacted behind it. */
  sync?(): Promise<void>;
}

const NO_IMAGE = new Uint8Array(0);
/** A synced write slower than this is logged. */
const SLOW_SYNC_MS = 100;

export interface RaftNodeOptions {
  id: NodeId;
  storage: RaftStorage;
  transport: Transport;
  /** Founding members (including this node) for a new cluster; ignored once storage has state. */
  initialPeers: PeerAddress[];
  /** true when joining an existing cluster: start empty and learn membership from the leader. */
  join: boolean;
  stateMachine: StateMachine;
  logger: Logger;
  /** Milliseconds per logical tick. */
  tickMs: number;
  heartbeatTick: number;
  electionTick: number;
  /** Applied entries between local snapshots. */
  snapshotCount: number;
  /** Entries kept behind a snapshot so slow followers catch up without one. */
  catchUpEntries: number;
  /** Max messages queued while a Ready is being persisted. */
  maxMailbox?: number;
}

export interface RaftNodeStatus {
  id: NodeId;
  role: Role;
  term: number;
  leader: NodeId;
  commit: number;
  applied: number;
  lastIndex: number;
  voters: NodeId[];
  learners: NodeId[];
  members: PeerAddress[];
}

type Input = { kind: 'msg'; m: Message } | { kind: 'tick' } | { kind: 'unreachable'; peer: NodeId };

/**
 * The driver around the pure core: owns the clock, the disk and the network. It follows the
 * core's Ready contract strictly: persist (synced), then send, then apply, then advance.
 * Inputs that arrive while a Ready is being persisted wait in a bounded mailbox, which also
 * batches proposals into one fsync.
 */
export class RaftNode {
  readonly id: NodeId;
  private core!: RaftCore;
  private readonly opts: RaftNodeOptions;
  private readonly log: Logger;
  private busy = false;
  private pumpScheduled = false;
  private stopped = false;
  private mailbox: Input[] = [];
  private ticker: NodeJS.Timeout | undefined;
  /** Starts from the clock so that a restarted node never reuses an earlier life's ids. */
  private nextRequest = Date.now() * 1024;
  private readonly proposals = new Waiters<{ index: number; result: unknown }>();
  private readonly reads = new Waiters<number>();
  /** Reads whose read index is known, waiting for the state machine to catch up. */
  private readsAwaitingApply: { index: number; resolve: () => void }[] = [];
  /** Reads gathering for the next ReadIndex round. */
  private readBatch: { timeoutMs: number; result?: Promise<number> } | undefined;
  private members = new Map<NodeId, string>();
  private snapshotIndex = 0;
  /** A snapshot of an on-disk state machine whose sync is under way (see maybeSnapshotOnDisk). */
  private snapshotSync: { index: number; done: boolean; started: number } | undefined;
  private lastConfChangeApplied = 0;
  /** Membership changes this node proposed, applied in the Ready being handled. */
  private readonly confChangesApplied: { request: number; index: number }[] = [];
  private leaderListeners: ((leader: NodeId, term: number) => void)[] = [];
  private lastLeader = 0;
  private failure: Error | undefined;
  private fatalListeners: ((err: Error) => void)[] = [];
  /** The hard state as last fsynced (a commit-only change is written without fsync). */
  private syncedHard = { term: 0, vote: 0, commit: 0 };

  private constructor(opts: RaftNodeOptions) {
    this.opts = opts;
    this.id = opts.id;
    this.log = opts.logger.child({ raft: opts.id });
  }

  static async start(opts: RaftNodeOptions): Promise<RaftNode> {
    const node = new RaftNode(opts);
    await node.boot();
    return node;
  }

  private async boot(): Promise<void> {
    const o = this.opts;
    const stored = await o.storage.load();
    const snap = stored.snapshot;
    // Member addresses: the snapshot's list if there is one, else the founding flags' (the
    // founding entries carry no address); then the changes in the log after it, in order.
    if (snap.metadata.index > 0) {
      const env = decodeEnvelope(snap.data);
      const held = o.stateMachine.applied ?? 0;
      if (held < snap.metadata.index) {
        if (env.state.byteLength === 0) {
          throw new RaftNodeError(
            'corrupt',
            `the state machine's data (applied up to ${held}) is behind the Raft snapshot at ${snap.metadata.index}, which carries no image: the state directory was lost or replaced`,
          );
        }
        o.stateMachine.restore(env.state);
      }
      for (const p of env.members) this.members.set(p.id, p.address);
      this.snapshotIndex = snap.metadata.index;
    } else {
      for (const p of o.initialPeers) this.members.set(p.id, p.address);
    }
    for (const e of stored.entries) if (e.type === EntryType.ConfChange) this.noteMember(e);
    this.syncedHard = stored.hardState;
    const fresh = stored.hardState.term === 0 && snap.metadata.index === 0 && stored.entries.length === 0;

    let seed = o.id * 2654435761;
    this.core = new RaftCore(
      {
        ...DEFAULT_CONFIG,
        id: o.id,
        electionTick: o.electionTick,
        heartbeatTick: o.heartbeatTick,
        random: () => {
          // Timeouts only need to differ between peers, not be unpredictable.
          seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + Date.now()) >>> 0;
          return (seed % 1_000_000) / 1_000_000;
        },
      },
      {
        hardState: stored.hardState,
        snapshot: snap,
        entries: stored.entries,
        bootstrapConf: { voters: fresh && !o.join ? o.initialPeers.map((p) => p.id) : [], learners: [] },
        applied: snap.metadata.index,
      },
    );
    for (const [id, address] of this.members) if (id !== this.id) o.transport.addPeer({ id, address });
    o.transport.onMessage((m) => this.input({ kind: 'msg', m }));
    o.transport.onPeerUnreachable((peer) => this.input({ kind: 'unreachable', peer }));
    await o.transport.start();
    this.ticker = setInterval(() => this.input({ kind: 'tick' }), o.tickMs);
    this.log.info(
      { term: stored.hardState.term, commit: stored.hardState.commit, entries: stored.entries.length, snapshot: snap.metadata.index },
      'raft node started',
    );
    this.pump();
  }

  // ------------------------------------------------------------------ public API

  /** Replicates `data`; resolves once it is committed and applied here, with the apply result. */
  propose(data: Uint8Array, timeoutMs = 5000): Promise<{ index: number; result: unknown }> {
    this.assertRunning();
    const req = this.requestId();
    const p = this.proposals.wait(req, timeoutMs, 'propose');
    const res = this.core.propose(encodeProposal(this.id, req, data));
    if (!res.ok) this.proposals.fail(req, new RaftNodeError(res.error, `proposal refused: ${res.error}`));
    this.schedulePump();
    return p;
  }

  /**
   * A linearizable read point: resolves once this node has applied everything committed before
   * the call. Reads that arrive in the same turn of the event loop share one ReadIndex round
   * (one heartbeat to the quorum), which is still linearizable: the round starts after each
   * of them was called.
   */
  async readIndex(timeoutMs = 5000): Promise<number> {
    this.assertRunning();
    if (!this.readBatch) {
      const batch: { timeoutMs: number; result?: Promise<number> } = { timeoutMs };
      this.readBatch = batch;
      batch.result = new Promise<number>((resolve, reject) => {
        setImmediate(() => {
          this.readBatch = undefined;
          this.readRound(batch.timeoutMs).then(resolve, reject);
        });
      });
    } else {
      this.readBatch.timeoutMs = Math.max(this.readBatch.timeoutMs, timeoutMs);
    }
    return this.readBatch.result!;
  }

  private async readRound(timeoutMs: number): Promise<number> {
    this.assertRunning();
    const req = this.requestId();
    const p = this.reads.wait(req, timeoutMs, 'read index');
    const res = this.core.readIndex(requestContext(req));
    if (!res.ok) this.reads.fail(req, new RaftNodeError(res.error, `read refused: ${res.error}`));
    this.pump();
    const index = await p;
    if (this.core.log.applied < index) {
      await new Promise<void>((resolve) => this.readsAwaitingApply.push({ index, resolve }));
    }
    return index;
  }

  transferLeadership(target: NodeId): void {
    this.assertRunning();
    const res = this.core.transferLeadership(target);
    if (!res.ok) throw new RaftNodeError(res.error, `transfer to ${target} refused: ${res.error}`);
    this.pump();
  }

  async addMember(id: NodeId, address: string, learner = false): Promise<void> {
    this.opts.transport.addPeer({ id, address });
    await this.changeMembership(learner ? ConfChangeType.AddLearner : ConfChangeType.AddNode, id, address);
  }

  /**
   * Removes a member. A leader never removes itself (the core refuses: the survivors could be
   * left unable to elect anyone), so a leader asked to leave first hands leadership to its
   * most caught-up voter, as etcd's server does, and the new leader carries out the removal.
   */
  async removeMember(id: NodeId, timeoutMs = 10_000): Promise<void> {
    if (id === this.id && this.core.role === Role.Leader) {
      let best: { id: NodeId; match: number } | undefined;
      for (const [peer, pr] of this.core.progress()) {
        if (peer !== this.id && this.core.isVoter(peer) && (!best || pr.match > best.match)) best = { id: peer, match: pr.match };
      }
      if (!best) throw new RaftNodeError('invalid-conf-change', 'cannot remove the only voter');
      this.transferLeadership(best.id);
      const deadline = Date.now() + timeoutMs;
      while (this.core.lead === this.id || this.core.lead === 0) {
        if (Date.now() > deadline) throw new RaftNodeError('timeout', `leadership transfer to ${best.id} did not complete`);
        await new Promise((r) => setTimeout(r, this.opts.tickMs));
      }
    }
    await this.changeMembership(ConfChangeType.RemoveNode, id, '');
  }

  /**
   * Proposes a membership change and waits until it is applied here. A leader refuses a change
   * while an earlier one (or its own first entry) is unapplied, and a refusal of a proposal
   * forwarded from a follower is silent, so the attempt is repeated until the membership
   * shows the change or the deadline passes.
   */
  private async changeMembership(type: ConfChangeType, nodeId: NodeId, address: string, timeoutMs = 10_000): Promise<void> {
    this.assertRunning();
    const deadline = Date.now() + timeoutMs;
    const done = () => {
      const cs = this.core.confState();
      if (type === ConfChangeType.RemoveNode) return !cs.voters.includes(nodeId) && !cs.learners.includes(nodeId);
      if (type === ConfChangeType.AddNode) return cs.voters.includes(nodeId);
      return cs.learners.includes(nodeId);
    };
    for (;;) {
      const req = this.requestId();
      const attemptMs = Math.max(1, Math.min(1000, deadline - Date.now()));
      const p = this.proposals.wait(req, attemptMs, 'membership change');
      const context = encodeProposal(this.id, req, new TextEncoder().encode(address));
      const res = this.core.proposeConfChange({ type, nodeId, context });
      if (!res.ok && res.error !== 'conf-change-pending' && res.error !== 'no-leader') {
        this.proposals.fail(req, new RaftNodeError(res.error, `membership change refused: ${res.error}`));
      }
      this.pump();
      try {
        await p;
        return;
      } catch (err) {
        if (!(err instanceof RaftNodeError) || (err.code !== 'timeout' && err.code !== 'leader-changed')) throw err;
        if (done()) return;
        if (Date.now() >= deadline) throw err;
      }
    }
  }

  /** Called once if the node stops itself because persisting or applying failed. */
  onFatal(fn: (err: Error) => void): void {
    this.fatalListeners.push(fn);
  }

  onLeaderChange(fn: (leader: NodeId, term: number) => void): void {
    this.leaderListeners.push(fn);
  }

  /** The current term and whether this node leads: cheap, for every response header. */
  get term(): number {
    return this.core.term;
  }

  get isLeader(): boolean {
    return this.core.role === Role.Leader;
  }

  status(): RaftNodeStatus {
    const s = this.core.status();
    const cs = this.core.confState();
    return {
      id: this.id,
      role: s.role,
      term: s.term,
      leader: s.lead,
      commit: s.commit,
      applied: s.applied,
      lastIndex: s.lastIndex,
      voters: cs.voters,
      learners: cs.learners,
      members: [...this.members].map(([id, address]) => ({ id, address })),
    };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    const err = new RaftNodeError('stopped', 'raft node stopped');
    this.proposals.failAll(err);
    this.reads.failAll(err);
    await this.opts.transport.stop().catch(() => undefined);
    // Let an fsync in flight finish before the database closes under it.
    while (this.busy) await new Promise((r) => setTimeout(r, 1));
    await this.opts.storage.close().catch(() => undefined);
    this.log.info('raft node stopped');
  }

  // ------------------------------------------------------------------ the loop

  private input(i: Input): void {
    if (this.stopped) return;
    if (this.busy) {
      const max = this.opts.maxMailbox ?? 100_000;
      // Raft tolerates lost messages and ticks; an unbounded queue would not be tolerable.
      if (this.mailbox.length < max) this.mailbox.push(i);
      return;
    }
    this.feed(i);
    this.pump();
  }

  /**
   * Starts the next Ready once this turn of the event loop is over, not at once: proposals
   * that arrived together (one socket read often holds many requests) then share one Ready,
   * one fsync and one message per peer, instead of the first going alone. Peer messages are
   * not deferred: they are the latency path of every write.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private feed(i: Input): void {
    switch (i.kind) {
      case 'msg':
        this.core.step(i.m);
        break;
      case 'tick':
        this.core.tick();
        break;
      case 'unreachable':
        this.core.peerUnreachable(i.peer);
        break;
    }
  }

  private pump(): void {
    if (this.busy || this.stopped) return;
    const box = this.mailbox;
    this.mailbox = [];
    for (const i of box) this.feed(i);
    if (!this.core.hasReady()) return;
    const rd = this.core.ready();
    this.busy = true;
    this.handleReady(rd).then(
      () => {
        this.busy = false;
        this.pump();
      },
      (err: unknown) => this.fatal(err as Error),
    );
  }

  private async handleReady(rd: Ready): Promise<void> {
    // A leader's appends may overlap its own fsync; nothing else may (persist-rules.ts).
    const leaderTerm = this.core.role === Role.Leader ? this.core.term : undefined;
    const early = rd.messages.filter((m) => mayPrecedePersist(m, leaderTerm));
    const later = early.length === 0 ? rd.messages : rd.messages.filter((m) => !mayPrecedePersist(m, leaderTerm));
    if (early.length > 0) this.opts.transport.send(this.withImages(early));
    // Committed entries already on disk here need not wait for this Ready's fsync.
    const applyFirst = rd.snapshot ? 0 : durableCommittedPrefix(rd.committedEntries, this.core.log.stableIndex);
    for (let i = 0; i < applyFirst; i++) this.applyEntry(rd.committedEntries[i]);
    // 1. Durable first: a vote or an acknowledgement must never outlive a crash that lost it.
    const hardState = hardStateToWrite(rd, this.syncedHard, this.core.hardState());
    if (rd.entries.length > 0 || hardState || rd.snapshot) {
      const batch = { hardState, entries: rd.entries, snapshot: rd.snapshot };
      if (mustSync(rd, this.syncedHard)) {
        const started = performance.now();
        await this.opts.storage.save(batch);
        const ms = performance.now() - started;
        // As etcd warns of a slow fdatasync: every write waits for this one.
        if (ms > SLOW_SYNC_MS) this.log.warn({ event: 'slow-fsync', ms: Math.round(ms), entries: rd.entries.length }, 'synced write of the Raft log was slow');
        if (hardState) this.syncedHard = hardState;
      } else {
        this.opts.storage.save({ ...batch, sync: false }).catch((err: Error) => this.fatal(err));
      }
    }
    if (this.stopped) return;
    // 2. Then the messages that depend on it.
    if (later.length > 0) this.opts.transport.send(this.withImages(later));
    // 3. Then the state machine.
    if (rd.snapshot) this.installSnapshot(rd.snapshot.data, rd.snapshot.metadata.index);
    for (let i = applyFirst; i < rd.committedEntries.length; i++) this.applyEntry(rd.committedEntries[i]);
    if ((rd.committedEntries.length > 0 || rd.snapshot) && this.opts.stateMachine.persist) {
      this.opts.stateMachine.persist().catch((err: Error) => this.fatal(err));
    }
    for (const rs of rd.readStates) {
      const req = contextRequest(rs.context);
      if (req !== undefined) this.reads.resolve(req, rs.index);
    }
    this.core.advance(rd);
    for (const c of this.confChangesApplied.splice(0)) this.proposals.resolve(c.request, { index: c.index, result: undefined });
    this.releaseReads();
    if (rd.softState) this.leaderChanged(rd.softState.leader);
    await this.maybeSnapshot();
  }

  /**
   * A snapshot without an image (the state machine keeps its state on disk) gets one, taken
   * now: newer than the snapshot's index, which the receiver's state machine tolerates by
   * skipping the entries its image already holds.
   */
  private withImages(msgs: Message[]): Message[] {
    return msgs.map((m) => {
      if (m.type !== MessageType.Snap || !m.snapshot) return m;
      const env = decodeEnvelope(m.snapshot.data);
      if (env.state.byteLength > 0) return m;
      const image = this.opts.stateMachine.snapshot();
      const data = encodeEnvelope({ members: env.members, state: image });
      this.log.info({ to: m.to, index: m.snapshot.metadata.index, bytes: data.byteLength }, 'sending a snapshot with a fresh image');
      return { ...m, snapshot: { ...m.snapshot, data } };
    });
  }

  private applyEntry(e: Entry): void {
    if (e.type === EntryType.ConfChange) {
      this.lastConfChangeApplied = e.index;
      const cc = decodeConfChange(e.data);
      this.noteMember(e);
      const { origin, request } = decodePayload(cc.context);
      this.log.info({ index: e.index, change: ConfChangeType[cc.type], node: cc.nodeId }, 'membership change applied');
      // Acknowledged only after advance(): the core's membership (status()) shows it by then.
      if (origin === this.id) this.confChangesApplied.push({ request, index: e.index });
      return;
    }
    if (e.data.byteLength === 0) {
      // A new leader's empty entry: once it applies, the leader serves writes and reads.
      if (this.core.role === Role.Leader && e.term === this.core.term) this.log.info({ term: e.term, index: e.index }, 'leader serving');
      return;
    }
    const { origin, request, body } = decodePayload(e.data);
    const result = this.opts.stateMachine.apply(e.index, body);
    if (origin === this.id) this.proposals.resolve(request, { index: e.index, result });
  }

  private noteMember(e: Entry): void {
    const cc = decodeConfChange(e.data);
    if (cc.type === ConfChangeType.RemoveNode) {
      this.members.delete(cc.nodeId);
      // While booting, the transport has no peers yet; it gets `members` once the log is read.
      if (cc.nodeId !== this.id && this.core) {
        // Not at once: the last messages to it (the commit of its own removal) are still queued.
        const peer = cc.nodeId;
        setTimeout(() => {
          if (!this.members.has(peer) && !this.stopped) this.opts.transport.removePeer(peer);
        }, this.opts.tickMs * this.opts.electionTick).unref();
      }
      return;
    }
    const address = new TextDecoder().decode(decodePayload(cc.context).body);
    if (address) {
      const known = this.members.get(cc.nodeId);
      this.members.set(cc.nodeId, address);
      if (cc.nodeId !== this.id && known !== address && this.core) this.opts.transport.addPeer({ id: cc.nodeId, address });
    }
  }

  private installSnapshot(data: Uint8Array, index: number): void {
    const env = decodeEnvelope(data);
    this.opts.stateMachine.restore(env.state);
    for (const p of env.members) {
      if (p.id !== this.id && this.members.get(p.id) !== p.address) this.opts.transport.addPeer(p);
      this.members.set(p.id, p.address);
    }
    this.snapshotIndex = index;
    this.log.info({ index }, 'snapshot installed from leader');
  }

  private async maybeSnapshot(): Promise<void> {
    const sm = this.opts.stateMachine;
    if (sm.sync) return this.maybeSnapshotOnDisk(sm.sync.bind(sm));
    const applied = this.core.log.applied;
    if (applied - this.snapshotIndex < this.opts.snapshotCount) return;
    const started = performance.now();
    const members = [...this.members].map(([id, address]) => ({ id, address }));
    const data = encodeEnvelope({ members, state: sm.snapshot() });
    const snap = this.core.compact(data, this.opts.catchUpEntries);
    await this.opts.storage.compact(snap);
    this.snapshotIndex = snap.metadata.index;
    this.log.info({ index: snap.metadata.index, bytes: data.byteLength, ms: Math.round(performance.now() - started) }, 'snapshot taken, log compacted');
  }

  /**
   * A state machine on disk is synced instead of imaged, and the sync runs beside the loop
   * (it takes tens of ms; holding every Ready for it showed in tail latency): once it is
   * done, the log is compacted at the index it covers. A membership change applied meanwhile
   * would not match the snapshot's index, nor may a leader's newer snapshot be overwritten, so
   * such an attempt is dropped and made again later.
   */
  private maybeSnapshotOnDisk(sync: () => Promise<void>): Promise<void> | undefined {
    const pending = this.snapshotSync;
    if (pending && !pending.done) return;
    if (pending?.done) {
      this.snapshotSync = undefined;
      // Overtaken by a membership change or by a leader's snapshot: try again later.
      if (this.lastConfChangeApplied > pending.index || pending.index <= this.snapshotIndex) return;
      const members = [...this.members].map(([id, address]) => ({ id, address }));
      const data = encodeEnvelope({ members, state: NO_IMAGE });
      const snap = this.core.compact(data, this.opts.catchUpEntries, pending.index);
      return this.opts.storage.compact(snap).then(() => {
        this.snapshotIndex = Math.max(this.snapshotIndex, snap.metadata.index);
        this.log.info({ index: snap.metadata.index, bytes: data.byteLength, ms: Math.round(performance.now() - pending.started) }, 'snapshot taken, log compacted');
      });
    }
    const applied = this.core.log.applied;
    if (applied - this.snapshotIndex < this.opts.snapshotCount) return;
    const attempt = { index: applied, done: false, started: performance.now() };
    this.snapshotSync = attempt;
    sync().then(
      () => {
        attempt.done = true;
        this.pump();
      },
      (err: Error) => this.fatal(err),
    );
    return undefined;
  }

  private releaseReads(): void {
    if (this.readsAwaitingApply.length === 0) return;
    const applied = this.core.log.applied;
    const still: typeof this.readsAwaitingApply = [];
    for (const r of this.readsAwaitingApply) {
      if (r.index <= applied) r.resolve();
      else still.push(r);
    }
    this.readsAwaitingApply = still;
  }

  private leaderChanged(leader: NodeId): void {
    if (leader === this.lastLeader) return;
    if (this.lastLeader !== 0) {
      // What was pending went through a leader that is gone: a proposal may or may not be in
      // the new leader's log, a read index round will never be answered. Waiting out the
      // timeout would only hide that; callers hear it now (etcd's "leader changed").
      const err = new RaftNodeError('leader-changed', `leader ${this.lastLeader} was replaced while the request was pending; a proposal may or may not have been applied`);
      this.proposals.failAll(err);
      this.reads.failAll(err);
    }
    this.lastLeader = leader;
    this.log.info({ leader, term: this.core.term, role: this.core.role }, 'leader changed');
    for (const fn of this.leaderListeners) fn(leader, this.core.term);
  }

  private fatal(err: Error): void {
    // A failed fsync or a broken invariant: going on could lose acknowledged writes.
    this.failure = err;
    this.busy = false;
    this.log.fatal({ err }, 'raft node failed; stopping');
    void this.stop().finally(() => {
      for (const fn of this.fatalListeners) fn(err);
    });
  }

  private assertRunning(): void {
    if (this.failure) throw new RaftNodeError('failed', `raft node failed: ${this.failure.message}`);
    if (this.stopped) throw new RaftNodeError('stopped', 'raft node stopped');
  }

  private requestId(): number {
    return this.nextRequest++;
  }
}

function requestContext(req: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, req);
  return b;
}

function contextRequest(ctx: Uint8Array): number | undefined {
  if (ctx.byteLength !== 8) return undefined;
  return new DataView(ctx.buffer, ctx.byteOffset, 8).getFloat64(0);
}
