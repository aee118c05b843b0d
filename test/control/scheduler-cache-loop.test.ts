// The scheduler loop's node cache and sampled cycles on a real master: with more nodes than one
// cycle examines, a burst fills every node exactly to capacity (no overcommit from assumed
// placements, every node reached by the round-robin start), and room freed by a deleted pod is
// seen at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obj } from '../../src/control/client/resource-client.ts';
import { Scheduler } from '../../src/control/scheduler/scheduler.ts';
import { waitFor } from '../cli/harness.ts';
import { startControlPlane, type ControlHarness } from './control-harness.ts';

const NODES = 150; // above 100: cycles stop after 100 feasible nodes

const nodeObj = (name: string): Obj => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: {},
  status: { capacity: { cpu: '1', memory: '4Gi', pods: '10' }, allocatable: { cpu: '1', memory: '4Gi', pods: '10' }, conditions: [{ type: 'Ready', status: 'True' }] },
});

const podObj = (ns: string, name: string, cpu: string): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu, memory: '16Mi' } } }] },
});

describe('scheduler loop with the node cache', () => {
  let h: ControlHarness;
  let scheduler: Scheduler;

  beforeAll(async () => {
    scheduler = new Scheduler();
    h = await startControlPlane([scheduler], ['pods', 'nodes'], {}, 'shoal-scheduler');
    for (let i = 0; i < NODES; i++) await h.client.create('nodes', '', nodeObj(`c${String(i).padStart(3, '0')}`));
    await waitFor(async () => (h.informers.get('nodes').list().length === NODES ? true : undefined), 10_000, () => 'nodes not seen');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('a burst of exactly what fits lands two per node: none overcommitted, none left out', async () => {
    await h.client.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fill' } });
    const names = Array.from({ length: 2 * NODES }, (_, i) => `f-${i}`);
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let i = w; i < names.length; i += 16) await h.client.create('pods', 'fill', podObj('fill', names[i], '500m'));
      }),
    );
    const pods = await waitFor(
      async () => {
        const items = (await h.client.list('pods', 'fill')).items;
        return items.length === names.length && items.every((p) => p.spec.nodeName) ? items : undefined;
      },
      30_000,
      () => 'not every pod bound',
    );
    const perNode = new Map<string, number>();
    for (const p of pods) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    expect(perNode.size).toBe(NODES);
    expect(new Set(perNode.values())).toEqual(new Set([2]));
    expect(scheduler.stats.nodesExamined / scheduler.stats.cycles).toBeLessThan(NODES);

    // One more does not fit anywhere...
    await h.client.create('pods', 'fill', podObj('fill', 'extra', '500m'));
    const cond = await waitFor(
      async () => (await h.client.get('pods', 'fill', 'extra')).status?.conditions?.find((c: Obj) => c.type === 'PodScheduled' && c.status === 'False'),
      10_000,
      () => 'no PodScheduled=False',
    );
    expect(cond.message).toBe(`0/${NODES} nodes are available: ${NODES} Insufficient cpu.`);
    await h.client.delete('pods', 'fill', 'extra', { gracePeriodSeconds: 0 });
    // When a pod goes, the next one takes its room (the cache drops the deleted pod at once).
    const victim = pods[17];
    await h.client.delete('pods', 'fill', victim.metadata.name, { gracePeriodSeconds: 0 });
    await waitFor(async () => (await h.client.get('pods', 'fill', victim.metadata.name).catch(() => undefined)) === undefined || undefined, 10_000, () => 'victim not gone');
    await h.client.create('pods', 'fill', podObj('fill', 'next', '500m'));
    const bound = await waitFor(async () => (await h.client.get('pods', 'fill', 'next')).spec.nodeName as string | undefined, 10_000, () => 'next not bound');
    expect(bound).toBe(victim.spec.nodeName);
  });
});
