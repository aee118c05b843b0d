// The resource API on a group of three real master processes: any master serves it (writes
// from a follower go through the leader), and a watch resumed from its last version on another
// master after the leader is killed sees every acknowledged write exactly once, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError, ApiClient, type Obj } from '../../src/cli/api-client.ts';
import { TestCluster, waitFor } from '../cli/harness.ts';

describe('resource API on three masters', () => {
  const cluster = new TestCluster();

  beforeAll(async () => {
    await cluster.start(3, ['--controllers=true']);
    await cluster.waitForLeader();
  });
  afterAll(() => cluster.stop());

  it('serves reads and writes on every master, with one truth', async () => {
    const leader = await cluster.waitForLeader();
    const follower = cluster.members.find((m) => m !== leader)!;
    const viaFollower = new ApiClient([follower.endpoint]);
    const viaLeader = new ApiClient([leader.endpoint]);
    try {
      await waitFor(async () => (await viaFollower.get('namespaces', '', 'default').catch(() => undefined)) ?? undefined, 10_000, () => 'no default namespace');
      const cm = await viaFollower.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { a: '1' } });
      const got = await viaLeader.get('configmaps', 'default', 'shared');
      expect(got).toEqual(cm);
      const stale = structuredClone(cm);
      await viaLeader.patch('configmaps', 'default', 'shared', { data: { a: '2' } });
      stale.data.a = '3';
      const err = await viaFollower.update('configmaps', 'default', stale).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiCallError);
      expect((err as ApiCallError).reason).toBe('Conflict');
      expect((await viaFollower.get('configmaps', 'default', 'shared')).data.a).toBe('2');
    } finally {
      viaFollower.close();
      viaLeader.close();
    }
  });

  it('a watch resumed on another master after a leader kill has no gap and no duplicate', async () => {
    // The watch starts on the leader, which is then killed: it must resume elsewhere.
    const first = await cluster.waitForLeader();
    const endpoints = [first, ...cluster.members.filter((m) => m !== first)].map((m) => m.endpoint);
    const writer = new ApiClient(endpoints, 3000);
    const start = await writer.list('configmaps', 'default');
    // Acknowledged writes: name -> the resourceVersion each write returned.
    const acked: number[] = [];
    const seen: number[] = [];
    let lastRv = start.resourceVersion;
    let stop = false;
    let reconnects = 0;

    const watchLoop = async () => {
      let i = 0;
      while (!stop) {
        const ep = endpoints[i++ % endpoints.length];
        const client = new ApiClient([ep], 3000);
        const w = client.watch('configmaps', 'default', { resourceVersion: lastRv, labelSelector: 'chaos=1' }, (type, obj: Obj) => {
          if (type === 'BOOKMARK') return;
          seen.push(Number(obj.metadata.resourceVersion));
          lastRv = obj.metadata.resourceVersion;
        });
        const ended = await Promise.race([w.done, new Promise<'stop'>((r) => { const t = setInterval(() => { if (stop) { clearInterval(t); r('stop'); } }, 50); })]);
        w.cancel();
        client.close();
        if (ended !== 'stop') {
          reconnects++;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const watching = watchLoop();

    let n = 0;
    const writeLoop = async (until: number) => {
      while (Date.now() < until) {
        const name = `c${n++}`;
        try {
          const o = await writer.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { chaos: '1' } }, data: { n: String(n) } });
          acked.push(Number(o.metadata.resourceVersion));
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    await writeLoop(Date.now() + 1500);
    const leader = await cluster.waitForLeader();
    expect(leader).toBe(first);
    leader.proc.kill('SIGKILL');
    await writeLoop(Date.now() + 3000);
    cluster.restart(leader);
    await cluster.waitForLeader();
    await writeLoop(Date.now() + 1500);
    const last = Math.max(...acked);
    await waitFor(async () => (seen.length > 0 && Math.max(...seen) >= last ? true : undefined), 15_000, () => `watch reached ${Math.max(0, ...seen)}, last ack ${last}`);
    stop = true;
    await watching;
    writer.close();

    expect(acked.length).toBeGreaterThan(20);
    expect(reconnects).toBeGreaterThanOrEqual(1);
    // Ordered, no duplicate.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
    // No gap: every acknowledged write was seen.
    const seenSet = new Set(seen);
    expect(acked.filter((rv) => !seenSet.has(rv))).toEqual([]);
    console.log(`watch across a leader kill: ${acked.length} acknowledged creates, ${seen.length} events, ${reconnects} reconnects`);
  });
});
