// ReplicaSet and ReplicationController managers on one real master: replicas reached and
// reported, a deleted pod replaced, surplus pods chosen unscheduled and not-ready first,
// orphans adopted and relabelled pods released, a failed create reported; and, on a master
// whose pod watch lags, expectations keep a reconcile from creating the same replicas twice;
// stopped and started again (a new term of leadership), it converges without repeating itself.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obj, ResourceClient } from '../../../src/control/client/resource-client.ts';
import { ReplicaSetController } from '../../../src/control/controllers/replicaset-controller.ts';
import { WORKLOAD_RESOURCES, workloadControllers } from '../../../src/control/controllers/workloads.ts';
import { startControlPlane, type ControlHarness } from '../control-harness.ts';
import { LocalResourceClient } from '../../../src/control/client/local-resource-client.ts';
import { DEFAULT_CONTROLLER_CONFIG } from '../../../src/control/controllers/controller.ts';
import { EventRecorder } from '../../../src/control/events/event-recorder.ts';
import { SharedInformers } from '../../../src/control/informer/shared-informers.ts';
import { startSingleMaster } from '../../store/single-master.ts';
import { startLaggingPlane } from './lagging-plane.ts';
import { PodSim } from './pod-sim.ts';
import { eventsFor, isReady, livePods, namespace, replicaSet, replicationController, setReplicas, sleep, until } from './workload-fixtures.ts';

