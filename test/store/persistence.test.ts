// The registry's applied state on disk, through real processes: a member killed while the
// others write and compact their logs comes back from a snapshot image sent by the leader;
// members restarted on their data dirs hold the same data (same HashKV) without the log that
// was compacted away.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KVClient } from '../../src/gen/etcdserverpb/KV.ts';
import type { MaintenanceClient } from '../../src/gen/etcdserverpb/Maintenance.ts';
import { call, kvClient, maintenanceClient } from './etcd-clients.ts';
import { TestCluster, waitFor, type TestMember } from '../cli/harness.ts';

function clients(m: TestMember): { kv: KVClient; maint: MaintenanceClient; close(): void } {
  const kv = kvClient(m.endpoint);
  const maint = maintenanceClient(m.endpoint);
  return { kv, maint, close: () => (kv.close(), maint.close()) };
}

async function putMany(m: TestMember, from: number, to: number): Promise<void> {
  const c = clients(m);
  try {
    for (let i = from; i < to; i += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, to - i) }, (_, j) =>
          call((cb) => c.kv.Put({ key: Buffer.from(`p/${String(i + j).padStart(5, '0')}`), value: Buffer.from(`v${i + j}`) }, { deadline: Date.now() + 10_000 }, cb)),
        ),
      );
    }
  } finally {
    c.close();
  }
}

/** Count of p/ keys and HashKV at `revision`, read locally (serializable) from one member. */
async function view(m: TestMember, revision: number): Promise<{ count: number; hash: number } | undefined> {
  const c = clients(m);
  try {
    const r = await call<{ count: number; header: { revision: number } }>((cb) =>
      c.kv.Range({ key: Buffer.from('p/'), rangeEnd: Buffer.from('p0'), countOnly: true, serializable: true }, { deadline: Date.now() + 3000 }, cb as never),
    );
    if (r.header.revision < revision) return undefined;
    const h = await call<{ hash: number }>((cb) => c.maint.HashKV({ revision }, { deadline: Date.now() + 3000 }, cb as never));
    return { count: r.count, hash: h.hash };
  } catch {
    return undefined;
  } finally {
    c.close();
  }
}

describe('registry persistence (real processes)', () => {
  const cluster = new TestCluster();

  beforeAll(async () => {
    // Small snapshot intervals so the logs are compacted many times during the test.
    await cluster.start(3, ['--snapshot-count=50', '--snapshot-catchup-entries=10']);
    await cluster.waitForLeader();
  });
  afterAll(() => cluster.stop());

  it('a member that missed compacted history catches up from a snapshot image; restarts keep every key', async () => {
    const leader = await cluster.waitForLeader();
    await putMany(leader, 0, 200);
    const lagging = cluster.members.find((m) => m !== leader)!;
    lagging.proc.kill('SIGKILL');
    await lagging.proc.exited;
    const live = cluster.members.filter((m) => m !== lagging);
    await putMany(leader, 200, 600);
    cluster.restart(lagging);

    const revision = (await waitFor(async () => {
      const c = clients(leader);
      try {
        const r = await call<{ header: { revision: number } }>((cb) => c.kv.Range({ key: Buffer.from('p/') }, cb as never));
        return r.header.revision;
      } finally {
        c.close();
      }
    }, 10_000, () => 'leader did not answer'));
    const agreed = async () => {
      const views = await Promise.all(cluster.members.map((m) => view(m, revision)));
      if (views.some((v) => !v)) return undefined;
      if (new Set(views.map((v) => `${v!.count}/${v!.hash}`)).size !== 1) return undefined;
      return views[0];
    };
    const v = await waitFor(agreed, 30_000, () => `members did not agree at revision ${revision}; logs in ${cluster.root}`);
    expect(v.count).toBe(600);
    // It came back by snapshot, not by replaying entries the others no longer hold.
    expect(readFileSync(lagging.logFile, 'utf8')).toMatch(/snapshot installed from leader/);
    expect(live.some((m) => /sending a snapshot with a fresh image/.test(readFileSync(m.logFile, 'utf8')))).toBe(true);

    // Everyone down at once (kill -9), everyone up again: the same data, from each disk.
    for (const m of cluster.members) m.proc.kill('SIGKILL');
    await Promise.all(cluster.members.map((m) => m.proc.exited));
    for (const m of cluster.members) cluster.restart(m);
    await cluster.waitForLeader(cluster.members, 30_000);
    const after = await waitFor(agreed, 30_000, () => `members did not agree after restart; logs in ${cluster.root}`);
    expect(after).toEqual(v);
  }, 120_000);
});
