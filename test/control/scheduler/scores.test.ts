import { describe, expect, it } from 'vitest';
import {
  CycleState,
  defaultAlgorithm,
  FrameworkAlgorithm,
  type NodeInfo,
  type Obj,
  type ScorePlugin,
} from '../../../src/control/scheduler/algorithm.ts';
import { balancedAllocationScore, balancedScore } from '../../../src/control/scheduler/scores/balanced-allocation.ts';
import { leastAllocatedScore, leastRequestedScore } from '../../../src/control/scheduler/scores/least-allocated.ts';
import { nodeAffinityScore } from '../../../src/control/scheduler/scores/node-affinity.ts';
import { normalize } from '../../../src/control/scheduler/scores/normalize.ts';
import { selectorSpreadScore } from '../../../src/control/scheduler/scores/selector-spread.ts';
import { taintTolerationScore } from '../../../src/control/scheduler/scores/taint-toleration.ts';
import { affinityRequired, expr, info, node, pod } from './fixtures.ts';

/** One plugin's score for every node, by name. */
function scoresOf(plugin: ScorePlugin, p: Obj, infos: NodeInfo[]): Record<string, number> {
  const ctx = new CycleState();
  return Object.fromEntries(infos.map((i) => [i.node.metadata.name, plugin.score(p, i, infos, ctx)]));
}

/** Schedules the pods one after another, adding each to its node; returns pods per node. */
function placeAll(pods: Obj[], infos: NodeInfo[], algo = defaultAlgorithm()): Record<string, number> {
  for (const p of pods) {
    const r = algo.schedule(p, infos);
    if (!r.ok) throw new Error(r.message);
    infos = infos.map((i) => (i.node.metadata.name === r.node ? info(i.node, [...i.pods, p]) : i));
  }
  return Object.fromEntries(infos.map((i) => [i.node.metadata.name, i.pods.length]));
}

