import { type PlantedBug, decodeConfChange } from '../core/raft.ts';
import { ConfChangeType, DEFAULT_CONFIG, type Entry, EntryType, type Message, type NodeId, Role } from '../core/types.ts';
import { EventQueue } from './event-queue.ts';
import { Prng } from './prng.ts';
import { InvariantViolation, SafetyChecker } from './checker.ts';
import { SimNode } from './sim-node.ts';

export interface SimOptions {
  seed: number;
  peers: number;
  bug?: PlantedBug;
  /** Virtual milliseconds of faults before everything heals. */
  chaosMs?: number;
  /** Virtual milliseconds after healing within which the cluster must be whole again. */
  livenessMs?: number;
  /** Keep the last trace lines, printed when the run fails. */
  traceLines?: number;
}

export interface SimStats {
  events: number;
  virtualMs: number;
  leadersElected: number;
  proposals: number;
  acked: number;
  reads: number;
  crashes: number;
  partitions: number;
  confChanges: number;
  snapshotsSent: number;
  highestCommit: number;
}

export interface SimResult {
  seed: number;
  peers: number;
  ok: boolean;
  failure?: string;
  trace: string[];
  stats: SimStats;
}

type SimEvent =
  | { k: 'tick'; id: NodeId }
  | { k: 'deliver'; m: Message; senderInc: number }
  | { k: 'io'; id: NodeId; inc: number; fn: () => void }
  | { k: 'fault' }
  | { k: 'restart'; id: NodeId }
  | { k: 'kill'; id: NodeId }
  | { k: 'unreachable'; id: NodeId; peer: NodeId }
  | { k: 'unblock'; pairs: string[] }
  | { k: 'calm' }
  | { k: 'propose' }
  | { k: 'read' }
  | { k: 'membership' }
  | { k: 'transfer' }
  | { k: 'heal' }
  | { k: 'liveness' };

const TICK_MS = 10;
const MAX_EVENTS = 3_000_000;

class Simulation {
  private readonly rng: Prng;
  private readonly netRng: Prng;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly checker = new SafetyChecker();
  private readonly nodes = new Map<NodeId, SimNode>();
  private readonly removed = new Set<NodeId>();
  private readonly blocked = new Set<string>();
  private now = 0;
  private healed = false;
  private dropRate = 0;
  private dupRate = 0;
  private nextId: NodeId;
  private proposalSeq = 0;
  private readSeq = 0;
  private readonly proposals = new Map<string, { node: NodeId; inc: number; at: number; ackedIndex?: number }>();
  private readonly acked: { id: string; index: number }[] = [];
  private highestAckedIndex = 0;
  private readonly reads = new Map<string, number>();
  /** index -> applied payload (null for entries that carry none), as first applied anywhere. */
  private readonly appliedValues = new Map<number, string | null>();
  /** Highest read index any completed read returned: later reads may not go below it. */
  private highestReadIndex = 0;
  private firstAckAfterHeal = false;
  private readonly trace: string[] = [];
  private readonly stats: SimStats = {
    events: 0,
    virtualMs: 0,
    leadersElected: 0,
    proposals: 0,
    acked: 0,
    reads: 0,
    crashes: 0,
    partitions: 0,
    confChanges: 0,
    snapshotsSent: 0,
    highestCommit: 0,
  };
  private readonly chaosMs: number;
  private readonly livenessMs: number;
  private readonly nodeTemplate: {
    electionTick: number;
    heartbeatTick: number;
    preVote: boolean;
    checkQuorum: boolean;
    maxSizePerMsg: number;
    maxInflightMsgs: number;
    snapshotEvery: number;
    keepEntries: number;
    callWhileBusy: boolean;
  };
  private done = false;
  private readonly roles = new Map<NodeId, string>();
  /** Chance that a newly elected leader is struck at once (per seed). */
  private hunt: number;

