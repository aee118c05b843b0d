// The Deployment controller on one real master with the ReplicaSet controller and a stand-in
// kubelet: replicas reached with status and conditions, scaling, rolling updates whose
// surge/unavailability bounds are checked at every pod watch event, Recreate never mixing old
// and new pods, rollback reusing the old ReplicaSet, pause, history limit, adoption of an
// orphan ReplicaSet, and a progress deadline exceeded; then once with the real scheduler and
// hollow nodes instead of the stand-in kubelet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obj, ResourceClient } from '../../../src/control/client/resource-client.ts';
import { HASH_LABEL, REVISION_ANNOTATION } from '../../../src/control/controllers/deployment-util.ts';
import { WORKLOAD_RESOURCES, workloadControllers } from '../../../src/control/controllers/workloads.ts';
import { Scheduler } from '../../../src/control/scheduler/scheduler.ts';
import { startControlPlane, type ControlHarness } from '../control-harness.ts';
import { HollowNodes } from '../../../chaos/hollow-nodes.ts';
import { PodSim } from './pod-sim.ts';
import { PodWatchChecker, rollingBounds } from './workload-checker.ts';
import { deployment, eventsFor, imageOf, isReady, livePods, namespace, replicaSet, setReplicas, sleep, until } from './workload-fixtures.ts';

