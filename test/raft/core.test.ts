import { describe, expect, it } from 'vitest';
import { CoreNet } from './core-harness.ts';
import {
  ConfChangeType,
  DEFAULT_CONFIG,
  EntryType,
  type Message,
  MessageType,
  Role,
  emptyMessage,
  emptySnapshot,
} from '../../src/raft/core/types.ts';
import { RaftCore, encodeConfChange } from '../../src/raft/core/raft.ts';

const enc = (s: string) => Buffer.from(s);

/** A peer of {1,2,3} restarting at term 2 with `extra` term-2 entries after the bootstrap ones. */
function restartedPeer(id: number, extra: Uint8Array[]): RaftCore {
  const boot = [1, 2, 3].map((nodeId, i) => ({
    term: 1,
    index: i + 1,
    type: EntryType.ConfChange,
    data: encodeConfChange({ type: ConfChangeType.AddNode, nodeId, context: new Uint8Array() }),
  }));
  const more = extra.map((data, i) => ({ term: 2, index: 4 + i, type: EntryType.Normal, data }));
  let r = 7;
  return new RaftCore(
    { ...DEFAULT_CONFIG, id, electionTick: 10, heartbeatTick: 1, random: () => ((r = (r * 48271) % 2147483647) / 2147483647) },
    {
      hardState: { term: 2, vote: 0, commit: 3 },
      snapshot: emptySnapshot(),
      entries: [...boot, ...more],
      bootstrapConf: { voters: [], learners: [] },
      applied: 3,
    },
  );
}

/** Persist-and-advance every Ready, returning the messages it wanted sent. */
function drain(core: RaftCore): Message[] {
  const out: Message[] = [];
  while (core.hasReady()) {
    const rd = core.ready();
    out.push(...rd.messages);
    core.advance(rd);
  }
  return out;
}

describe('raft core: elections', () => {
  it('elects exactly one leader in 3 and 5 peers, and all agree on it', () => {
    for (const n of [3, 5]) {
      const ids = Array.from({ length: n }, (_, i) => i + 1);
      const net = new CoreNet(ids);
      net.tickAll(40);
      const leaders = net.leaders();
      expect(leaders).toHaveLength(1);
      for (const c of net.cores.values()) expect(c.lead).toBe(leaders[0].id);
    }
  });

  it('PreVote: a partitioned peer does not inflate its term, and rejoining does not depose the leader', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    const term = net.get(1).term;
    net.isolate(3);
    net.tick(3, 200); // many election timeouts alone
    expect(net.get(3).term).toBe(term);
    net.heal();
    net.tickAll(20);
    expect(net.get(1).role).toBe(Role.Leader);
    expect(net.get(1).term).toBe(term);
  });

  it('without PreVote, the same isolation does inflate the term (the check above can fail)', () => {
    const net = new CoreNet([1, 2, 3], { preVote: false });
    net.elect(1);
    const term = net.get(1).term;
    net.isolate(3);
    net.tick(3, 200);
    expect(net.get(3).term).toBeGreaterThan(term);
  });

  it('CheckQuorum: a leader cut off from the quorum steps down within an election timeout', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    net.isolate(1);
    net.tick(1, 25);
    expect(net.get(1).role).toBe(Role.Follower);
  });

  it('a peer with a stale log cannot win (election restriction)', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    net.isolate(3);
    for (let i = 0; i < 5; i++) net.get(1).propose(enc(`v${i}`));
    net.flushAll();
    net.deliver();
    expect(net.get(2).log.lastIndex()).toBe(net.get(1).log.lastIndex());
    net.heal();
    net.isolate(1);
    // 3 (stale) times out first, but 2 refuses it; 2 then wins.
    net.tick(3, 40);
    expect(net.get(3).role).not.toBe(Role.Leader);
    net.tick(2, 40);
    expect(net.get(2).role).toBe(Role.Leader);
  });
});

describe('raft core: replication and commit', () => {
  it('commits and applies proposals on every peer, in order', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    for (let i = 0; i < 20; i++) {
      expect(net.get(1).propose(enc(`v${i}`)).ok).toBe(true);
      net.flushAll();
      net.deliver();
    }
    net.tickAll(3);
    const want = Array.from({ length: 20 }, (_, i) => `v${i}`);
    for (const id of [1, 2, 3]) expect(net.applied.get(id)).toEqual(want);
  });

  it('a follower forwards proposals to the leader', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    expect(net.get(2).propose(enc('from-follower')).ok).toBe(true);
    net.flushAll();
    net.deliver();
    net.tickAll(2);
    expect(net.applied.get(1)).toContain('from-follower');
  });

  it('never commits an entry of an earlier term by counting replicas (figure 8)', () => {
    // Peer 1 restarts holding "old" (term 2) at index 4, which nobody else has; it wins term 3.
    // Peer 2 then acknowledges index 4 only: a majority holds "old", but it is from an earlier
    // term, so it must not be committed until the term-3 entry after it is replicated.
    for (const bug of [undefined, 'commit-old-term' as const]) {
      const leader = restartedPeer(1, [enc('old')]);
      leader.bug = bug;
      for (let i = 0; i < 30 && leader.role !== Role.Leader; i++) {
        leader.tick();
        for (const m of drain(leader)) {
          if (m.type === MessageType.PreVote || m.type === MessageType.Vote) {
            leader.step({ ...m, from: m.to, to: 1, type: m.type + 1, reject: false, term: m.term });
          }
        }
      }
      expect(leader.role).toBe(Role.Leader);
      drain(leader);
      const ack = { ...emptyMessage(MessageType.AppResp, 2, 1, leader.term), index: 4 };
      leader.step(ack);
      drain(leader);
      if (bug) expect(leader.log.committed).toBe(4); // the planted bug does commit it
      else expect(leader.log.committed).toBe(3);
      leader.step({ ...ack, index: 5 });
      drain(leader);
      expect(leader.log.committed).toBe(5);
    }
  });

  it('a lagging follower catches up through a snapshot after compaction', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    net.isolate(3);
    for (let i = 0; i < 30; i++) {
      net.get(1).propose(enc(`v${i}`));
      net.flushAll();
      net.deliver();
    }
    net.tickAll(2);
    const snap = net.get(1).compact(enc(JSON.stringify(net.applied.get(1))), 0);
    expect(net.get(1).log.firstIndex()).toBe(snap.metadata.index + 1);
    net.heal();
    net.tickAll(5);
    const s3 = net.get(3);
    expect(s3.log.committed).toBeGreaterThanOrEqual(snap.metadata.index);
    expect(s3.log.firstIndex()).toBe(snap.metadata.index + 1);
  });
});