  constructor(private readonly opts: SimOptions) {
    this.rng = new Prng(opts.seed);
    this.netRng = this.rng.fork();
    this.chaosMs = opts.chaosMs ?? 6000;
    this.livenessMs = opts.livenessMs ?? 10_000;
    this.nextId = opts.peers + 1;
    const r = this.rng;
    this.nodeTemplate = {
      electionTick: r.pick([5, 10, 15]),
      heartbeatTick: r.pick([1, 2]),
      preVote: r.chance(0.85),
      checkQuorum: r.chance(0.85),
      // one entry per message on some seeds: exercises acks that cover only part of a batch
      maxSizePerMsg: r.pick([1, 1, 300, 1 << 20]),
      maxInflightMsgs: r.pick([1, 4, 256]),
      snapshotEvery: r.pick([8, 25, 100, 1_000_000]),
      keepEntries: r.pick([0, 3, 20]),
      callWhileBusy: r.chance(0.5),
    };
    this.hunt = r.pick([0, 0.3, 0.6, 0.9]);
  }

  run(): SimResult {
    const voters: NodeId[] = [];
    for (let id = 1; id <= this.opts.peers; id++) voters.push(id);
    for (const id of voters) this.addNode(id, voters);
    this.queue.push(this.rng.int(50, 300), { k: 'fault' });
    this.queue.push(5, { k: 'propose' });
    this.queue.push(30, { k: 'read' });
    this.queue.push(this.rng.int(500, 1500), { k: 'membership' });
    this.queue.push(this.rng.int(300, 1500), { k: 'transfer' });
    this.queue.push(this.chaosMs, { k: 'heal' });
    let failure: string | undefined;
    try {
      while (!this.done) {
        const ev = this.queue.pop();
        if (!ev) throw new Error('event queue ran dry');
        this.now = ev.time;
        if (++this.stats.events > MAX_EVENTS) throw new Error(`event budget ${MAX_EVENTS} exhausted`);
        this.handle(ev.value);
        this.checkSafety();
      }
    } catch (err) {
      failure = err instanceof InvariantViolation ? err.message : `${(err as Error).name}: ${(err as Error).message}`;
      this.log(`FAIL ${failure}`);
    }
    this.stats.virtualMs = this.now;
    this.stats.highestCommit = this.checker.highestCommitted();
    this.stats.leadersElected = this.checker.leadersElected();
    return { seed: this.opts.seed, peers: this.opts.peers, ok: failure === undefined, failure, trace: this.trace, stats: this.stats };
  }

  // ------------------------------------------------------------ nodes

  private addNode(id: NodeId, bootstrap: NodeId[]): SimNode {
    const t = this.nodeTemplate;
    const rand = this.rng.fork();
    const node = new SimNode(
      {
        id,
        config: {
          ...DEFAULT_CONFIG,
          electionTick: t.electionTick,
          heartbeatTick: t.heartbeatTick,
          preVote: t.preVote,
          checkQuorum: t.checkQuorum,
          maxSizePerMsg: t.maxSizePerMsg,
          maxInflightMsgs: t.maxInflightMsgs,
          maxInflightBytes: 1 << 20,
          random: () => rand.next(),
        },
        bootstrap: { voters: bootstrap, learners: [] },
        snapshotEvery: t.snapshotEvery,
        keepEntries: t.keepEntries,
        bug: this.opts.bug,
        callWhileBusy: t.callWhileBusy,
      },
      {
        send: (from, msgs) => this.send(msgs, this.nodes.get(from)!.incarnation),
        persistLater: (n, fn) => this.queue.push(this.now + this.rng.int(0, 4), { k: 'io', id: n.id, inc: n.incarnation, fn }),
        applied: (n, e) => this.onApplied(n, e),
        readState: (n, rs) => this.onReadState(n, rs.index, Buffer.from(rs.context).toString()),
        appended: (n, ents) => this.checker.observeAppended(n.core, ents),
        stepped: (n) => this.checker.observe(n.core, n.incarnation),
        installed: (n, index) => this.checkState(n, index, 'snapshot install'),
      },
    );
    this.nodes.set(id, node);
    node.start();
    this.queue.push(this.now + this.rng.int(1, TICK_MS), { k: 'tick', id });
    this.log(`start ${id}`);
    return node;
  }

  private alive(): SimNode[] {
    return [...this.nodes.values()].filter((n) => n.alive);
  }

  private leader(): SimNode | undefined {
    let best: SimNode | undefined;
    for (const n of this.alive()) {
      if (n.core.role === Role.Leader && (!best || n.core.term > best.core.term)) best = n;
    }
    return best;
  }

  // ------------------------------------------------------------ events

