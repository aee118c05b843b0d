import { RaftCore, type PlantedBug } from '../core/raft.ts';
import { durableCommittedPrefix, hardStateToWrite, mayPrecedePersist, mustSync } from '../core/persist-rules.ts';
import {
  type ConfState,
  type Entry,
  EntryType,
  type HardState,
  type Message,
  type NodeId,
  type RaftConfig,
  type ReadState,
  type Ready,
  Role,
  type Snapshot,
  emptySnapshot,
} from '../core/types.ts';

/** What survives a crash: only writes whose (simulated) fsync completed. */
export class SimDisk {
  hardState: HardState = { term: 0, vote: 0, commit: 0 };
  snapshot: Snapshot = emptySnapshot();
  entries: Entry[] = [];

  write(rd: Pick<Ready, 'hardState' | 'entries' | 'snapshot'>): void {
    if (rd.snapshot) {
      // The core installs a leader's snapshot only over a log that does not match it:
      // the whole log goes.
      this.snapshot = rd.snapshot;
      this.entries = [];
    }
    if (rd.entries.length > 0) {
      const first = rd.entries[0].index;
      this.entries = this.entries.filter((e) => e.index < first);
      const last = this.entries.length > 0 ? this.entries[this.entries.length - 1].index : this.snapshot.metadata.index;
      if (last !== first - 1) throw new Error(`sim disk: gap before entry ${first} (last ${last})`);
      this.entries.push(...rd.entries);
    }
    if (rd.hardState) this.hardState = rd.hardState;
  }

  compact(snapshot: Snapshot): void {
    if (snapshot.metadata.index <= this.snapshot.metadata.index) return;
    this.snapshot = snapshot;
    this.entries = this.entries.filter((e) => e.index > snapshot.metadata.index);
  }
}

/** The replicated state machine of the simulation: the ordered list of applied payloads. */
export interface SimStateMachine {
  appliedIndex: number;
  values: string[];
}

export interface SimNodeHooks {
  send(from: NodeId, messages: Message[]): void;
  /** Schedules `fn` after a simulated fsync delay; dropped if the peer crashes first. */
  persistLater(node: SimNode, fn: () => void): void;
  applied(node: SimNode, entry: Entry): void;
  readState(node: SimNode, rs: ReadState): void;
  /** After every single input to the core: safety is checked between any two steps. */
  stepped(node: SimNode): void;
  /** A snapshot from the leader replaced the state machine. */
  installed(node: SimNode, index: number): void;
  appended(node: SimNode, entries: Entry[]): void;
}

export interface SimNodeOptions {
  id: NodeId;
  config: Omit<RaftConfig, 'id'>;
  bootstrap: ConfState;
  snapshotEvery: number;
  keepEntries: number;
  bug?: PlantedBug;
  /** Allow client calls between Ready and advance, as the real driver does. */
  callWhileBusy: boolean;
}

/**
 * One simulated peer: the real RaftCore, driven exactly as the real driver drives it
 * (persist, then send, then apply, then advance), over a simulated disk whose writes
 * only survive a crash once their fsync has completed.
 */
export class SimNode {
  readonly id: NodeId;
  readonly disk = new SimDisk();
  core!: RaftCore;
  sm!: SimStateMachine;
  alive = false;
  incarnation = 0;
  private busy = false;
  private mailbox: Message[] = [];
  private pendingTicks = 0;

  constructor(
    private readonly opts: SimNodeOptions,
    private readonly hooks: SimNodeHooks,
  ) {
    this.id = opts.id;
  }

  start(): void {
    this.incarnation++;
    this.alive = true;
    this.busy = false;
    this.mailbox = [];
    this.pendingTicks = 0;
    const snap = this.disk.snapshot;
    this.sm = snap.metadata.index > 0 ? decodeSm(snap.data) : { appliedIndex: 0, values: [] };
    this.core = new RaftCore(
      { ...this.opts.config, id: this.id },
      {
        hardState: { ...this.disk.hardState },
        snapshot: snap,
        entries: this.disk.entries.slice(),
        bootstrapConf: this.opts.bootstrap,
        applied: snap.metadata.index,
      },
    );
    this.core.bug = this.opts.bug;
    this.pump();
  }

  crash(): void {
    this.alive = false;
    this.incarnation++;
    this.mailbox = [];
  }

  deliver(m: Message): void {
    if (!this.alive) return;
    if (this.busy) {
      if (this.mailbox.length < 10_000) this.mailbox.push(m);
      return;
    }
    this.core.step(m);
    this.hooks.stepped(this);
    this.pump();
  }