describe('raft core: reads, transfer, membership', () => {
  it('ReadIndex on the leader and on a follower returns a point at or after every committed write', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    net.get(1).propose(enc('w'));
    net.flushAll();
    net.deliver();
    const committed = net.get(1).log.committed;
    net.get(1).readIndex(enc('r1'));
    net.get(2).readIndex(enc('r2'));
    net.flushAll();
    net.deliver();
    net.tickAll(2);
    const r1 = net.reads.get(1)!.find((r) => Buffer.from(r.context).toString() === 'r1');
    const r2 = net.reads.get(2)!.find((r) => Buffer.from(r.context).toString() === 'r2');
    expect(r1?.index).toBeGreaterThanOrEqual(committed);
    expect(r2?.index).toBeGreaterThanOrEqual(committed);
  });

  it('a leader cut off from the quorum never confirms a read', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    net.isolate(1);
    net.get(1).readIndex(enc('lonely'));
    net.flushAll();
    net.deliver();
    net.tick(1, 5);
    expect(net.reads.get(1)!.some((r) => Buffer.from(r.context).toString() === 'lonely')).toBe(false);
  });

  it('leadership transfer hands over to a caught-up target and refuses proposals meanwhile', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    expect(net.get(1).transferLeadership(3).ok).toBe(true);
    net.flushAll();
    net.deliver();
    expect(net.get(3).role).toBe(Role.Leader);
    expect(net.get(1).role).toBe(Role.Follower);
  });

  it('adds a learner that replicates but never votes, then promotes it; one change at a time', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    net.add(4, []);
    const r = net.get(1).proposeConfChange({ type: ConfChangeType.AddLearner, nodeId: 4, context: new Uint8Array() });
    expect(r.ok).toBe(true);
    // A second change before the first is applied is refused.
    const again = net.get(1).proposeConfChange({ type: ConfChangeType.AddNode, nodeId: 4, context: new Uint8Array() });
    expect(again).toEqual({ ok: false, error: 'conf-change-pending' });
    net.flushAll();
    net.deliver();
    net.tickAll(5);
    expect(net.get(1).confState()).toEqual({ voters: [1, 2, 3], learners: [4] });
    net.get(1).propose(enc('x'));
    net.flushAll();
    net.deliver();
    net.tickAll(3);
    expect(net.applied.get(4)).toContain('x');
    // A learner never campaigns.
    net.tick(4, 100);
    expect(net.get(4).role).toBe(Role.Follower);
    expect(net.get(1).proposeConfChange({ type: ConfChangeType.AddNode, nodeId: 4, context: new Uint8Array() }).ok).toBe(true);
    net.flushAll();
    net.deliver();
    net.tickAll(5);
    expect(net.get(1).confState()).toEqual({ voters: [1, 2, 3, 4], learners: [] });
    expect(net.get(4).confState()).toEqual({ voters: [1, 2, 3, 4], learners: [] });
  });

  it('a leader refuses to remove itself; after a transfer the new leader removes it and the rest go on', () => {
    const net = new CoreNet([1, 2, 3]);
    net.elect(1);
    expect(net.get(1).proposeConfChange({ type: ConfChangeType.RemoveNode, nodeId: 1, context: new Uint8Array() })).toEqual({
      ok: false,
      error: 'invalid-conf-change',
    });
    expect(net.get(1).transferLeadership(2).ok).toBe(true);
    net.flushAll();
    net.deliver();
    expect(net.get(2).role).toBe(Role.Leader);
    net.tickAll(3);
    expect(net.get(2).proposeConfChange({ type: ConfChangeType.RemoveNode, nodeId: 1, context: new Uint8Array() }).ok).toBe(true);
    net.flushAll();
    net.deliver();
    net.tickAll(5);
    net.isolate(1);
    expect(net.get(2).confState().voters).toEqual([2, 3]);
    expect(net.get(3).confState().voters).toEqual([2, 3]);
    expect(net.get(2).propose(enc('after')).ok).toBe(true);
    net.flushAll();
    net.deliver();
    net.tickAll(3);
    expect(net.applied.get(3)).toContain('after');
  });

  it('refuses proposals beyond the uncommitted-bytes bound instead of queueing without limit', () => {
    const net = new CoreNet([1, 2, 3], { maxUncommittedBytes: 1000 });
    net.elect(1);
    net.isolate(1);
    const results = Array.from({ length: 20 }, () => net.get(1).propose(new Uint8Array(200)));
    expect(results.some((r) => !r.ok && r.error === 'too-many-uncommitted')).toBe(true);
  });
});
