// The whole control plane on three real master processes with hollow nodes: a Deployment
// becomes ready pods; when the masters holding the scheduler's and the controller manager's
// leases are killed with SIGKILL, the leases move within their duration, the Deployment's
// scale-up still completes, and no pod is ever created twice (never more pods than replicas).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Obj } from '../../src/cli/api-client.ts';
import pino from 'pino';
import { Informer } from '../../src/control/informer/informer.ts';
import { TestCluster, waitFor, type TestMember } from '../cli/harness.ts';
import { HollowNodes } from './hollow-nodes.ts';

const deployment = (replicas: number): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.14.2', resources: { requests: { cpu: '100m' } } }] } },
  },
});

describe('control plane on three masters', () => {
  const cluster = new TestCluster();
  let client: ApiClient;
  let nodes: HollowNodes;

  beforeAll(async () => {
    await cluster.start(3, ['--controllers=true']);
    await cluster.waitForLeader();
    client = new ApiClient(cluster.members.map((m) => m.endpoint), 3000);
    await waitFor(async () => (await client.get('namespaces', '', 'kube-system').catch(() => undefined)) ?? undefined, 15_000, () => 'no kube-system');
    nodes = new HollowNodes(client, ['h1', 'h2', 'h3']);
    await nodes.start();
  });
  afterAll(async () => {
    nodes?.stop();
    client?.close();
    await cluster.stop();
  });

  const readyPods = async () => {
    const pods = (await client.list('pods', 'default', { labelSelector: 'app=web' })).items;
    return pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True'));
  };
  const holderOf = async (lease: string): Promise<TestMember | undefined> => {
    const l = await client.get('leases', 'kube-system', lease).catch(() => undefined);
    const id: string = l?.spec?.holderIdentity ?? '';
    return cluster.members.find((m) => id.startsWith(`${m.name}_`));
  };

  it('a deployment converges, and keeps converging across the kill of the lease holders, creating no pod twice', async () => {
    // Every pod ever created, from an informer (it resumes or relists when its master dies).
    const created = new Set<string>();
    let maxLive = 0;
    const informer = new Informer(client, 'pods', { namespace: 'default', labelSelector: 'app=web' }, pino({ level: 'silent' }));
    informer.on({
      add: (p) => {
        created.add(p.metadata.uid);
        maxLive = Math.max(maxLive, informer.list().filter((x) => !x.metadata.deletionTimestamp).length);
      },
    });
    informer.start();
    await informer.waitForSync();

    await client.create('deployments', 'default', deployment(6));
    await waitFor(async () => ((await readyPods()).length === 6 ? true : undefined), 30_000, () => 'deployment never reached 6 ready pods');
    const d = await waitFor(async () => {
      const dep = await client.get('deployments', 'default', 'web');
      return dep.status?.availableReplicas === 6 ? dep : undefined;
    }, 15_000, () => 'deployment status never showed 6 available');
    expect(d.status.conditions.map((c: Obj) => c.type).sort()).toEqual(['Available', 'Progressing']);
    const placement = new Map<string, number>();
    for (const p of await readyPods()) placement.set(p.spec.nodeName, (placement.get(p.spec.nodeName) ?? 0) + 1);
    expect([...placement.values()].sort()).toEqual([2, 2, 2]);

    const cm = await holderOf('shoal-controller-manager');
    const sched = await holderOf('shoal-scheduler');
    expect(cm).toBeDefined();
    expect(sched).toBeDefined();
    const killed = [...new Set([cm!, sched!])];
    // The kill of (at most two) masters must leave a quorum: keep the Raft leader if it is not
    // a holder, else kill only one of them.
    const victims = killed.length === 2 ? [killed[0]] : killed;
    const t0 = Date.now();
    for (const v of victims) v.proc.kill('SIGKILL');
    // As a user would: a write caught by the leader's death is ambiguous (Timeout); this one
    // is idempotent, so it is simply sent again.
    await waitFor(async () => (await client.patch('deployments', 'default', 'web', { spec: { replicas: 9 } }).catch(() => undefined)) ?? undefined, 10_000, () => 'scale never accepted');
    await waitFor(async () => ((await readyPods()).length === 9 ? true : undefined), 30_000, () => 'scale-up after the kill never completed');
    const recovered = Date.now() - t0;
    const newCm = await holderOf('shoal-controller-manager');
    expect(victims).not.toContain(newCm);
    await new Promise((r) => setTimeout(r, 1000));
    informer.stop();
    expect(created.size).toBe(9);
    expect(maxLive).toBeLessThanOrEqual(9);
    for (const v of victims) cluster.restart(v);
    await cluster.waitForLeader();
    console.log(`control plane: holders killed (${victims.map((v) => v.name).join(', ')}); scale 6 -> 9 ready ${recovered} ms after the kill; pods created ${created.size}`);
  });
});
