// All the cluster controllers together, as the controller manager runs them: a service in a
// fresh namespace gets its cluster IP and Endpoints for pods running on hollow nodes; deleting
// the namespace removes everything in it, including the service's Endpoints, and then the
// namespace itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_RESOURCES, clusterControllers } from '../../../src/control/controllers/cluster-controllers.ts';
import { startControlPlane, type ControlHarness } from '../control-harness.ts';
import { HollowNodes } from '../hollow-nodes.ts';
import { exists, pod, until } from './fixtures.ts';

describe('cluster controllers together', () => {
  let h: ControlHarness;
  let nodes: HollowNodes;

  beforeAll(async () => {
    h = await startControlPlane(clusterControllers(), CLUSTER_RESOURCES, { nodeGracePeriodMs: 2000, podEvictionTimeoutMs: 1000, hpaSyncPeriodMs: 500 });
    nodes = new HollowNodes(h.client, ['w1', 'w2']);
    await nodes.start();
  });
  afterAll(async () => {
    nodes?.stop();
    await h?.stop();
  });

  it('a service gets an IP and endpoints; its namespace is then deleted with everything in it', async () => {
    const ns = 'shop';
    await h.client.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (const [i, n] of ['web-1', 'web-2', 'web-3'].entries()) {
      await h.client.create('pods', ns, pod(n, { nodeName: `w${(i % 2) + 1}`, labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080 }] }));
    }
    await h.client.create('services', ns, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } });
    const svc = await until(async () => {
      const s = await h.client.get('services', ns, 'web');
      return s.spec.clusterIP && s.spec.ports[0].nodePort ? s : undefined;
    }, 5000, 'service never got its IP and node port');
    expect(svc.spec.clusterIP).toMatch(/^10\.96\./);
    let last: unknown;
    const ep = await until(async () => {
      const e = await exists(h.client, 'endpoints', ns, 'web');
      last = { e, pods: (await h.client.list('pods', ns)).items.map((p) => [p.metadata.name, p.spec.nodeName, p.status]) };
      return e?.subsets?.[0]?.addresses?.length === 3 ? e : undefined;
    }, 5000, () => `endpoints never listed the three running pods: ${JSON.stringify(last)}`);
    expect(ep.subsets[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);

    await h.client.delete('namespaces', '', ns);
    await until(async () => !(await exists(h.client, 'namespaces', '', ns)), 15_000, 'namespace never went away');
    for (const r of ['pods', 'services', 'endpoints']) expect((await h.client.list(r, ns)).items).toEqual([]);
  });
});