  private handle(ev: SimEvent): void {
    switch (ev.k) {
      case 'tick': {
        const n = this.nodes.get(ev.id)!;
        if (this.removed.has(ev.id)) return;
        n.tick();
        this.queue.push(this.now + TICK_MS, ev);
        return;
      }
      case 'deliver': {
        // A message still in the sender's buffers when it was killed is often lost with it.
        const sender = this.nodes.get(ev.m.from);
        if (sender && sender.incarnation !== ev.senderInc && this.netRng.chance(0.5)) return;
        const n = this.nodes.get(ev.m.to);
        if (n?.alive) n.deliver(ev.m);
        return;
      }
      case 'io': {
        const n = this.nodes.get(ev.id)!;
        if (n.alive && n.incarnation === ev.inc) ev.fn();
        return;
      }
      case 'fault':
        if (this.healed) return;
        this.injectFault();
        this.queue.push(this.now + this.rng.int(80, 600), ev);
        return;
      case 'restart': {
        const n = this.nodes.get(ev.id)!;
        if (n.alive || this.removed.has(ev.id)) return;
        n.start();
        this.log(`restart ${ev.id} term=${n.core.term} commit=${n.core.log.committed} last=${n.core.log.lastIndex()}`);
        return;
      }
      case 'kill':
        this.crash(this.nodes.get(ev.id));
        return;
      case 'unreachable': {
        const n = this.nodes.get(ev.id);
        if (n?.alive) n.withCore((c) => c.peerUnreachable(ev.peer));
        return;
      }
      case 'unblock':
        for (const p of ev.pairs) this.blocked.delete(p);
        this.log(`unblock ${ev.pairs.join(' ')}`);
        return;
      case 'calm':
        this.dropRate = 0;
        this.dupRate = 0;
        return;
      case 'propose':
        this.propose();
        this.queue.push(this.now + this.rng.int(5, 40), ev);
        return;
      case 'read':
        this.read();
        this.queue.push(this.now + this.rng.int(20, 150), ev);
        return;
      case 'membership':
        if (this.healed) return;
        this.changeMembership();
        this.queue.push(this.now + this.rng.int(400, 1500), ev);
        return;
      case 'transfer': {
        if (this.healed) return;
        const l = this.leader();
        if (l) {
          const targets = l.core.confState().voters.filter((v) => v !== l.id);
          if (targets.length > 0) {
            const to = this.rng.pick(targets);
            l.withCore((c) => c.transferLeadership(to));
            this.log(`transfer ${l.id} -> ${to}`);
          }
        }
        this.queue.push(this.now + this.rng.int(500, 2000), ev);
        return;
      }
      case 'heal':
        this.heal();
        return;
      case 'liveness':
        this.checkLiveness();
        return;
    }
  }

  private send(msgs: Message[], senderInc: number): void {
    for (const m of msgs) {
      if (m.snapshot) this.stats.snapshotsSent++;
      if (this.blocked.has(`${m.from}>${m.to}`)) continue;
      if (this.dropRate > 0 && this.netRng.chance(this.dropRate)) continue;
      const delay = this.netRng.chance(0.05) ? this.netRng.int(20, 150) : this.netRng.int(1, 5);
      this.queue.push(this.now + delay, { k: 'deliver', m, senderInc });
      if (this.dupRate > 0 && this.netRng.chance(this.dupRate)) {
        this.queue.push(this.now + this.netRng.int(1, 100), { k: 'deliver', m, senderInc });
      }
    }
  }

  // ------------------------------------------------------------ faults