describe('deployment controller', () => {
  let h: ControlHarness;
  let client: ResourceClient;
  let sim: PodSim;

  beforeAll(async () => {
    h = await startControlPlane(workloadControllers(), WORKLOAD_RESOURCES);
    client = h.client;
    sim = new PodSim(client);
    sim.start();
  });
  afterAll(async () => {
    sim?.stop();
    await h?.stop();
  });

  const get = (ns: string, name: string) => client.get('deployments', ns, name);
  const rsOf = async (ns: string, d: Obj): Promise<Obj[]> => (await client.list('replicasets', ns)).items.filter((rs) => rs.metadata.ownerReferences?.some((r: Obj) => r.uid === d.metadata.uid));
  const setImage = (ns: string, name: string, image: string) => client.patch('deployments', ns, name, { spec: { template: { spec: { containers: [{ name: 'app', image }] } } } });

  /** Rolled out: every wanted pod ready and of `image`, nothing else left, status caught up. */
  const rolledOut = async (ns: string, name: string, image: string): Promise<boolean> => {
    const d = await get(ns, name);
    const st = d.status ?? {};
    const want = d.spec.replicas;
    const pods = await livePods(client, ns);
    return (
      st.observedGeneration === d.metadata.generation &&
      st.updatedReplicas === want &&
      st.replicas === want &&
      st.availableReplicas === want &&
      pods.length === want &&
      pods.every((p) => isReady(p) && imageOf(p) === image)
    );
  };
  const explain = (ns: string, name: string) => async () => {
    const d = await get(ns, name);
    const pods = await livePods(client, ns);
    const rss = (await rsOf(ns, d)).map((rs) => `${rs.metadata.name}:${rs.spec.replicas}/${JSON.stringify(rs.status)}`);
    return ` status=${JSON.stringify(d.status)} pods=${pods.map((p) => `${p.metadata.name}:${imageOf(p)}:${isReady(p)}`).join(',')} rs=${rss.join(' ')}`;
  };

  it('reaches its replicas, with status, conditions, a hashed ReplicaSet and revision 1', async () => {
    const ns = await namespace(client, 'dep-basic');
    const d = await client.create('deployments', ns, deployment('web', 3, { app: 'web' }));
    await until(() => rolledOut(ns, 'web', 'img:a'), 10_000, explain(ns, 'web'));
    await until(async () => (await get(ns, 'web')).status?.conditions?.some((c: Obj) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable') ?? false, 5000, explain(ns, 'web'));
    const cur = await get(ns, 'web');
    expect(cur.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0, observedGeneration: 1 });
    const conds = Object.fromEntries(cur.status.conditions.map((c: Obj) => [c.type, c]));
    expect(conds.Available).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    expect(conds.Progressing).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    expect(cur.metadata.annotations?.[REVISION_ANNOTATION]).toBe('1');

    const [rs] = await rsOf(ns, d);
    const hash = rs.metadata.labels[HASH_LABEL];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', [HASH_LABEL]: hash });
    expect(rs.spec.template.metadata.labels).toEqual({ app: 'web', [HASH_LABEL]: hash });
    expect(rs.metadata.annotations).toMatchObject({ [REVISION_ANNOTATION]: '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    for (const p of await livePods(client, ns)) expect(p.metadata.labels[HASH_LABEL]).toBe(hash);
    const events = await eventsFor(client, ns, 'web');
    expect(events.map((e) => e.message)).toContain(`Scaled up replica set ${rs.metadata.name} to 3`);
  });

  it('scales up and down through its one ReplicaSet', async () => {
    const ns = await namespace(client, 'dep-scale');
    const d = await client.create('deployments', ns, deployment('api', 2, { app: 'api' }));
    await until(() => rolledOut(ns, 'api', 'img:a'), 10_000, explain(ns, 'api'));
    await setReplicas(client, 'deployments', ns, 'api', 5);
    await until(() => rolledOut(ns, 'api', 'img:a'), 10_000, explain(ns, 'api'));
    await setReplicas(client, 'deployments', ns, 'api', 1);
    await until(() => rolledOut(ns, 'api', 'img:a'), 10_000, explain(ns, 'api'));
    const rss = await rsOf(ns, d);
    expect(rss).toHaveLength(1);
    expect(rss[0].spec.replicas).toBe(1);
    expect(rss[0].metadata.annotations['deployment.kubernetes.io/desired-replicas']).toBe('1');
  });

  for (const c of [
    { name: 'roll-pct', replicas: 4, surge: '25%', unavailable: '25%', max: 5, min: 3 },
    { name: 'roll-int', replicas: 3, surge: 1, unavailable: 0, max: 4, min: 3 },
  ]) {
    it(`rolls A to B within maxSurge=${c.surge} maxUnavailable=${c.unavailable} of ${c.replicas} at every pod event`, async () => {
      const ns = await namespace(client, c.name);
      const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: c.surge, maxUnavailable: c.unavailable } };
      const d = await client.create('deployments', ns, deployment('app', c.replicas, { app: 'app' }, 'img:a', { strategy }));
      await until(() => rolledOut(ns, 'app', 'img:a'), 10_000, explain(ns, 'app'));
      const checker = new PodWatchChecker(client, ns, rollingBounds(c.max, c.min));
      await checker.start();
      try {
        await setImage(ns, 'app', 'img:b');
        await until(() => rolledOut(ns, 'app', 'img:b'), 15_000, explain(ns, 'app'));
        await sleep(200);
      } finally {
        checker.stop();
      }
      expect(checker.violations).toEqual([]);
      expect(checker.events).toBeGreaterThan(4 * c.replicas);
      const rss = await rsOf(ns, d);
      expect(rss).toHaveLength(2);
      const byRev = Object.fromEntries(rss.map((rs) => [rs.metadata.annotations[REVISION_ANNOTATION], rs]));
      expect(byRev['1'].spec.replicas).toBe(0);
      expect(byRev['2'].spec.replicas).toBe(c.replicas);
      expect(byRev['2'].spec.template.spec.containers[0].image).toBe('img:b');
      expect((await get(ns, 'app')).metadata.annotations[REVISION_ANNOTATION]).toBe('2');
    });
  }

  it('Recreate: the old pods are all gone before any new one exists', async () => {
    const ns = await namespace(client, 'dep-recreate');
    await client.create('deployments', ns, deployment('db', 3, { app: 'db' }, 'img:a', { strategy: { type: 'Recreate' } }));
    await until(() => rolledOut(ns, 'db', 'img:a'), 10_000, explain(ns, 'db'));
    let sawNoPods = false;
    const checker = new PodWatchChecker(client, ns, (pods) => {
      // Terminating pods count here: an old pod still shutting down is still running.
      const images = new Set(pods.map(imageOf));
      if (pods.length === 0) sawNoPods = true;
      return images.size > 1 ? `old and new at once: ${pods.map((p) => `${p.metadata.name}:${imageOf(p)}`).join(',')}` : undefined;
    });
    await checker.start();
    try {
      await setImage(ns, 'db', 'img:b');
      await until(() => rolledOut(ns, 'db', 'img:b'), 15_000, explain(ns, 'db'));
    } finally {
      checker.stop();
    }
    expect(checker.violations).toEqual([]);
    expect(sawNoPods).toBe(true);
  });

  it('rollback (the old template copied back) reuses the old ReplicaSet under a new revision', async () => {
    const ns = await namespace(client, 'dep-undo');
    const d = await client.create('deployments', ns, deployment('web', 3, { app: 'web' }, 'img:a', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
    await until(() => rolledOut(ns, 'web', 'img:a'), 10_000, explain(ns, 'web'));
    const [first] = await rsOf(ns, d);
    await setImage(ns, 'web', 'img:b');
    await until(() => rolledOut(ns, 'web', 'img:b'), 15_000, explain(ns, 'web'));

    // What `rollout undo` does: the revision-1 ReplicaSet's template, less its hash label.
    const template = structuredClone(first.spec.template);
    delete template.metadata.labels[HASH_LABEL];
    const cur = await get(ns, 'web');
    const checker = new PodWatchChecker(client, ns, rollingBounds(4, 3));
    await checker.start();
    try {
      await client.update('deployments', ns, { ...cur, spec: { ...cur.spec, template } });
      await until(() => rolledOut(ns, 'web', 'img:a'), 15_000, explain(ns, 'web'));
    } finally {
      checker.stop();
    }
    expect(checker.violations).toEqual([]);
    const rss = await rsOf(ns, d);
    expect(rss).toHaveLength(2);
    const back = rss.find((rs) => rs.metadata.uid === first.metadata.uid)!;
    expect(back.spec.replicas).toBe(3);
    expect(back.metadata.annotations[REVISION_ANNOTATION]).toBe('3');
    expect((await get(ns, 'web')).metadata.annotations[REVISION_ANNOTATION]).toBe('3');
    for (const p of await livePods(client, ns)) expect(p.metadata.ownerReferences[0].uid).toBe(first.metadata.uid);
  });

  it('paused: a new template does not roll, scaling still happens; resumed, it rolls', async () => {
    const ns = await namespace(client, 'dep-pause');
    const d = await client.create('deployments', ns, deployment('web', 2, { app: 'web' }));
    await until(() => rolledOut(ns, 'web', 'img:a'), 10_000, explain(ns, 'web'));
    await client.patch('deployments', ns, 'web', { spec: { paused: true } });
    await setImage(ns, 'web', 'img:b');
    await setReplicas(client, 'deployments', ns, 'web', 4);
    await until(async () => (await livePods(client, ns)).filter(isReady).length === 4, 10_000, explain(ns, 'web'));
    await until(async () => (await get(ns, 'web')).status?.conditions?.some((c: Obj) => c.type === 'Progressing' && c.reason === 'DeploymentPaused') ?? false, 5000, explain(ns, 'web'));
    await sleep(500);
    expect(await rsOf(ns, d)).toHaveLength(1);
    expect((await livePods(client, ns)).every((p) => imageOf(p) === 'img:a')).toBe(true);

    await client.patch('deployments', ns, 'web', { spec: { paused: false } });
    await until(() => rolledOut(ns, 'web', 'img:b'), 15_000, explain(ns, 'web'));
    expect(await rsOf(ns, d)).toHaveLength(2);
  });

  it('revisionHistoryLimit trims the oldest empty ReplicaSets', async () => {
    const ns = await namespace(client, 'dep-history');
    const d = await client.create('deployments', ns, deployment('web', 1, { app: 'web' }, 'img:a', { revisionHistoryLimit: 1 }));
    await until(() => rolledOut(ns, 'web', 'img:a'), 10_000, explain(ns, 'web'));
    for (const image of ['img:b', 'img:c', 'img:d']) {
      await setImage(ns, 'web', image);
      await until(() => rolledOut(ns, 'web', image), 15_000, explain(ns, 'web'));
    }
    await until(async () => (await rsOf(ns, d)).length === 2, 10_000, async () => (await rsOf(ns, d)).map((rs) => rs.metadata.annotations[REVISION_ANNOTATION]).join(','));
    const revs = (await rsOf(ns, d)).map((rs) => rs.metadata.annotations[REVISION_ANNOTATION]).sort();
    expect(revs).toEqual(['3', '4']);
  });

  it('adopts an orphan ReplicaSet it selects and scales it down as an old one', async () => {
    const ns = await namespace(client, 'dep-adopt');
    // Adoption goes by the ReplicaSet's own labels (apps/v1 does not copy them from the template).
    const legacyRs = replicaSet('legacy', 2, { app: 'svc' }, 'img:old');
    legacyRs.metadata.labels = { app: 'svc' };
    await client.create('replicasets', ns, legacyRs);
    await until(async () => (await livePods(client, ns)).filter(isReady).length === 2, 10_000, () => 'legacy never ran');
    const d = await client.create('deployments', ns, deployment('svc', 2, { app: 'svc' }, 'img:new'));
    await until(() => rolledOut(ns, 'svc', 'img:new'), 15_000, explain(ns, 'svc'));
    const legacy = await client.get('replicasets', ns, 'legacy');
    expect(legacy.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', uid: d.metadata.uid, controller: true });
    expect(legacy.spec.replicas).toBe(0);
  });

  it('reports ProgressDeadlineExceeded when pods never become ready', async () => {
    const ns = await namespace(client, 'dep-stuck');
    // Bound to a node no kubelet runs: the pods stay Pending for good.
    const d = deployment('stuck', 2, { app: 'stuck' }, 'img:a', { progressDeadlineSeconds: 2 });
    d.spec.template.spec.nodeName = 'nowhere';
    await client.create('deployments', ns, d);
    await until(
      async () => (await get(ns, 'stuck')).status?.conditions?.some((c: Obj) => c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded') ?? false,
      10_000,
      explain(ns, 'stuck'),
    );
    const st = (await get(ns, 'stuck')).status;
    expect(st.conditions.find((c: Obj) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    expect(st).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 0, unavailableReplicas: 2 });
  });
});

describe('deployment controller with the real scheduler and hollow nodes', () => {
  it('rolls out, rolls over to a new image, and scales', async () => {
    const h = await startControlPlane([...workloadControllers(), new Scheduler()], [...WORKLOAD_RESOURCES, 'nodes']);
    const nodes = new HollowNodes(h.client, ['hn-1', 'hn-2', 'hn-3']);
    await nodes.start();
    const client = h.client;
    try {
      const ns = await namespace(client, 'dep-hollow');
      const checker = new PodWatchChecker(client, ns, rollingBounds(5, 0));
      await checker.start();
      await client.create('deployments', ns, deployment('web', 4, { app: 'web' }, 'img:a'));
      const ready = async (image: string, n: number) => {
        const pods = await livePods(client, ns);
        return pods.length === n && pods.every((p) => isReady(p) && imageOf(p) === image && !!p.spec.nodeName);
      };
      await until(() => ready('img:a', 4), 20_000, async () => JSON.stringify((await livePods(client, ns)).map((p) => [p.metadata.name, p.spec.nodeName, p.status?.phase])));
      await client.patch('deployments', ns, 'web', { spec: { template: { spec: { containers: [{ name: 'app', image: 'img:b' }] } } } });
      await until(() => ready('img:b', 4), 20_000, async () => JSON.stringify((await livePods(client, ns)).map((p) => [p.metadata.name, imageOf(p), p.status?.phase])));
      checker.stop();
      expect(checker.violations).toEqual([]);
      await client.patch('deployments', ns, 'web', { spec: { replicas: 6 } });
      await until(() => ready('img:b', 6), 20_000, () => 'not scaled to 6');
      expect(new Set((await livePods(client, ns)).map((p) => p.spec.nodeName)).size).toBe(3);
    } finally {
      nodes.stop();
      await h.stop();
    }
  });
});
