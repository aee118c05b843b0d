// Membership through etcd's Cluster API with the real etcdctl, as an etcd operator does it:
// `member add --learner`, start the new master with --initial-cluster-state existing, wait
// until it holds the data, `member promote`, then `member remove`.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/cli/free-port.ts';
import { MasterProcess } from '../../src/cli/master-process.ts';
import { TestCluster, waitFor } from '../cli/harness.ts';
import { ctl } from './etcd-clients.ts';

describe('membership through etcdctl (real processes)', () => {
  const cluster = new TestCluster();
  let joiner: MasterProcess | undefined;

  beforeAll(async () => {
    await cluster.start(3);
    await cluster.waitForLeader();
  });
  afterAll(async () => {
    await joiner?.stop(5000);
    await cluster.stop();
  });

  const etcdctl = (args: string[], endpoints = cluster.members.map((m) => m.endpoint)) => ctl(endpoints, args);
  const memberList = async () =>
    (JSON.parse(await etcdctl(['member', 'list', '-w', 'json'])) as { members: { ID: number; name?: string; peerURLs: string[]; clientURLs?: string[]; isLearner?: boolean }[] }).members;

  it('adds a learner that catches up, promotes it to voter, and removes it', async () => {
    await etcdctl(['put', 'before-join', 'x']);
    const [client, peer] = [await freePort(), await freePort()];
    const peerUrl = `http://127.0.0.1:${peer}`;
    const added = await etcdctl(['member', 'add', 'n4', `--peer-urls=${peerUrl}`, '--learner']);
    expect(added).toMatch(/Member\s+[0-9a-f]+ added to cluster/);
    expect(added).toContain('ETCD_INITIAL_CLUSTER_STATE="existing"');
    const initialCluster = /ETCD_INITIAL_CLUSTER="([^"]+)"/.exec(added)![1];
    expect(initialCluster, added).toContain(`n4=${peerUrl}`);

    // Start it the way etcdctl says, with etcd's flag names.
    joiner = new MasterProcess({
      name: 'n4',
      logFile: path.join(cluster.root, 'n4.log'),
      args: [
        '--name=n4',
        `--data-dir=${path.join(cluster.root, 'n4')}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--listen-client-urls=http://127.0.0.1:${client}`,
        `--advertise-client-urls=http://127.0.0.1:${client}`,
        `--initial-cluster=${initialCluster}`,
        '--initial-cluster-state=existing',
        '--api=false',
        '--initial-cluster-token=cli-test',
      ],
    });
    const n4 = `127.0.0.1:${client}`;
    // It holds what was written before it joined, and publishes its name and client URL.
    await waitFor(
      async () => ((await etcdctl(['get', 'before-join', '--consistency=s', '--print-value-only'], [n4]).catch(() => '')).trim() === 'x' ? true : undefined),
      30_000,
      () => `the learner did not catch up; log ${path.join(cluster.root, 'n4.log')}`,
    );
    const learner = await waitFor(async () => (await memberList()).find((m) => m.name === 'n4' && m.clientURLs?.length), 15_000, () => 'n4 never published its attributes');
    expect(learner.isLearner).toBe(true);
    expect(learner.peerURLs).toEqual([peerUrl]);

    const id = BigInt(learner.ID).toString(16);
    await waitFor(async () => ((await etcdctl(['member', 'promote', id]).catch(() => '')).includes('promoted') ? true : undefined), 15_000, () => 'promote kept failing');
    expect((await memberList()).find((m) => m.name === 'n4')?.isLearner ?? false).toBe(false);
    // A voter now: a write through it lands everywhere.
    await etcdctl(['put', 'via-n4', 'y'], [n4]);
    expect((await etcdctl(['get', 'via-n4', '--print-value-only'], [cluster.members[0].endpoint])).trim()).toBe('y');

    // Refusals in etcd's words, changing nothing.
    await expect(etcdctl(['member', 'promote', id])).rejects.toThrow(/can only promote a learner member/);
    await expect(etcdctl(['member', 'add', 'again', `--peer-urls=${peerUrl}`])).rejects.toThrow(/Peer URLs already exists/);

    const removed = await etcdctl(['member', 'remove', id]);
    expect(removed).toMatch(/removed from cluster/);
    expect((await memberList()).map((m) => m.name).sort()).toEqual(['n1', 'n2', 'n3']);
    await etcdctl(['put', 'after-remove', 'z']);
    await expect(etcdctl(['member', 'remove', id])).rejects.toThrow(/member not found/);
  }, 120_000);

  it('moves leadership with etcdctl move-leader', async () => {
    const leader = await cluster.waitForLeader();
    const status = JSON.parse(await etcdctl(['endpoint', 'status', '-w', 'json'], [leader.endpoint])) as { Status: { header: { member_id: number } } }[];
    const leaderId = BigInt(status[0].Status.header.member_id);
    const target = (await memberList()).find((m) => BigInt(m.ID) !== leaderId)!;
    const out = await etcdctl(['move-leader', BigInt(target.ID).toString(16)], [leader.endpoint]);
    expect(out).toMatch(/Leadership transferred/);
    const now = await cluster.waitForLeader();
    expect(now.name).toBe(target.name);
  }, 60_000);
});