  private injectFault(): void {
    const members = [...this.nodes.values()].filter((n) => !this.removed.has(n.id));
    const ids = members.map((n) => n.id);
    const r = this.rng;
    const kind = r.int(0, 10);
    if (kind <= 2) {
      // crash: the leader more often than by chance, since that is where bugs hide
      const alive = members.filter((n) => n.alive);
      if (alive.length === 0) return;
      const l = this.leader();
      const victim = l && r.chance(0.4) ? l : r.pick(alive);
      this.crash(victim);
      this.stats.crashes++;
      this.log(`crash ${victim.id}`);
      this.queue.push(this.now + (r.chance(0.3) ? r.int(1, 30) : r.int(50, 1500)), { k: 'restart', id: victim.id });
    } else if (kind <= 4) {
      // symmetric partition into two random sides
      const side = new Set(ids.filter(() => r.chance(0.5)));
      const pairs: string[] = [];
      for (const a of ids) for (const b of ids) if (a !== b && side.has(a) !== side.has(b)) pairs.push(`${a}>${b}`);
      this.block(pairs, r.int(100, 2000));
      this.stats.partitions++;
    } else if (kind === 5) {
      const l = this.leader();
      if (!l) return;
      const pairs: string[] = [];
      for (const b of ids) if (b !== l.id) pairs.push(`${l.id}>${b}`, `${b}>${l.id}`);
      this.block(pairs, r.int(100, 2000));
      this.stats.partitions++;
    } else if (kind === 6) {
      const a = r.pick(ids);
      const b = r.pick(ids);
      if (a !== b) this.block([`${a}>${b}`], r.int(100, 1500));
    } else if (kind === 7) {
      this.dropRate = r.pick([0.05, 0.2, 0.5]);
      this.queue.push(this.now + r.int(100, 1000), { k: 'calm' });
      this.log(`drop ${this.dropRate}`);
    } else if (kind === 8) {
      this.dupRate = r.pick([0.05, 0.3]);
      this.queue.push(this.now + r.int(100, 1000), { k: 'calm' });
      this.log(`dup ${this.dupRate}`);
    } else if (kind === 10) {
      // a false alarm: a follower is told its live leader's stream broke
      const l = this.leader();
      const followers = members.filter((m) => m.alive && l && m !== l);
      if (l && followers.length > 0) {
        const f = r.pick(followers);
        this.queue.push(this.now, { k: 'unreachable', id: f.id, peer: l.id });
        this.log(`false unreachable hint: ${f.id} told ${l.id} is gone`);
      }
    } else {
      // a quick crash-restart of several peers at once (power loss)
      for (const n of members.filter((m) => m.alive && r.chance(0.5))) {
        this.crash(n);
        this.stats.crashes++;
        this.log(`crash ${n.id} (power)`);
        this.queue.push(this.now + r.int(1, 300), { k: 'restart', id: n.id });
      }
    }
  }

  /**
   * Adversarial timing: some schedules strike a leader within milliseconds of its election,
   * while its first entries are half replicated; this is where commit-rule and
   * durability bugs show (Raft paper, figure 8).
   */
  private maybeHuntLeader(n: SimNode): void {
    if (this.healed || !this.rng.chance(this.hunt)) return;
    const at = this.now + this.rng.int(0, 20);
    if (this.rng.chance(0.7)) {
      this.queue.push(at, { k: 'kill', id: n.id });
      this.queue.push(at + this.rng.int(1, 400), { k: 'restart', id: n.id });
      this.stats.crashes++;
      this.log(`hunt: crash new leader ${n.id} at ${at}ms`);
    } else {
      const ids = [...this.nodes.keys()].filter((id) => id !== n.id && !this.removed.has(id));
      const pairs: string[] = [];
      for (const b of ids) pairs.push(`${n.id}>${b}`, `${b}>${n.id}`);
      this.block(pairs, this.rng.int(50, 800));
      this.stats.partitions++;
    }
  }

  /**
   * Kill a peer. Its open streams break, so the others usually get a prompt hint (as the real
   * transport reports a broken stream) — and sometimes not, as with a silent host loss.
   */
  private crash(n: SimNode | undefined): void {
    if (!n?.alive) return;
    n.crash();
    for (const other of this.nodes.values()) {
      if (other !== n && other.alive && !this.blocked.has(`${n.id}>${other.id}`) && this.netRng.chance(0.8)) {
        this.queue.push(this.now + this.netRng.int(1, 10), { k: 'unreachable', id: other.id, peer: n.id });
      }
    }
  }

  private block(pairs: string[], forMs: number): void {
    const fresh = pairs.filter((p) => !this.blocked.has(p));
    for (const p of fresh) this.blocked.add(p);
    this.log(`block ${fresh.join(' ')} for ${forMs}ms`);
    this.queue.push(this.now + forMs, { k: 'unblock', pairs: fresh });
  }

