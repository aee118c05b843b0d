// Namespace deletion on a real master: a deleted namespace is emptied of every kind of
// namespaced object, and disappears once nothing is left; a finalizer of someone else's on one
// object holds it back until removed. Foreground deletion of the namespace itself, with the
// garbage collector running, still empties it first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GarbageCollector } from '../../../src/control/controllers/garbage-collector.ts';
import { NAMESPACE_RESOURCES, NamespaceController } from '../../../src/control/controllers/namespace-controller.ts';
import { startControlPlane, type ControlHarness } from '../control-harness.ts';
import { deployment, exists, pod, replicaSet, sleep, until } from './fixtures.ts';

describe('namespace controller', () => {
  let h: ControlHarness;

  beforeAll(async () => {
    h = await startControlPlane([new NamespaceController(), new GarbageCollector()], NAMESPACE_RESOURCES);
  });
  afterAll(() => h?.stop());

  async function populate(ns: string): Promise<void> {
    await h.client.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const c = h.client;
    await c.create('pods', ns, pod('p1'));
    await c.create('pods', ns, pod('p2'));
    await c.create('replicasets', ns, replicaSet('rs'));
    await c.create('deployments', ns, deployment('web'));
    await c.create('services', ns, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    await c.create('configmaps', ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } });
    await c.create('secrets', ns, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } });
    await c.create('leases', ns, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: { holderIdentity: 'x' } });
  }

  async function count(ns: string): Promise<number> {
    let n = 0;
    for (const r of NAMESPACE_RESOURCES.slice(1)) n += (await h.client.list(r, ns)).items.length;
    return n;
  }

  it('empties a deleted namespace, then it disappears', async () => {
    await populate('doomed');
    expect(await count('doomed')).toBeGreaterThanOrEqual(8);
    await h.client.delete('namespaces', '', 'doomed');
    const t = await h.client.get('namespaces', '', 'doomed');
    expect(t.status.phase).toBe('Terminating');
    await until(async () => !(await exists(h.client, 'namespaces', '', 'doomed')), 10_000, 'namespace never went away');
    expect(await count('doomed')).toBe(0);
  });

  it('waits for an object held by a finalizer', async () => {
    await populate('held');
    await h.client.patch('configmaps', 'held', 'cm', { metadata: { finalizers: ['example.com/hold'] } });
    await h.client.delete('namespaces', '', 'held');
    await until(async () => (await count('held')) === 1, 10_000, 'content other than the held configmap not deleted');
    await sleep(300);
    const ns = await h.client.get('namespaces', '', 'held');
    expect(ns.spec.finalizers).toEqual(['kubernetes']);
    await h.client.patch('configmaps', 'held', 'cm', { metadata: { finalizers: null } });
    await until(async () => !(await exists(h.client, 'namespaces', '', 'held')), 10_000, 'namespace not removed after its last object went');
  });

  it('a foreground-deleted namespace is still emptied before it goes', async () => {
    await populate('fgns');
    await h.client.delete('namespaces', '', 'fgns', { propagationPolicy: 'Foreground' });
    await until(async () => !(await exists(h.client, 'namespaces', '', 'fgns')), 10_000, 'namespace never went away');
    expect(await count('fgns')).toBe(0);
  });
});
