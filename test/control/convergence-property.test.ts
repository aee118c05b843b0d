// Property: whatever sequence of scale changes, image updates, node losses and node returns a
// Deployment goes through, the whole control plane (scheduler and every controller, on a real
// master, with hollow nodes) brings it back to exactly the declared state: spec.replicas
// Ready pods, all of the last template, none on a dead node. fast-check picks the sequences
// (seeded; a failing seed is printed by fast-check and can be replayed).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obj } from '../../src/control/client/resource-client.ts';
import { allControllers } from '../../src/control/controllers/all.ts';
import { Scheduler } from '../../src/control/scheduler/scheduler.ts';
import { waitFor } from '../cli/harness.ts';
import { startControlPlane, type ControlHarness } from './control-harness.ts';
import { HollowNodes } from './hollow-nodes.ts';

type Op = { kind: 'scale'; replicas: number } | { kind: 'image'; tag: number } | { kind: 'lose'; node: number } | { kind: 'return'; node: number };

const NODES = ['p1', 'p2', 'p3'];

describe('a deployment converges after any sequence of changes and node losses', () => {
  let h: ControlHarness;
  let nodes: HollowNodes;

  beforeAll(async () => {
    const { controllers, resources } = allControllers();
    h = await startControlPlane([new Scheduler(), ...controllers], [...resources, 'nodes']);
    nodes = new HollowNodes(h.client, NODES);
    await nodes.start();
  });
  afterAll(async () => {
    nodes.stop();
    await h.stop();
  });

  it('converges (fast-check)', async () => {
    let run = 0;
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('image' as const), tag: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('lose' as const), node: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ kind: fc.constant('return' as const), node: fc.integer({ min: 0, max: 2 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 5 }), async (ops) => {
        const name = `conv-${run++}`;
        const dead = new Set<string>();
        let replicas = 3;
        let tag = 1;
        await h.client.create('deployments', 'default', {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name },
          spec: {
            replicas,
            selector: { matchLabels: { app: name } },
            template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: `img:${tag}`, resources: { requests: { cpu: '10m' } } }] } },
          },
        });
        for (const o of ops) {
          if (o.kind === 'scale') {
            replicas = o.replicas;
            await h.client.patch('deployments', 'default', name, { spec: { replicas } }, { subresource: 'scale' });
          } else if (o.kind === 'image') {
            tag = o.tag;
            await h.client.patch('deployments', 'default', name, { spec: { template: { spec: { containers: [{ name: 'c', image: `img:${tag}`, resources: { requests: { cpu: '10m' } } }] } } } });
          } else if (o.kind === 'lose') {
            // Keep one node alive: with none, nothing can converge (and evictions pause).
            if (dead.size < NODES.length - 1 && !dead.has(NODES[o.node])) {
              dead.add(NODES[o.node]);
              nodes.kill(NODES[o.node]);
            }
          } else if (dead.has(NODES[o.node])) {
            dead.delete(NODES[o.node]);
            await nodes.revive(NODES[o.node]);
          }
          await new Promise((r) => setTimeout(r, 150));
        }
        let last = '';
        await waitFor(
          async () => {
            const pods = (await h.client.list('pods', 'default', { labelSelector: `app=${name}` })).items;
            const live = pods.filter((p: Obj) => !p.metadata.deletionTimestamp);
            const ready = live.filter((p: Obj) => p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True'));
            const ok =
              live.length === replicas &&
              ready.length === replicas &&
              ready.every((p: Obj) => p.spec.containers[0].image === `img:${tag}` && !dead.has(p.spec.nodeName));
            last = `want ${replicas} x img:${tag} (dead: ${[...dead].join(',') || 'none'}); have ${live.map((p: Obj) => `${p.spec.nodeName ?? '-'}/${p.spec.containers[0].image}/${p.status?.phase}`).join(' ')}`;
            return ok ? true : undefined;
          },
          25_000,
          () => `${JSON.stringify(ops)}: ${last}`,
        );
        const d = await h.client.get('deployments', 'default', name);
        await waitFor(async () => {
          const cur = await h.client.get('deployments', 'default', name);
          return cur.status?.observedGeneration >= cur.metadata.generation && (cur.status?.availableReplicas ?? 0) === replicas && (cur.status?.updatedReplicas ?? 0) === replicas ? true : undefined;
        }, 10_000, () => `deployment status never settled: ${JSON.stringify(d.status)}`);
        // Clean up for the next run: every node back, the deployment gone.
        for (const n of dead) await nodes.revive(n);
        await h.client.delete('deployments', 'default', name);
        expect(true).toBe(true);
      }),
      { numRuns: 12, seed: 20261123, endOnFailure: true },
    );
  }, 240_000);
});