  private changeMembership(): void {
    const l = this.leader();
    if (!l) return;
    const cs = l.core.confState();
    const r = this.rng;
    const roll = r.next();
    const room = this.nodes.size - this.removed.size < this.opts.peers + 2;
    const propose = (type: ConfChangeType, id: NodeId, what: string) => {
      const ok = l.withCore((c) => {
        const res = c.proposeConfChange({ type, nodeId: id, context: new Uint8Array() });
        this.log(`propose ${what} ${id} at ${l.id}: ${res.ok ? 'accepted' : res.error}`);
      });
      if (ok) this.stats.confChanges++;
    };
    if (cs.learners.length > 0 && roll < 0.35) {
      propose(ConfChangeType.AddNode, r.pick(cs.learners), 'promote');
    } else if (cs.learners.length > 0 && roll < 0.45) {
      propose(ConfChangeType.RemoveNode, r.pick(cs.learners), 'remove learner');
    } else if (room && roll < 0.65) {
      const id = this.nextId++;
      this.addNode(id, []);
      propose(ConfChangeType.AddLearner, id, 'add learner');
    } else if (room && roll < 0.75) {
      // straight in as a voter, with an empty log: the quorum grows before it catches up
      const id = this.nextId++;
      this.addNode(id, []);
      propose(ConfChangeType.AddNode, id, 'add voter');
    } else if (cs.voters.length > 2) {
      propose(ConfChangeType.RemoveNode, r.pick(cs.voters), 'remove voter');
    }
  }

  private heal(): void {
    this.healed = true;
    this.blocked.clear();
    this.dropRate = 0;
    this.dupRate = 0;
    for (const n of this.nodes.values()) {
      if (!n.alive && !this.removed.has(n.id)) {
        n.start();
        this.log(`restart ${n.id} (heal)`);
      }
    }
    this.log('heal');
    this.queue.push(this.now + 100, { k: 'liveness' });
  }

  // ------------------------------------------------------------ workload

  private propose(): void {
    const alive = this.alive().filter((n) => !this.removed.has(n.id));
    if (alive.length === 0) return;
    const l = this.leader();
    const n = l && this.rng.chance(0.7) ? l : this.rng.pick(alive);
    const id = `p${++this.proposalSeq}`;
    const accepted = n.withCore((c) => {
      const res = c.propose(Buffer.from(id));
      if (!res.ok) this.log(`propose ${id} at ${n.id} refused: ${res.error}`);
    });
    if (!accepted) return;
    this.stats.proposals++;
    this.proposals.set(id, { node: n.id, inc: n.incarnation, at: this.now });
  }

  private read(): void {
    const alive = this.alive().filter((n) => !this.removed.has(n.id));
    if (alive.length === 0) return;
    const n = this.rng.pick(alive);
    const ctx = `r${++this.readSeq}`;
    // Everything acknowledged, and everything an earlier completed read saw, before this
    // read starts must be visible to it.
    const mustSee = Math.max(this.highestAckedIndex, this.highestReadIndex);
    if (n.withCore((c) => void c.readIndex(Buffer.from(`${n.id}:${ctx}`)))) {
      this.reads.set(`${n.id}:${ctx}`, mustSee);
    }
  }

  /**
   * A peer's whole state machine must be exactly the applied history up to its index: this
   * is what catches a bad snapshot (taken, shipped or installed wrongly), which per-entry
   * checks never see.
   */
  private checkState(n: SimNode, index: number, when: string): void {
    const want: string[] = [];
    for (let i = 1; i <= index; i++) {
      const v = this.appliedValues.get(i);
      if (v === undefined) return; // not applied anywhere yet: nothing to compare with
      if (v !== null) want.push(v);
    }
    const got = n.sm.values;
    if (n.sm.appliedIndex !== index || got.length !== want.length || got.some((v, i) => v !== want[i])) {
      throw new InvariantViolation(
        'State Machine Safety',
        `peer ${n.id} after ${when} at ${index}: state holds ${got.length} values (applied ${n.sm.appliedIndex}), the history up to ${index} has ${want.length}`,
      );
    }
  }

