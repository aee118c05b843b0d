import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { RaftNode } from '../../src/raft/node/raft-node.ts';
import { LevelDbStorage } from '../../src/raft/storage/leveldb-storage.ts';
import { GrpcTransport } from '../../src/raft/transport/grpc-transport.ts';
import { DigestStateMachine } from '../../src/raft/node/digest-state-machine.ts';
import { freePort } from '../../src/cli/free-port.ts';
import { Role } from '../../src/raft/core/types.ts';

const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });
let root = '';
let nodes: RaftNode[] = [];

afterEach(async () => {
  for (const n of nodes) await n.stop().catch(() => undefined);
  nodes = [];
  if (root) rmSync(root, { recursive: true, force: true });
});

async function group(size: number): Promise<{ nodes: RaftNode[]; sms: Map<number, DigestStateMachine> }> {
  root = mkdtempSync(path.join(os.tmpdir(), 'raft-node-'));
  const peers = [];
  for (let i = 1; i <= size; i++) peers.push({ id: i, address: `127.0.0.1:${await freePort()}` });
  const sms = new Map<number, DigestStateMachine>();
  for (const p of peers) {
    const sm = new DigestStateMachine();
    sms.set(p.id, sm);
    nodes.push(
      await RaftNode.start({
        id: p.id,
        storage: await LevelDbStorage.open(path.join(root, String(p.id))),
        transport: new GrpcTransport({ id: p.id, clusterId: 42, listen: p.address, peers, logger }),
        initialPeers: peers,
        join: false,
        stateMachine: sm,
        logger,
        tickMs: 10,
        heartbeatTick: 2,
        electionTick: 20,
        snapshotCount: 10_000,
        catchUpEntries: 100,
      }),
    );
  }
  return { nodes, sms };
}

async function leaderOf(ns: RaftNode[], timeoutMs = 10_000): Promise<RaftNode> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const l = ns.find((n) => n.status().role === Role.Leader);
    if (l) return l;
    if (Date.now() > deadline) throw new Error('no leader');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('RaftNode: the driver over real LevelDB and gRPC', () => {
  it('serves linearizable reads on followers: a read after an acknowledged write sees it', async () => {
    const { nodes: ns, sms } = await group(3);
    const leader = await leaderOf(ns);
    const { index } = await leader.propose(Buffer.from('w1'));
    const follower = ns.find((n) => n !== leader)!;
    const readAt = await follower.readIndex();
    expect(readAt).toBeGreaterThanOrEqual(index);
    // readIndex resolves only once the follower has applied up to the read point
    expect(follower.status().applied).toBeGreaterThanOrEqual(index);
    expect(sms.get(follower.id)!.state().count).toBeGreaterThanOrEqual(1);
  });

  it('a leader asked to remove itself hands over first, and the rest go on without it', async () => {
    const { nodes: ns } = await group(3);
    const leader = await leaderOf(ns);
    for (let i = 0; i < 5; i++) await leader.propose(Buffer.from(`before-${i}`));
    await leader.removeMember(leader.id);
    const rest = ns.filter((n) => n !== leader);
    const next = await leaderOf(rest);
    expect(next.id).not.toBe(leader.id);
    const deadline = Date.now() + 5000;
    while (rest.some((n) => n.status().voters.includes(leader.id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const n of rest) expect(n.status().voters).not.toContain(leader.id);
    await leader.stop();
    const { index } = await next.propose(Buffer.from('after'));
    expect(index).toBeGreaterThan(0);
  });
});