describe('replica managers', () => {
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

  const rsStatus = async (resource: string, ns: string, name: string) => (await client.get(resource, ns, name)).status ?? {};

  for (const kind of ['replicasets', 'replicationcontrollers'] as const) {
    const make = kind === 'replicasets' ? replicaSet : replicationController;
    const short = kind === 'replicasets' ? 'rs' : 'rc';

    it(`${short}: reaches its replicas, reports them, and replaces a deleted pod`, async () => {
      const ns = await namespace(client, `${short}-basic`);
      const owner = await client.create(kind, ns, make('web', 3, { app: 'web' }));
      await until(
        async () => {
          const st = await rsStatus(kind, ns, 'web');
          return st.replicas === 3 && st.readyReplicas === 3 && st.availableReplicas === 3 && st.fullyLabeledReplicas === 3 && st.observedGeneration === 1;
        },
        10_000,
        async () => JSON.stringify(await rsStatus(kind, ns, 'web')),
      );
      const pods = await livePods(client, ns);
      expect(pods).toHaveLength(3);
      for (const p of pods) {
        expect(p.metadata.name.startsWith('web-')).toBe(true);
        expect(p.metadata.labels).toEqual({ app: 'web' });
        expect(p.metadata.ownerReferences).toEqual([{ apiVersion: owner.apiVersion, kind: owner.kind, name: 'web', uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      }
      const events = await eventsFor(client, ns, 'web');
      expect(events.filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(3);

      // A pod deleted is replaced; its replacement is new.
      const victim = pods[0];
      await client.delete('pods', ns, victim.metadata.name);
      await until(
        async () => {
          const live = await livePods(client, ns);
          return live.length === 3 && !live.some((p) => p.metadata.uid === victim.metadata.uid) && live.every(isReady);
        },
        10_000,
        async () => JSON.stringify((await livePods(client, ns)).map((p) => p.metadata.name)),
      );
      // Scale to zero and back.
      await setReplicas(client, kind, ns, 'web', 0);
      await until(async () => (await livePods(client, ns)).length === 0 && (await rsStatus(kind, ns, 'web')).replicas === 0, 10_000, () => 'not scaled to 0');
      await setReplicas(client, kind, ns, 'web', 2);
      await until(async () => (await rsStatus(kind, ns, 'web')).readyReplicas === 2, 10_000, () => 'not scaled back to 2');
      expect(await livePods(client, ns)).toHaveLength(2);
    });

    it(`${short}: adopts a matching orphan and releases a pod relabelled out of its selector`, async () => {
      const ns = await namespace(client, `${short}-adopt`);
      const orphan = await client.create('pods', ns, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'db' } }, spec: { containers: [{ name: 'app', image: 'img:a' }] } });
      const owner = await client.create(kind, ns, make('db', 2, { app: 'db' }));
      await until(async () => (await rsStatus(kind, ns, 'db')).readyReplicas === 2, 10_000, async () => JSON.stringify(await rsStatus(kind, ns, 'db')));
      const adopted = await client.get('pods', ns, 'stray');
      expect(adopted.metadata.uid).toBe(orphan.metadata.uid);
      expect(adopted.metadata.ownerReferences?.[0]).toMatchObject({ uid: owner.metadata.uid, controller: true });
      // It counted: only one more pod was made.
      expect(await livePods(client, ns)).toHaveLength(2);

      await client.patch('pods', ns, 'stray', { metadata: { labels: { app: 'other' } } });
      await until(
        async () => {
          const p = await client.get('pods', ns, 'stray');
          return !(p.metadata.ownerReferences ?? []).length && (await livePods(client, ns, 'app=db')).length === 2;
        },
        10_000,
        async () => JSON.stringify((await client.get('pods', ns, 'stray')).metadata),
      );
      expect((await client.get('pods', ns, 'stray')).metadata.deletionTimestamp).toBeUndefined();
    });
  }

  it('rs: scales down unscheduled pods first, then not-ready ones, keeping the ready', async () => {
    const ns = await namespace(client, 'rs-down');
    await client.create('replicasets', ns, replicaSet('api', 3, { app: 'api' }));
    await until(async () => (await rsStatus('replicasets', ns, 'api')).readyReplicas === 3, 10_000, () => 'no 3 ready');
    const keep = new Set((await livePods(client, ns)).map((p) => p.metadata.name));

    sim.ready = () => false;
    await setReplicas(client, 'replicasets', ns, 'api', 5);
    await until(async () => (await livePods(client, ns)).filter((p) => p.status?.phase === 'Running').length === 5, 10_000, () => 'no 5 running');
    sim.bind = false;
    await setReplicas(client, 'replicasets', ns, 'api', 7);
    await until(async () => (await rsStatus('replicasets', ns, 'api')).replicas === 7, 10_000, () => 'no 7');
    const unscheduled = (await livePods(client, ns)).filter((p) => !p.spec.nodeName).map((p) => p.metadata.name);
    expect(unscheduled).toHaveLength(2);

    // Down by two: the unscheduled go, and nothing else.
    await setReplicas(client, 'replicasets', ns, 'api', 5);
    await until(async () => (await rsStatus('replicasets', ns, 'api')).replicas === 5, 10_000, () => 'not down to 5');
    const after5 = (await livePods(client, ns)).map((p) => p.metadata.name);
    for (const n of unscheduled) expect(after5).not.toContain(n);
    // Down by two more: the not-ready go; the three ready ones stay.
    await setReplicas(client, 'replicasets', ns, 'api', 3);
    await until(async () => (await rsStatus('replicasets', ns, 'api')).replicas === 3, 10_000, () => 'not down to 3');
    const left = await livePods(client, ns);
    expect(new Set(left.map((p) => p.metadata.name))).toEqual(keep);
    expect(left.every(isReady)).toBe(true);
    const deleted = (await eventsFor(client, ns, 'api')).filter((e) => e.reason === 'SuccessfulDelete');
    expect(deleted.length).toBe(4);
    sim.ready = () => true;
    sim.bind = true;
    sim.poke();
  });

  it('rs: a pod it cannot create is reported in a ReplicaFailure condition', async () => {
    const ns = await namespace(client, 'rs-fail');
    await client.create('replicasets', ns, replicaSet('doomed', 0, { app: 'doomed' }));
    await until(async () => (await rsStatus('replicasets', ns, 'doomed')).observedGeneration === 1, 10_000, () => 'not observed');
    // A terminating namespace refuses new pods (no namespace controller runs here to finish it).
    await client.delete('namespaces', '', ns);
    await setReplicas(client, 'replicasets', ns, 'doomed', 2);
    await until(
      async () => (await rsStatus('replicasets', ns, 'doomed')).conditions?.some((c: Obj) => c.type === 'ReplicaFailure' && c.reason === 'FailedCreate') ?? false,
      10_000,
      async () => JSON.stringify(await rsStatus('replicasets', ns, 'doomed')),
    );
    // (The FailedCreate event cannot be stored: the namespace refuses events too.)
    expect(await livePods(client, ns)).toHaveLength(0);
  });
});

describe('replica manager with a lagging pod informer', () => {
  it('never creates more than replicas while its cache has not seen its own creations', async () => {
    const plane = await startLaggingPlane([new ReplicaSetController()], ['pods', 'replicasets'], { pods: 700 });
    const direct = plane.client;
    const created = new Set<string>();
    const watch = direct.watch('pods', 'default', {}, (type, pod) => {
      if (type === 'ADDED') created.add(pod.metadata.name);
    });
    try {
      await direct.create('replicasets', 'default', replicaSet('lag', 5, { app: 'lag' }));
      // Poke the ReplicaSet over and over while the pod watch is behind: each change is a
      // reconcile that, without expectations, would count 0 pods and create 5 more.
      for (let i = 0; i < 8; i++) {
        await sleep(100);
        await direct.patch('replicasets', 'default', 'lag', { metadata: { annotations: { poke: String(i) } } });
      }
      await until(async () => (await direct.get('replicasets', 'default', 'lag')).status?.replicas === 5, 15_000, () => `created ${created.size}`);
      await sleep(1000);
      expect(created.size).toBe(5);
      expect((await direct.list('pods', 'default', { labelSelector: 'app=lag' })).items).toHaveLength(5);
    } finally {
      watch.cancel();
      await plane.stop();
    }
  });
});

describe('replica manager across terms of leadership', () => {
  it('stopped, it does nothing; started again, it hears everything afresh and converges once', async () => {
    const master = await startSingleMaster(['--controllers=false']);
    const logger = pino({ level: 'silent' });
    const client = new LocalResourceClient(master.master.api);
    const informers = new SharedInformers(client, logger);
    const sim = new PodSim(client);
    sim.start();
    const ctl = new ReplicaSetController();
    const ctx = { client, informers, events: new EventRecorder(client, 'test', logger), logger, config: DEFAULT_CONTROLLER_CONFIG, now: Date.now };
    const created = new Set<string>();
    const watch = client.watch('pods', 'default', {}, (type, pod) => {
      if (type === 'ADDED') created.add(pod.metadata.name);
    });
    try {
      await until(async () => !!(await client.get('namespaces', '', 'default').catch(() => undefined)), 10_000, () => 'no default namespace');
      await informers.waitForSync(['pods', 'replicasets']);
      ctl.start(ctx);
      await client.create('replicasets', 'default', replicaSet('terms', 2, { app: 'terms' }));
      await until(async () => (await client.get('replicasets', 'default', 'terms')).status?.readyReplicas === 2, 10_000, () => 'first term never converged');
      ctl.stop();
      await setReplicas(client, 'replicasets', 'default', 'terms', 4);
      await sleep(300);
      expect(created.size).toBe(2);
      ctl.start(ctx);
      await until(async () => (await client.get('replicasets', 'default', 'terms')).status?.readyReplicas === 4, 10_000, () => 'second term never converged');
      await sleep(300);
      expect(created.size).toBe(4);
      ctl.stop();
    } finally {
      watch.cancel();
      sim.stop();
      informers.stop();
      await master.stop();
    }
  });
});