  private onApplied(n: SimNode, e: Entry): void {
    this.checker.observeApplied(n.id, e);
    if (!this.appliedValues.has(e.index)) {
      this.appliedValues.set(e.index, e.type === EntryType.Normal && e.data.byteLength > 0 ? Buffer.from(e.data).toString() : null);
    }
    if (e.type === EntryType.ConfChange) {
      const cc = decodeConfChange(e.data);
      if (cc.type === ConfChangeType.RemoveNode && !this.removed.has(cc.nodeId)) {
        this.removed.add(cc.nodeId);
        const victim = this.nodes.get(cc.nodeId);
        this.log(`removed ${cc.nodeId} (applied at ${n.id} index ${e.index})`);
        // Let the removed peer finish this batch, then stop it for good.
        // A removed peer may run on for a while (its operator has not stopped it yet).
        if (victim) this.queue.push(this.now + this.rng.int(1, 500), { k: 'kill', id: cc.nodeId });
      }
      return;
    }
    if (e.data.byteLength === 0) return;
    const id = Buffer.from(e.data).toString();
    const p = this.proposals.get(id);
    if (p && p.node === n.id && p.inc === n.incarnation && p.ackedIndex === undefined) {
      p.ackedIndex = e.index;
      this.acked.push({ id, index: e.index });
      this.stats.acked++;
      this.highestAckedIndex = Math.max(this.highestAckedIndex, e.index);
      if (this.healed) this.firstAckAfterHeal = true;
    }
  }

  private onReadState(n: SimNode, index: number, ctx: string): void {
    const mustSee = this.reads.get(ctx);
    if (mustSee === undefined) return;
    this.reads.delete(ctx);
    this.stats.reads++;
    this.highestReadIndex = Math.max(this.highestReadIndex, index);
    if (index < mustSee) {
      throw new InvariantViolation(
        'Linearizable Read',
        `read ${ctx} at peer ${n.id} got read index ${index}, below acknowledged write at ${mustSee}`,
      );
    }
  }

  // ------------------------------------------------------------ checks

  private checkSafety(): void {
    for (const n of this.nodes.values()) {
      if (!n.alive) continue;
      const role = `${n.core.role}@${n.core.term}`;
      if (this.roles.get(n.id) !== role) {
        this.roles.set(n.id, role);
        if (n.core.role === Role.Leader) this.maybeHuntLeader(n);
        this.log(`${n.id} is ${role} commit=${n.core.log.committed} last=${n.core.log.lastIndex()}/${n.core.log.lastTerm()} conf=${JSON.stringify(n.core.confState())}`);
      }
      this.checker.observe(n.core, n.incarnation);
    }
  }

  private checkLiveness(): void {
    const healedAt = this.chaosMs;
    const l = this.leader();
    const problem = this.livenessProblem(l);
    if (!problem) {
      this.done = true;
      return;
    }
    if (this.now - healedAt > this.livenessMs) {
      throw new InvariantViolation('Liveness', `${this.livenessMs}ms after healing: ${problem}`);
    }
    this.queue.push(this.now + 100, { k: 'liveness' });
  }

  private livenessProblem(l: SimNode | undefined): string | undefined {
    if (!l) return 'no leader';
    const cs = l.core.confState();
    const members = [...cs.voters, ...cs.learners];
    for (const id of members) {
      const n = this.nodes.get(id);
      if (!n?.alive) return `member ${id} is not running`;
      if (id !== l.id && n.core.lead !== l.id) return `member ${id} follows ${n.core.lead}, not leader ${l.id}`;
    }
    if (!this.firstAckAfterHeal) return 'no proposal acknowledged since healing';
    for (const a of this.acked) {
      for (const id of members) {
        const n = this.nodes.get(id)!;
        if (n.sm.appliedIndex < a.index) return `member ${id} has applied ${n.sm.appliedIndex}, not yet acknowledged ${a.id} at ${a.index}`;
      }
    }
    for (const id of members) {
      const n = this.nodes.get(id)!;
      this.checkState(n, n.sm.appliedIndex, 'healing');
    }
    // Every acknowledged write is in the state machine. (Not exactly once: a forwarded
    // proposal that the network duplicates is appended twice, as Raft without client
    // sessions allows; the registry deduplicates by request id.)
    const seen = new Set(l.sm.values);
    for (const a of this.acked) {
      if (!seen.has(a.id)) throw new InvariantViolation('Durability', `acknowledged ${a.id} (index ${a.index}) lost`);
    }
    return undefined;
  }

  private log(line: string): void {
    const max = this.opts.traceLines ?? 200;
    if (max <= 0) return;
    this.trace.push(`${String(this.now).padStart(6)}ms ${line}`);
    if (this.trace.length > max) this.trace.shift();
  }
}

export function runSimulation(opts: SimOptions): SimResult {
  return new Simulation(opts).run();
}