describe('NodeResourcesLeastAllocated', () => {
  const nodes = [
    info(node('busy'), [pod('a', { cpu: '3', memory: '6Gi' })]),
    info(node('empty')),
    info(node('half'), [pod('b', { cpu: '2', memory: '4Gi' })]),
  ];

  it('scores the room left after adding the pod, cpu and memory averaged', () => {
    const s = scoresOf(leastAllocatedScore, pod('p', { cpu: '500m', memory: '512Mi' }), nodes);
    // empty: cpu (4000-500)/4000 = 87, memory (8192-512)/8192 = 93 -> 90
    expect(s).toEqual({ busy: 15, empty: 90, half: 40 });
    expect(leastRequestedScore(5, 4)).toBe(0);
    expect(leastRequestedScore(1, 0)).toBe(0);
  });

  it('the default algorithm picks the emptier node', () => {
    const r = defaultAlgorithm().schedule(pod('p', { cpu: '500m', memory: '512Mi' }), nodes);
    expect(r).toMatchObject({ ok: true, node: 'empty' });
    const r2 = defaultAlgorithm().schedule(pod('p', { cpu: '500m', memory: '512Mi' }), [nodes[0], nodes[2]]);
    expect(r2).toMatchObject({ ok: true, node: 'half' });
  });

  it('a bigger node with the same usage is emptier', () => {
    const nodes2 = [info(node('small', { cpu: '2', memory: '4Gi' }), [pod('x', { cpu: '1', memory: '1Gi' })]), info(node('large', { cpu: '16', memory: '64Gi' }), [pod('y', { cpu: '1', memory: '1Gi' })])];
    expect(defaultAlgorithm().schedule(pod('p', { cpu: '100m' }), nodes2)).toMatchObject({ ok: true, node: 'large' });
  });

  it('counts 100m / 200Mi for pods without requests, so request-less pods spread too', () => {
    const crowded = info(node('crowded'), [pod('a'), pod('b'), pod('c'), pod('d')]);
    const quiet = info(node('quiet'), [pod('e')]);
    const s = scoresOf(leastAllocatedScore, pod('p'), [crowded, quiet]);
    expect(s.quiet).toBeGreaterThan(s.crowded);
    const only = new FrameworkAlgorithm({ name: 'la', filters: [], scores: [leastAllocatedScore] });
    expect(only.schedule(pod('p'), [crowded, quiet])).toMatchObject({ ok: true, node: 'quiet' });
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('is (1 - |cpuFraction - memFraction| / 2) * 100', () => {
    expect(balancedScore([0.5, 0.5])).toBe(100);
    expect(balancedScore([1, 0])).toBe(50);
    expect(balancedScore([0.75, 0.25])).toBe(75);
    expect(balancedScore([0.3])).toBe(100);
  });

  it('prefers the node whose cpu and memory stay in proportion', () => {
    // cpuheavy: 3/4 cpu, 1/8 memory used; even: 1/4 cpu, 2/8 memory. The pod asks 1 cpu, 1Gi.
    const cpuheavy = info(node('cpuheavy'), [pod('a', { cpu: '3', memory: '1Gi' })]);
    const even = info(node('even'), [pod('b', { cpu: '1', memory: '2Gi' })]);
    const s = scoresOf(balancedAllocationScore, pod('p', { cpu: '1', memory: '1Gi' }), [cpuheavy, even]);
    expect(s).toEqual({ cpuheavy: 62, even: 93 }); // |1 - 0.25|/2 = 0.375; |0.5 - 0.375|/2 = 0.0625
  });
});

describe('SelectorSpread', () => {
  const equal3 = () => [info(node('n1')), info(node('n2')), info(node('n3'))];

  it('6 replicas of one owner on 3 equal nodes end up 2/2/2', () => {
    const pods = Array.from({ length: 6 }, (_, i) => pod(`web-${i}`, { owner: 'web', cpu: '100m', memory: '128Mi' }));
    expect(placeAll(pods, equal3())).toEqual({ n1: 2, n2: 2, n3: 2 });
    expect(placeAll(pods, equal3(), defaultAlgorithm({ tieBreak: 'name' }))).toEqual({ n1: 2, n2: 2, n3: 2 });
  });

  it('spreads away from nodes that already hold pods of the same owner, not of other owners', () => {
    const nodes = [
      info(node('a'), [pod('web-0', { owner: 'web' }), pod('web-1', { owner: 'web' })]),
      info(node('b'), [pod('web-2', { owner: 'web' }), pod('db-0', { owner: 'db' }), pod('db-1', { owner: 'db' })]),
      info(node('c'), [pod('web-3', { owner: 'web' }), pod('web-4', { owner: 'web' }), pod('web-5', { owner: 'web' })]),
    ];
    expect(scoresOf(selectorSpreadScore, pod('web-6', { owner: 'web' }), nodes)).toEqual({ a: 33, b: 66, c: 0 });
    expect(defaultAlgorithm().schedule(pod('web-6', { owner: 'web' }), nodes)).toMatchObject({ ok: true, node: 'b' });
    expect(scoresOf(selectorSpreadScore, pod('db-2', { owner: 'db' }), nodes)).toEqual({ a: 100, b: 0, c: 100 });
  });

  it('a pod without owner spreads from pods with the same labels in its namespace', () => {
    const nodes = [
      info(node('a'), [pod('x', { labels: { app: 'solo' } }), pod('y', { labels: { app: 'solo' }, namespace: 'other' })]),
      info(node('b'), [pod('z', { labels: { app: 'solo' }, namespace: 'other' }), pod('w', { labels: { app: 'solo', v: '2' } })]),
    ];
    expect(scoresOf(selectorSpreadScore, pod('p', { labels: { app: 'solo' } }), nodes)).toEqual({ a: 0, b: 100 });
    expect(scoresOf(selectorSpreadScore, pod('p'), nodes)).toEqual({ a: 0, b: 0 }); // no group: no preference
  });

  it('ignores pods being deleted', () => {
    const gone = { ...pod('web-0', { owner: 'web' }), metadata: { ...pod('web-0', { owner: 'web' }).metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } };
    const nodes = [info(node('a'), [gone]), info(node('b'))];
    expect(scoresOf(selectorSpreadScore, pod('web-1', { owner: 'web' }), nodes)).toEqual({ a: 100, b: 100 });
  });

  it('weighs zones 2/3: 4 replicas over zones {a, b} and {c} put 2 on c', () => {
    const z = (zone: string) => ({ 'topology.kubernetes.io/region': 'r1', 'topology.kubernetes.io/zone': zone });
    const nodes = [info(node('a', { labels: z('z1') })), info(node('b', { labels: z('z1') })), info(node('c', { labels: z('z2') }))];
    const pods = Array.from({ length: 4 }, (_, i) => pod(`api-${i}`, { owner: 'api', cpu: '100m' }));
    expect(placeAll(pods, nodes)).toEqual({ a: 1, b: 1, c: 2 });
  });
});

describe('NodeAffinity (preferred)', () => {
  const nodes = [
    info(node('ssd-z1', { labels: { disk: 'ssd', zone: 'z1' } })),
    info(node('ssd-z2', { labels: { disk: 'ssd', zone: 'z2' } })),
    info(node('hdd-z1', { labels: { disk: 'hdd', zone: 'z1' } })),
  ];
  const preferring = (terms: [number, Obj[]][], extra: Obj = {}) =>
    pod('p', {
      affinity: {
        ...extra,
        nodeAffinity: {
          ...(extra.nodeAffinity ?? {}),
          preferredDuringSchedulingIgnoredDuringExecution: terms.map(([weight, exprs]) => ({ weight, preference: { matchExpressions: exprs } })),
        },
      },
    });

  it('sums the weights of matching terms and scales the best to 100', () => {
    const p = preferring([
      [80, [expr('zone', 'In', ['z1'])]],
      [20, [expr('disk', 'In', ['ssd'])]],
    ]);
    expect(scoresOf(nodeAffinityScore, p, nodes)).toEqual({ 'ssd-z1': 100, 'ssd-z2': 20, 'hdd-z1': 80 });
    expect(defaultAlgorithm().schedule(p, nodes)).toMatchObject({ ok: true, node: 'ssd-z1' });
  });

  it('outweighs a moderate resource difference, and gives all 0 when nothing matches', () => {
    const loaded = [info(nodes[0].node, [pod('x', { cpu: '1', memory: '2Gi' })]), nodes[1], nodes[2]];
    const p = preferring([[100, [expr('zone', 'In', ['z1']), expr('disk', 'In', ['ssd'])]]]);
    expect(defaultAlgorithm().schedule(p, loaded)).toMatchObject({ ok: true, node: 'ssd-z1' });
    expect(scoresOf(nodeAffinityScore, preferring([[50, [expr('zone', 'In', ['z9'])]]]), nodes)).toEqual({ 'ssd-z1': 0, 'ssd-z2': 0, 'hdd-z1': 0 });
  });

  it('never overrides the required terms', () => {
    const p = preferring([[100, [expr('zone', 'In', ['z1'])]]], affinityRequired({ matchExpressions: [expr('zone', 'In', ['z2'])] }));
    expect(defaultAlgorithm().schedule(p, nodes)).toMatchObject({ ok: true, node: 'ssd-z2' });
  });
});

describe('TaintToleration (PreferNoSchedule)', () => {
  const soft = (key: string) => ({ key, value: 'true', effect: 'PreferNoSchedule' });
  const nodes = [info(node('spot', { taints: [soft('spot')] })), info(node('plain')), info(node('worse', { taints: [soft('spot'), soft('old')] }))];

  it('fewer untolerated PreferNoSchedule taints score higher', () => {
    expect(scoresOf(taintTolerationScore, pod('p'), nodes)).toEqual({ spot: 50, plain: 100, worse: 0 });
    expect(defaultAlgorithm().schedule(pod('p'), nodes)).toMatchObject({ ok: true, node: 'plain' });
    expect(defaultAlgorithm().schedule(pod('p'), [nodes[0], nodes[2]])).toMatchObject({ ok: true, node: 'spot' });
  });

  it('tolerated ones do not count; NoSchedule-only tolerations do not help', () => {
    const tol = pod('p', { tolerations: [{ key: 'spot', operator: 'Exists' }] });
    expect(scoresOf(taintTolerationScore, tol, nodes)).toEqual({ spot: 100, plain: 100, worse: 0 });
    const ns = pod('p', { tolerations: [{ key: 'spot', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(scoresOf(taintTolerationScore, ns, nodes)).toEqual({ spot: 50, plain: 100, worse: 0 });
  });

  it('a soft taint does not keep a pod off a node when nothing else fits', () => {
    const full = info(node('plain', { cpu: '1' }), [pod('x', { cpu: '1' })]);
    expect(defaultAlgorithm().schedule(pod('p', { cpu: '500m' }), [nodes[0], full])).toMatchObject({ ok: true, node: 'spot' });
  });
});

describe('normalize', () => {
  it('scales to 100 and reverses', () => {
    const m = new Map([['a', 1], ['b', 3], ['c', 0]]);
    expect(Object.fromEntries(normalize(m, false))).toEqual({ a: 33, b: 100, c: 0 });
    expect(Object.fromEntries(normalize(m, true))).toEqual({ a: 67, b: 0, c: 100 });
    expect(Object.fromEntries(normalize(new Map([['a', 0]]), true))).toEqual({ a: 100 });
  });
});
