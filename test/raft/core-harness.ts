import { RaftCore } from '../../src/raft/core/raft.ts';
import {
  DEFAULT_CONFIG,
  type Message,
  type NodeId,
  type RaftConfig,
  type ReadState,
  Role,
  emptySnapshot,
} from '../../src/raft/core/types.ts';

/**
 * A lock-step network of real cores for scenario tests: every Ready is "persisted" at once,
 * its messages queued, and `deliver` runs the queue until quiet (or for a number of steps).
 * Links can be cut per direction.
 */
export class CoreNet {
  readonly cores = new Map<NodeId, RaftCore>();
  readonly applied = new Map<NodeId, string[]>();
  readonly reads = new Map<NodeId, ReadState[]>();
  private queue: Message[] = [];
  private cut = new Set<string>();
  private randState = 1;

  constructor(ids: NodeId[], cfg: Partial<RaftConfig> = {}) {
    for (const id of ids) this.add(id, ids, cfg);
  }

  add(id: NodeId, bootstrap: NodeId[], cfg: Partial<RaftConfig> = {}): RaftCore {
    const core = new RaftCore(
      {
        ...DEFAULT_CONFIG,
        electionTick: 10,
        heartbeatTick: 1,
        ...cfg,
        id,
        random: () => {
          this.randState = (this.randState * 48271) % 2147483647;
          return this.randState / 2147483647;
        },
      },
      {
        hardState: { term: 0, vote: 0, commit: 0 },
        snapshot: emptySnapshot(),
        entries: [],
        bootstrapConf: { voters: bootstrap, learners: [] },
        applied: 0,
      },
    );
    this.cores.set(id, core);
    this.applied.set(id, []);
    this.reads.set(id, []);
    this.flush(core);
    return core;
  }

  get(id: NodeId): RaftCore {
    return this.cores.get(id)!;
  }

  /** Process each core's Ready: persist (instantly), queue messages, apply, advance. */
  flush(core: RaftCore): void {
    while (core.hasReady()) {
      const rd = core.ready();
      this.queue.push(...rd.messages);
      for (const e of rd.committedEntries) if (e.data.byteLength > 0 && e.type === 0) this.applied.get(core.id)!.push(Buffer.from(e.data).toString());
      this.reads.get(core.id)!.push(...rd.readStates);
      core.advance(rd);
    }
  }

  flushAll(): void {
    for (const c of this.cores.values()) this.flush(c);
  }

  cutLink(a: NodeId, b: NodeId): void {
    this.cut.add(`${a}>${b}`);
    this.cut.add(`${b}>${a}`);
  }

  isolate(id: NodeId): void {
    for (const other of this.cores.keys()) if (other !== id) this.cutLink(id, other);
  }

  heal(): void {
    this.cut.clear();
  }

  /** Deliver queued messages until none are left (bounded). Returns messages delivered. */
  deliver(maxSteps = 100_000): number {
    let n = 0;
    while (this.queue.length > 0 && n < maxSteps) {
      const m = this.queue.shift()!;
      n++;
      if (this.cut.has(`${m.from}>${m.to}`)) continue;
      const to = this.cores.get(m.to);
      if (!to) continue;
      to.step(m);
      this.flush(to);
    }
    return n;
  }

  /** Tick one core `n` times, delivering after each tick. */
  tick(id: NodeId, n = 1): void {
    for (let i = 0; i < n; i++) {
      const c = this.get(id);
      c.tick();
      this.flush(c);
      this.deliver();
    }
  }

  /** Tick every core `n` rounds. */
  tickAll(n: number): void {
    for (let i = 0; i < n; i++) {
      for (const c of this.cores.values()) {
        c.tick();
        this.flush(c);
      }
      this.deliver();
    }
  }

  dropQueued(): void {
    this.queue = [];
  }

  /** Make `id` leader by letting it time out first. */
  elect(id: NodeId): void {
    this.tick(id, 30);
    if (this.get(id).role !== Role.Leader) throw new Error(`node ${id} did not become leader (role ${this.get(id).role})`);
  }

  leaders(): RaftCore[] {
    return [...this.cores.values()].filter((c) => c.role === Role.Leader);
  }
}
