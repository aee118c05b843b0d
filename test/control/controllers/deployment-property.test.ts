// A property of the Deployment controller (fast-check): after any sequence of scale, image
// change, pause and resume operations (applied with random pauses in between, so that they
// land mid-rollout), the deployment converges to exactly spec.replicas ready pods of the final
// template in one ReplicaSet; and at every pod watch event on the way, the pods that are not
// terminating never exceed the largest replicas asked for plus maxSurge, and the ready ones
// never fall below the smallest replicas asked for minus maxUnavailable. Run once with the
// controllers' caches in step with the registry, once with them lagging.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obj, ResourceClient } from '../../../src/control/client/resource-client.ts';
import { equalIgnoreHash } from '../../../src/control/controllers/deployment-util.ts';
import { WORKLOAD_RESOURCES, workloadControllers } from '../../../src/control/controllers/workloads.ts';
import { startControlPlane } from '../control-harness.ts';
import { startLaggingPlane } from './lagging-plane.ts';
import { PodSim } from './pod-sim.ts';
import { PodWatchChecker } from './workload-checker.ts';
import { deployment, imageOf, isReady, isTerminating, livePods, namespace, sleep, until } from './workload-fixtures.ts';

type Op = { op: 'scale'; n: number; waitMs: number } | { op: 'image'; image: string; waitMs: number } | { op: 'pause'; waitMs: number } | { op: 'resume'; waitMs: number };

const waitMs = fc.integer({ min: 0, max: 250 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('scale' as const), n: fc.integer({ min: 0, max: 5 }), waitMs }),
  fc.record({ op: fc.constant('image' as const), image: fc.constantFrom('img:a', 'img:b', 'img:c'), waitMs }),
  fc.record({ op: fc.constant('pause' as const), waitMs }),
  fc.record({ op: fc.constant('resume' as const), waitMs }),
);
const strategyArb = fc.constantFrom({ surge: 1, unavailable: 0 }, { surge: 0, unavailable: 1 }, { surge: 1, unavailable: 1 }, { surge: 2, unavailable: 1 });

const PLANES = [
  { label: 'caches in step', lags: undefined, runs: 15 },
  // Pods seen 60 ms late and ReplicaSets 25 ms late by every controller: their caches
  // disagree with each other and with the registry.
  { label: 'caches lagging', lags: { pods: 60, replicasets: 25 }, runs: 10 },
];

describe.each(PLANES)('deployment controller property ($label)', ({ lags, runs }) => {
  let plane: { client: ResourceClient; stop(): Promise<void> };
  let client: ResourceClient;
  let sim: PodSim;
  let run = 0;

  beforeAll(async () => {
    plane = lags ? await startLaggingPlane(workloadControllers(), WORKLOAD_RESOURCES, lags) : await startControlPlane(workloadControllers(), WORKLOAD_RESOURCES);
    client = plane.client;
    sim = new PodSim(client, { startDelayMs: 5, jitterMs: 40 });
    sim.start();
  });
  afterAll(async () => {
    sim?.stop();
    await plane?.stop();
  });

  it('converges to spec.replicas ready pods of the final template, within bounds all the way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), strategyArb, fc.array(opArb, { minLength: 1, maxLength: 6 }), async (initial, strat, ops) => {
        const ns = await namespace(client, `prop-${run++}`);
        const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: strat.surge, maxUnavailable: strat.unavailable } };
        await client.create('deployments', ns, deployment('app', initial, { app: 'app' }, 'img:a', { strategy }));
        const converged = async (): Promise<boolean> => {
          const d = await client.get('deployments', ns, 'app');
          const want = d.spec.replicas;
          const pods = await livePods(client, ns);
          const image = d.spec.template.spec.containers[0].image;
          return d.status?.observedGeneration === d.metadata.generation && d.status?.updatedReplicas === want && d.status?.availableReplicas === want && pods.length === want && pods.every((p) => isReady(p) && imageOf(p) === image);
        };
        const explain = async () => {
          const d = await client.get('deployments', ns, 'app');
          const rss = (await client.list('replicasets', ns)).items.map((rs) => `${rs.metadata.name}:${rs.spec.replicas}:${JSON.stringify(rs.status)}`);
          const pods = (await client.list('pods', ns)).items.map((p) => `${p.metadata.name}:${imageOf(p)}:${isReady(p)}:${isTerminating(p)}`);
          return ` ops=${JSON.stringify(ops)} spec=${JSON.stringify(d.spec.replicas)} paused=${d.spec.paused} status=${JSON.stringify(d.status)} rs=${rss.join(' ')} pods=${pods.join(',')}`;
        };
        await until(converged, 10_000, explain);

        let maxEver = initial;
        let minEver = initial;
        const checker = new PodWatchChecker(client, ns, (pods) => {
          const live = pods.filter((p) => !isTerminating(p));
          const ready = live.filter(isReady).length;
          if (live.length > maxEver + strat.surge) return `${live.length} pods > ${maxEver} + ${strat.surge}`;
          if (ready < minEver - strat.unavailable) return `${ready} ready < ${minEver} - ${strat.unavailable}`;
          return undefined;
        });
        await checker.start();
        try {
          for (const o of ops) {
            if (o.op === 'scale') {
              maxEver = Math.max(maxEver, o.n);
              minEver = Math.min(minEver, o.n);
              await client.patch('deployments', ns, 'app', { spec: { replicas: o.n } });
            } else if (o.op === 'image') {
              await client.patch('deployments', ns, 'app', { spec: { template: { spec: { containers: [{ name: 'app', image: o.image }] } } } });
            } else {
              await client.patch('deployments', ns, 'app', { spec: { paused: o.op === 'pause' } });
            }
            await sleep(o.waitMs);
          }
          await client.patch('deployments', ns, 'app', { spec: { paused: false } });
          await until(converged, 20_000, explain);
          await sleep(100);
        } finally {
          checker.stop();
        }
        expect(checker.violations, await explain()).toEqual([]);
        // One ReplicaSet holds every replica, and it has the final template.
        const d = await client.get('deployments', ns, 'app');
        const active = (await client.list('replicasets', ns)).items.filter((rs: Obj) => rs.spec.replicas > 0);
        if (d.spec.replicas > 0) {
          expect(active).toHaveLength(1);
          expect(equalIgnoreHash(active[0].spec.template, d.spec.template)).toBe(true);
        } else expect(active).toHaveLength(0);
        await client.delete('namespaces', '', ns).catch(() => undefined);
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? runs), endOnFailure: true },
    );
  }, 240_000);
});
