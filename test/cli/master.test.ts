// Three real `shoal master` processes on loopback: election, replication through a follower
// and through the leader, kill -9 of the leader, failover, and a restart on the old data dir
// that catches up. Small snapshot settings make the masters snapshot, compact and (for the
// restarted one, usually) install a snapshot from the leader along the way.
import { status } from '@grpc/grpc-js';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlCallError } from '../../src/cli/control-client.ts';
import { SHOAL_BIN } from '../../src/cli/master-process.ts';
import { proposeMany, TestCluster, type TestMember } from './harness.ts';

const SNAPSHOT_FLAGS = ['--snapshot-count=20', '--snapshot-catchup-entries=5'];

describe('shoal master: a 3-master group', () => {
  const cluster = new TestCluster();
  let leader: TestMember;
  let total = { min: 0, max: 0 };
  let killed: TestMember;

  beforeAll(async () => {
    await cluster.start(3, SNAPSHOT_FLAGS);
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('elects one leader that every member agrees on', async () => {
    leader = await cluster.waitForLeader();
    const st = await cluster.statuses();
    expect(st.filter((s) => s?.role === 'leader')).toHaveLength(1);
    for (const s of st) {
      expect(s!.voters).toHaveLength(3);
      expect(s!.members.map((m) => m.name).sort()).toEqual(['n1', 'n2', 'n3']);
      expect(s!.clusterId).toBe(st[0]!.clusterId);
    }
  });

  it('applies 50 entries proposed through a follower and the leader, identically everywhere', async () => {
    // Each member first publishes its name and client URLs through the log: 3 entries.
    const base = (await cluster.waitForConvergence(3)).count;
    const follower = cluster.members.find((m) => m !== leader)!;
    const [a, b] = await Promise.all([proposeMany(follower.client, 25, 'via-follower'), proposeMany(leader.client, 25, 'via-leader')]);
    expect(a).toEqual({ ok: 25, ambiguous: 0 });
    expect(b).toEqual({ ok: 25, ambiguous: 0 });
    const { count, digest } = await cluster.waitForConvergence(base + 50);
    expect(count).toBe(base + 50);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    total = { min: base + 50, max: base + 50 };
  });

  it('refuses a leadership transfer asked of a follower, and moves leadership when the leader is asked', async () => {
    const followers = cluster.members.filter((m) => m !== leader);
    const target = (await followers[0].client.status()).id;
    const err = await followers[1].client.transferLeadership(target).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ControlCallError);
    expect((err as ControlCallError).code).toBe(status.FAILED_PRECONDITION);
    await leader.client.transferLeadership(target);
    leader = await cluster.waitForLeader();
    expect(leader).toBe(followers[0]);
  });

  it('elects a new leader after kill -9 of the leader, and takes proposals again', async () => {
    killed = leader;
    killed.proc.kill('SIGKILL');
    await killed.proc.exited;
    const survivors = cluster.members.filter((m) => m !== killed);
    leader = await cluster.waitForLeader(survivors);
    expect(leader).not.toBe(killed);
    const r = await proposeMany(survivors[0].client, 30, 'after-failover');
    total = { min: total.min + r.ok, max: total.max + r.ok + r.ambiguous };
    expect(r.ok).toBeGreaterThan(0);
    await cluster.waitForConvergence(total.min, total.max, survivors);
  });

  it('restarts the killed master on its data dir and catches it up to the same digest', async () => {
    cluster.restart(killed);
    await cluster.waitForLeader();
    const before = await cluster.waitForConvergence(total.min, total.max);
    // And it takes part again: a proposal through it lands everywhere.
    const r = await proposeMany(killed.client, 1, 'after-restart');
    expect(r).toEqual({ ok: 1, ambiguous: 0 });
    const after = await cluster.waitForConvergence(before.count + 1);
    expect(after.digest).not.toBe(before.digest);
    // The leader compacted past the restarted member's log (snapshot every 20 entries, 5
    // kept), so it caught up through InstallSnapshot, not by log replay alone.
    expect(readFileSync(killed.logFile, 'utf8')).toContain('snapshot installed from leader');
  });
});

describe('shoal master: refusals', () => {
  it('answers Propose with UNAVAILABLE "no leader" while it cannot reach a quorum', async () => {
    const cluster = new TestCluster();
    try {
      await cluster.start(3);
      // Leave it alone: a third of a cluster never elects anyone.
      for (const m of cluster.members.slice(1)) m.proc.kill('SIGKILL');
      const lonely = cluster.members[0];
      let err: unknown;
      const noLeader = (e: unknown) => e instanceof ControlCallError && e.code === status.UNAVAILABLE && /no leader/.test(e.details);
      // Until its server is up the call fails as unreachable (also UNAVAILABLE); then "no leader".
      for (let i = 0; i < 50 && !noLeader(err); i++) {
        err = await lonely.client.propose(new Uint8Array([1])).catch((e: unknown) => e);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(err).toBeInstanceOf(ControlCallError);
      expect((err as ControlCallError).code).toBe(status.UNAVAILABLE);
      expect((err as ControlCallError).details).toMatch(/no leader/);
    } finally {
      await cluster.stop();
    }
  });

  const cases: [string[], string][] = [
    [['--name=n4', '--initial-cluster=n1=http://127.0.0.1:1,n2=http://127.0.0.1:2'], '--initial-cluster: member "n4" missing from the list'],
    [['--heartbeat-interval=300', '--election-timeout=200'], '--heartbeat-interval must be < --election-timeout'],
    [['--listen-peer-urls=ftp://127.0.0.1:1'], '--listen-peer-urls'],
    [['--no-such-flag'], 'unknown flag --no-such-flag'],
  ];
  it.each(cases)('exits 2 naming the flag for %j', async (args, message) => {
    const { code, stderr } = await run(['master', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SHOAL_BIN, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