  tick(): void {
    if (!this.alive) return;
    if (this.busy) {
      this.pendingTicks++;
      return;
    }
    this.core.tick();
    this.hooks.stepped(this);
    this.pump();
  }

  /** Runs `fn` against the core when it is not mid-Ready (else queues it as a step). */
  /**
   * Runs a client call (propose, read, transfer, membership) against the core. Like the real
   * driver, some schedules make such calls even while a Ready is being persisted.
   */
  withCore(fn: (core: RaftCore) => void): boolean {
    if (!this.alive || (this.busy && !this.opts.callWhileBusy)) return false;
    fn(this.core);
    this.hooks.stepped(this);
    this.pump();
    return true;
  }

  private pump(): void {
    if (!this.alive || this.busy) return;
    while (this.mailbox.length > 0 || this.pendingTicks > 0) {
      if (this.pendingTicks > 0) {
        this.pendingTicks--;
        this.core.tick();
      } else this.core.step(this.mailbox.shift()!);
      this.hooks.stepped(this);
    }
    if (!this.core.hasReady()) return;
    const rd = this.core.ready();
    this.hooks.appended(this, rd.entries);
    const plantedNoPersist = this.opts.bug === 'no-persist-before-send';
    // The same rule as the real driver: a leader's appends may overlap its own fsync.
    const leaderTerm = this.core.role === Role.Leader ? this.core.term : undefined;
    const early = plantedNoPersist ? rd.messages : rd.messages.filter((m) => mayPrecedePersist(m, leaderTerm));
    const later = plantedNoPersist ? [] : rd.messages.filter((m) => !mayPrecedePersist(m, leaderTerm));
    if (early.length > 0) this.hooks.send(this.id, early);
    // A commit-only hard state is written without fsync: model the worst case, that it is lost.
    const hardState = hardStateToWrite(rd, this.disk.hardState, this.core.hardState());
    const durable = mustSync(rd, this.disk.hardState) ? { ...rd, hardState } : { ...rd, hardState: undefined };
    // As the real driver: committed entries already on disk are applied before this fsync.
    const applyFirst = rd.snapshot ? 0 : durableCommittedPrefix(rd.committedEntries, this.core.log.stableIndex);
    this.applyEntries(rd.committedEntries.slice(0, applyFirst));
    this.busy = true;
    const inc = this.incarnation;
    this.hooks.persistLater(this, () => {
      if (!this.alive || this.incarnation !== inc) return;
      this.disk.write(durable);
      if (later.length > 0) this.hooks.send(this.id, later);
      this.apply(rd, applyFirst);
      this.core.advance(rd);
      this.busy = false;
      this.maybeCompact();
      this.pump();
    });
  }

  private apply(rd: Ready, alreadyApplied: number): void {
    if (rd.snapshot) {
      this.sm = decodeSm(rd.snapshot.data);
      this.hooks.installed(this, rd.snapshot.metadata.index);
    }
    this.applyEntries(rd.committedEntries.slice(alreadyApplied));
    for (const rs of rd.readStates) this.hooks.readState(this, rs);
  }

  private applyEntries(entries: Entry[]): void {
    for (const e of entries) {
      if (e.index !== this.sm.appliedIndex + 1) {
        throw new Error(`peer ${this.id} applies ${e.index} after ${this.sm.appliedIndex}`);
      }
      this.sm.appliedIndex = e.index;
      if (e.type === EntryType.Normal && e.data.byteLength > 0) this.sm.values.push(Buffer.from(e.data).toString());
      this.hooks.applied(this, e);
    }
  }

  private maybeCompact(): void {
    const applied = this.core.log.applied;
    if (applied - this.disk.snapshot.metadata.index < this.opts.snapshotEvery) return;
    const snap = this.core.compact(encodeSm(this.sm), this.opts.keepEntries);
    // Compaction is one more synced write; a crash before it completes keeps the old log.
    const inc = this.incarnation;
    this.hooks.persistLater(this, () => {
      if (this.alive && this.incarnation === inc) this.disk.compact(snap);
    });
  }
}

function encodeSm(sm: SimStateMachine): Uint8Array {
  return Buffer.from(JSON.stringify(sm));
}

function decodeSm(data: Uint8Array): SimStateMachine {
  return JSON.parse(Buffer.from(data).toString()) as SimStateMachine;
}
