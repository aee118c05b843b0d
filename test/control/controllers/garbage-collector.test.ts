// The garbage collector on a real master: dependents of a deleted owner go (background), a
// foreground owner waits for its blocking dependents, an orphaning owner leaves its dependents
// without the reference, and a dependent with a live second owner keeps living.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obj } from '../../../src/control/client/resource-client.ts';
import { GarbageCollector, GC_RESOURCES } from '../../../src/control/controllers/garbage-collector.ts';
import { startControlPlane, type ControlHarness } from '../control-harness.ts';
import { exists, ownerRef, pod, replicaSet, sleep, until } from './fixtures.ts';

describe('garbage collector', () => {
  let h: ControlHarness;
  const ns = 'default';

  beforeAll(async () => {
    h = await startControlPlane([new GarbageCollector()], GC_RESOURCES);
  });
  afterAll(() => h?.stop());

  async function ownerWithPods(name: string, n: number, block = false): Promise<{ rs: Obj; pods: Obj[] }> {
    const rs = await h.client.create('replicasets', ns, replicaSet(name));
    const pods: Obj[] = [];
    for (let i = 0; i < n; i++) pods.push(await h.client.create('pods', ns, pod(`${name}-${i}`, { labels: { app: name }, owner: rs, block })));
    return { rs, pods };
  }

  it('deletes the dependents of a deleted owner (background)', async () => {
    const { pods } = await ownerWithPods('bg', 3);
    // Pods that name an owner that never existed go too.
    await h.client.create('configmaps', ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bg-orphan', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nobody', uid: '00000000-0000-0000-0000-000000000000' }] } });
    await sleep(200);
    for (const p of pods) expect(await exists(h.client, 'pods', ns, p.metadata.name)).toBeDefined();
    await h.client.delete('replicasets', ns, 'bg');
    await until(async () => {
      for (const p of pods) if (await exists(h.client, 'pods', ns, p.metadata.name)) return undefined;
      return true;
    }, 5000, 'dependents of the deleted replicaset still exist');
    await until(async () => !(await exists(h.client, 'configmaps', ns, 'bg-orphan')), 5000, 'configmap with a missing owner still exists');
  });

  it('keeps a dependent that has another live owner, dropping the reference to the dead one', async () => {
    const a = await h.client.create('replicasets', ns, replicaSet('two-a'));
    const b = await h.client.create('replicasets', ns, replicaSet('two-b'));
    const p = pod('two-owned', { labels: { app: 'two-a' } });
    p.metadata.ownerReferences = [ownerRef(a), { ...ownerRef(b), controller: false }];
    await h.client.create('pods', ns, p);
    await h.client.delete('replicasets', ns, 'two-a');
    const left = await until(async () => {
      const cur = await exists(h.client, 'pods', ns, 'two-owned');
      return cur && cur.metadata.ownerReferences?.length === 1 ? cur : undefined;
    }, 5000, 'the reference to the deleted owner was not dropped');
    expect(left.metadata.ownerReferences[0].uid).toBe(b.metadata.uid);
  });

  it('foreground: the owner stays until its blocking dependents are gone', async () => {
    const { rs, pods } = await ownerWithPods('fg', 3, true);
    // A finalizer of someone else's holds one dependent back: the owner must wait for it.
    await h.client.patch('pods', ns, pods[0].metadata.name, { metadata: { finalizers: ['example.com/hold'] } });
    await h.client.delete('replicasets', ns, 'fg', { propagationPolicy: 'Foreground' });
    const terminating = await h.client.get('replicasets', ns, 'fg');
    expect(terminating.metadata.finalizers).toContain('foregroundDeletion');
    await until(async () => !(await exists(h.client, 'pods', ns, pods[1].metadata.name)) && !(await exists(h.client, 'pods', ns, pods[2].metadata.name)), 5000, 'unheld dependents not deleted');
    const held = await h.client.get('pods', ns, pods[0].metadata.name);
    expect(held.metadata.deletionTimestamp).toBeTruthy();
    await sleep(300);
    const owner = await exists(h.client, 'replicasets', ns, 'fg');
    expect(owner?.metadata.uid).toBe(rs.metadata.uid);
    await h.client.patch('pods', ns, pods[0].metadata.name, { metadata: { finalizers: null } });
    await until(async () => !(await exists(h.client, 'replicasets', ns, 'fg')), 5000, 'foreground owner not released after its dependents went');
  });

  it('foreground: non-blocking dependents do not hold the owner', async () => {
    const { pods } = await ownerWithPods('fgnb', 2, false);
    await h.client.patch('pods', ns, pods[0].metadata.name, { metadata: { finalizers: ['example.com/hold'] } });
    await h.client.delete('replicasets', ns, 'fgnb', { propagationPolicy: 'Foreground' });
    await until(async () => !(await exists(h.client, 'replicasets', ns, 'fgnb')), 5000, 'owner held by a non-blocking dependent');
    await until(async () => !(await exists(h.client, 'pods', ns, pods[1].metadata.name)), 5000, 'dependent of a foreground owner not deleted');
    await h.client.patch('pods', ns, pods[0].metadata.name, { metadata: { finalizers: null } });
  });

  it('orphan: dependents stay, without the reference; then the owner goes', async () => {
    const { pods } = await ownerWithPods('orph', 3);
    const other = await h.client.create('replicasets', ns, replicaSet('orph-keep'));
    // One dependent has a second owner: only the orphaning owner's reference goes.
    await h.client.patch('pods', ns, pods[0].metadata.name, { metadata: { ownerReferences: [...pods[0].metadata.ownerReferences, { ...ownerRef(other), controller: false }] } });
    await h.client.delete('replicasets', ns, 'orph', { propagationPolicy: 'Orphan' });
    await until(async () => !(await exists(h.client, 'replicasets', ns, 'orph')), 5000, 'orphaning owner not removed');
    await sleep(300);
    for (const p of pods) {
      const cur = await h.client.get('pods', ns, p.metadata.name);
      expect(cur.metadata.deletionTimestamp).toBeUndefined();
      const uids = (cur.metadata.ownerReferences ?? []).map((r: Obj) => r.uid);
      expect(uids).not.toContain(p.metadata.ownerReferences[0].uid);
    }
    expect((await h.client.get('pods', ns, pods[0].metadata.name)).metadata.ownerReferences.map((r: Obj) => r.uid)).toEqual([other.metadata.uid]);
  });
});
