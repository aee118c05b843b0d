import { describe, expect, it } from 'vitest';
import { defaultAlgorithm } from '../../../src/control/scheduler/algorithm.ts';
import { buildNodeInfos, isTerminalPod, needsScheduling, withPodOn } from '../../../src/control/scheduler/node-info.ts';
import { node, pod } from './fixtures.ts';

describe('loop helpers', () => {
  it('needsScheduling: unbound, this scheduler, no gates, not finished or deleting', () => {
    expect(needsScheduling(pod('p'))).toBe(true);
    expect(needsScheduling(pod('p', { nodeName: 'a' }))).toBe(false);
    const other = pod('p');
    other.spec.schedulerName = 'custom';
    expect(needsScheduling(other)).toBe(false);
    expect(needsScheduling(other, 'custom')).toBe(true);
    const gated = pod('p');
    gated.spec.schedulingGates = [{ name: 'wait' }];
    expect(needsScheduling(gated)).toBe(false);
    const done = { ...pod('p'), status: { phase: 'Succeeded' } };
    expect(isTerminalPod(done)).toBe(true);
    expect(needsScheduling(done)).toBe(false);
    const deleting = pod('p');
    deleting.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    expect(needsScheduling(deleting)).toBe(false);
  });

  it('buildNodeInfos groups bound, unfinished pods by node', () => {
    const nodes = [node('a'), node('b')];
    const pods = [
      pod('x', { nodeName: 'a' }),
      { ...pod('y', { nodeName: 'a' }), status: { phase: 'Failed' } },
      pod('z', { nodeName: 'b' }),
      pod('w', { nodeName: 'gone' }),
      pod('pending'),
    ];
    const infos = buildNodeInfos(nodes, pods);
    expect(infos.map((i) => [i.node.metadata.name, i.pods.map((p) => p.metadata.name)])).toEqual([
      ['a', ['x']],
      ['b', ['z']],
    ]);
  });

  it('withPodOn assumes a placement without touching the input', () => {
    const infos = buildNodeInfos([node('a', { cpu: '1' }), node('b', { cpu: '1' })], []);
    const p = pod('p', { cpu: '1' });
    const r = defaultAlgorithm({ tieBreak: 'name' }).schedule(p, infos);
    expect(r).toMatchObject({ ok: true, node: 'a' });
    const next = withPodOn(infos, 'a', p);
    expect(infos[0].pods).toHaveLength(0);
    expect(next[0].pods[0].spec.nodeName).toBe('a');
    expect(next[1]).toBe(infos[1]);
    expect(defaultAlgorithm().schedule(pod('q', { cpu: '1' }), next)).toMatchObject({ ok: true, node: 'b' });
    expect(defaultAlgorithm().schedule(pod('q', { cpu: '1' }), withPodOn(next, 'b', pod('q', { cpu: '1' })))).toMatchObject({
      ok: false,
      message: '0/2 nodes are available: 2 Insufficient cpu.',
    });
  });
});
