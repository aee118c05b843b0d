import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CycleState,
  defaultAlgorithm,
  defaultFilters,
  defaultScores,
  fitErrorMessage,
  FrameworkAlgorithm,
  type FilterPlugin,
  type NodeInfo,
  type Obj,
  type ScorePlugin,
} from '../../../src/control/scheduler/algorithm.ts';
import { affinityRequired, expr, info, node, pod } from './fixtures.ts';

const clone = <T>(x: T): T => structuredClone(x);

describe('failure message', () => {
  it('counts each reason over the nodes, as Kubernetes words it', () => {
    const nodes = [
      info(node('a', { cpu: '1' })),
      info(node('b', { labels: { disk: 'hdd' } })),
      info(node('c', { unschedulable: true })),
    ];
    const p = pod('p', { cpu: '2', affinity: affinityRequired({ matchExpressions: [expr('disk', 'NotIn', ['hdd'])] }) });
    const r = defaultAlgorithm().schedule(p, nodes);
    expect(r).toEqual({
      ok: false,
      message:
        "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable.",
      reasons: {
        a: ['Insufficient cpu'],
        b: ["node(s) didn't match Pod's node affinity/selector"],
        c: ['node(s) were unschedulable'],
      },
    });
  });

  it('sorts the "<count> <reason>" strings as Go sort.Strings does (the count is part of the key)', () => {
    const nodes = [info(node('a', { cpu: '1' })), info(node('b', { cpu: '1' })), info(node('c', { labels: { disk: 'hdd' } }))];
    const p = pod('p', { cpu: '2', nodeSelector: { 'kubernetes.io/hostname': 'a' } });
    // a: too small; b and c: wrong hostname (affinity runs before resources, the first failing filter decides).
    expect(defaultAlgorithm().schedule(p, nodes)).toMatchObject({
      message: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.",
    });
    const p2 = pod('p', { cpu: '2', nodeSelector: { disk: 'hdd' }, tolerations: [] });
    const nodes2 = [info(node('a', { cpu: '1', labels: { disk: 'hdd' } })), info(node('b', { cpu: '1', labels: { disk: 'hdd' } })), info(node('c'))];
    expect(defaultAlgorithm().schedule(p2, nodes2)).toMatchObject({
      message: "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.",
    });
    expect(fitErrorMessage(12, { ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i}`, ['b reason']])), y0: ['a reason'], y1: ['a reason'] })).toBe(
      '0/12 nodes are available: 10 b reason, 2 a reason.',
    );
  });

  it('counts every reason of a node (a node short of cpu and memory counts twice)', () => {
    const nodes = [info(node('a', { cpu: '1', memory: '1Gi' })), info(node('b', { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }))];
    expect(defaultAlgorithm().schedule(pod('p', { cpu: '2', memory: '2Gi' }), nodes)).toMatchObject({
      message: '0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) had untolerated taint {k: v}.',
    });
  });

  it('with no nodes at all', () => {
    expect(defaultAlgorithm().schedule(pod('p'), [])).toEqual({
      ok: false,
      message: '0/0 nodes are available: no nodes available to schedule pods.',
      reasons: {},
    });
  });
});

describe('FrameworkAlgorithm', () => {
  it('is named and exposes its plugins; the defaults are the documented ones', () => {
    const a = defaultAlgorithm();
    expect(a.name).toBe('default-scheduler');
    expect(a.filters.map((f) => f.name)).toEqual([
      'NodeUnschedulable',
      'NodeReady',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
    ]);
    expect(defaultScores().map((s) => [s.name, s.weight])).toEqual([
      ['TaintToleration', 3],
      ['NodeAffinity', 2],
      ['SelectorSpread', 2],
      ['NodeResourcesLeastAllocated', 1],
      ['NodeResourcesBalancedAllocation', 1],
    ]);
    expect(defaultAlgorithm({ name: 'other' }).name).toBe('other');
  });

  it('returns the weighted totals of the feasible nodes', () => {
    const s1: ScorePlugin = { name: 'byName', weight: 2, score: (_p, i) => (i.node.metadata.name === 'b' ? 50 : 10) };
    const s2: ScorePlugin = { name: 'flat', weight: 1, score: () => 7 };
    const s3: ScorePlugin = { name: 'off', weight: 0, score: () => 100 };
    const noC: FilterPlugin = { name: 'noC', filter: (_p, i) => (i.node.metadata.name === 'c' ? 'not c' : undefined) };
    const a = new FrameworkAlgorithm({ name: 't', filters: [noC], scores: [s1, s2, s3] });
    expect(a.schedule(pod('p'), [info(node('a')), info(node('b')), info(node('c'))])).toEqual({ ok: true, node: 'b', scores: { a: 27, b: 107 } });
  });

  it('a throwing score plugin scores 0, out-of-range scores are clamped', () => {
    const boom: ScorePlugin = { name: 'boom', weight: 5, score: (_p, i) => { if (i.node.metadata.name === 'a') throw new Error('x'); return 1000; } };
    const neg: ScorePlugin = { name: 'neg', weight: 1, score: () => -50 };
    const a = new FrameworkAlgorithm({ name: 't', filters: [], scores: [boom, neg] });
    expect(a.schedule(pod('p'), [info(node('a')), info(node('b'))])).toEqual({ ok: true, node: 'b', scores: { a: 0, b: 500 } });
  });

  it('a throwing filter plugin rejects the node with its message', () => {
    const bad: FilterPlugin = { name: 'Bad', filter: () => { throw new Error('kaput'); } };
    const a = new FrameworkAlgorithm({ name: 't', filters: [bad], scores: [] });
    expect(a.schedule(pod('p'), [info(node('a'))])).toMatchObject({ ok: false, message: '0/1 nodes are available: 1 Bad: kaput.' });
  });

  it("tieBreak 'name' picks the smallest name among equal totals", () => {
    const nodes = [info(node('n3')), info(node('n1')), info(node('n2'))];
    for (let i = 0; i < 10; i++) {
      expect(defaultAlgorithm({ tieBreak: 'name' }).schedule(pod(`p${i}`), nodes)).toMatchObject({ ok: true, node: 'n1' });
    }
  });

  it("tieBreak 'hash' spreads different pods over equal nodes, each pod always to the same one", () => {
    const nodes = Array.from({ length: 5 }, (_, i) => info(node(`n${i}`)));
    const chosen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const p = pod(`p${i}`);
      const r = defaultAlgorithm().schedule(p, nodes);
      if (!r.ok) throw new Error(r.message);
      chosen.add(r.node);
      expect(defaultAlgorithm().schedule(clone(p), [...nodes].reverse())).toMatchObject({ node: r.node });
    }
    expect(chosen.size).toBeGreaterThanOrEqual(3);
  });

  it('is deterministic: the same input gives the same answer, and it does not modify its input', () => {
    const nodes = [
      info(node('a', { cpu: '2' }), [pod('x', { cpu: '500m', owner: 'web' })]),
      info(node('b', { cpu: '2', taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] })),
      info(node('c', { cpu: '2' }), [pod('y', { cpu: '1', owner: 'web' })]),
      info(node('d', { cpu: '2', labels: { zone: 'z1' } })),
    ];
    const p = pod('web-9', { owner: 'web', cpu: '250m', memory: '256Mi' });
    const before = JSON.stringify({ nodes, p });
    const first = defaultAlgorithm().schedule(p, nodes);
    for (let i = 0; i < 5; i++) expect(defaultAlgorithm().schedule(clone(p), clone(nodes))).toEqual(first);
    expect(JSON.stringify({ nodes, p })).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: whatever the cluster, the chosen node passes every filter, a failure means no node
// does, and the answer does not depend on the order of the nodes.

const taintArb = fc.record({
  key: fc.constantFrom('dedicated', 'spot', 'maintenance'),
  value: fc.constantFrom('a', 'b', ''),
  effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute'),
});
const tolerationArb = fc.oneof(
  fc.record({ key: fc.constantFrom('dedicated', 'spot', 'maintenance'), operator: fc.constant('Exists'), effect: fc.constantFrom('', 'NoSchedule', 'NoExecute') }),
  fc.record({ key: fc.constantFrom('dedicated', 'spot'), operator: fc.constant('Equal'), value: fc.constantFrom('a', 'b', ''), effect: fc.constantFrom('', 'NoSchedule', 'PreferNoSchedule') }),
  fc.constant({ operator: 'Exists' }),
  fc.constant({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }),
);
const portArb = fc.record({ hostPort: fc.constantFrom(80, 443), protocol: fc.constantFrom('TCP', 'UDP'), hostIP: fc.constantFrom('', '10.0.0.1', '10.0.0.2') });
const labelsArb = fc.record({ zone: fc.constantFrom('z1', 'z2'), disk: fc.constantFrom('ssd', 'hdd'), cores: fc.constantFrom('4', '8', '16') }, { requiredKeys: [] });
const existingPodArb = fc.record({
  cpu: fc.integer({ min: 0, max: 2000 }),
  mem: fc.integer({ min: 0, max: 2048 }),
  owner: fc.constantFrom(undefined, 'web', 'db'),
  ports: fc.array(portArb, { maxLength: 1 }),
});
const nodeArb = fc.record({
  cpu: fc.integer({ min: 1, max: 8 }),
  memGi: fc.integer({ min: 1, max: 16 }),
  pods: fc.integer({ min: 1, max: 5 }),
  labels: labelsArb,
  taints: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(taintArb, { minLength: 1, maxLength: 2 }) }),
  unschedulable: fc.constantFrom(false, false, false, false, true),
  ready: fc.constantFrom<'True' | 'False' | 'Unknown'>('True', 'True', 'True', 'False', 'Unknown'),
  existing: fc.array(existingPodArb, { maxLength: 3 }),
});
const exprArb = fc.oneof(
  fc.record({ key: fc.constantFrom('zone', 'disk'), operator: fc.constantFrom('In', 'NotIn'), values: fc.subarray(['z1', 'z2', 'ssd', 'hdd'], { minLength: 1 }) }),
  fc.record({ key: fc.constantFrom('zone', 'disk', 'gpu'), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  fc.record({ key: fc.constant('cores'), operator: fc.constantFrom('Gt', 'Lt'), values: fc.constantFrom(['6'], ['10']) }),
);
/** undefined three times out of four. */
const sometimes = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });

const podArb = fc.record({
  cpu: fc.integer({ min: 0, max: 3000 }),
  mem: fc.integer({ min: 0, max: 4096 }),
  initCpu: sometimes(fc.integer({ min: 0, max: 6000 })),
  nodeSelector: sometimes(labelsArb),
  terms: sometimes(fc.array(fc.array(exprArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 })),
  preferred: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), e: exprArb }), { maxLength: 2 }),
  tolerations: fc.array(tolerationArb, { maxLength: 2 }),
  ports: sometimes(fc.array(portArb, { minLength: 1, maxLength: 1 })).map((x) => x ?? []),
  owner: fc.constantFrom(undefined, 'web', 'db'),
});

function buildCluster(nodes: any[]): NodeInfo[] {
  return nodes.map((n, i) =>
    info(
      node(`n${i}`, { cpu: String(n.cpu), memory: `${n.memGi}Gi`, pods: String(n.pods), labels: n.labels, taints: n.taints, unschedulable: n.unschedulable, ready: n.ready }),
      n.existing.map((e: any, j: number) => {
        const p = pod(`e${i}-${j}`, { cpu: `${e.cpu}m`, memory: `${e.mem}Mi`, owner: e.owner });
        if (e.ports.length) p.spec.containers[0].ports = e.ports.map((x: Obj) => ({ containerPort: 1, ...x }));
        return p;
      }),
    ),
  );
}

function buildPod(s: any): Obj {
  const p = pod('candidate', { cpu: `${s.cpu}m`, memory: `${s.mem}Mi`, owner: s.owner, nodeSelector: s.nodeSelector, tolerations: s.tolerations });
  if (s.initCpu !== undefined) p.spec.initContainers = [{ name: 'init', resources: { requests: { cpu: `${s.initCpu}m` } } }];
  if (s.ports.length) p.spec.containers[0].ports = s.ports.map((x: Obj) => ({ containerPort: 1, ...x }));
  const nodeAffinity: Obj = {};
  if (s.terms) nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: s.terms.map((t: Obj[]) => ({ matchExpressions: t })) };
  if (s.preferred.length) nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution = s.preferred.map((x: any) => ({ weight: x.weight, preference: { matchExpressions: [x.e] } }));
  if (Object.keys(nodeAffinity).length) p.spec.affinity = { nodeAffinity };
  return p;
}

const passesAll = (p: Obj, i: NodeInfo) => defaultFilters().every((f) => f.filter(p, i, new CycleState()) === undefined);

describe('properties', () => {
  it('the chosen node passes every filter; a failure means no node passes them all; node order does not matter', () => {
    let placed = 0;
    let failed = 0;
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 8 }), podArb, fc.integer(), (ns, ps, seed) => {
        const infos = buildCluster(ns);
        const p = buildPod(ps);
        const r = defaultAlgorithm().schedule(p, infos);
        if (r.ok) {
          placed++;
          const chosen = infos.find((i) => i.node.metadata.name === r.node)!;
          expect(passesAll(p, chosen)).toBe(true);
          const best = Math.max(...Object.values(r.scores!));
          expect(r.scores![r.node]).toBe(best);
          expect(Object.keys(r.scores!).sort()).toEqual(infos.filter((i) => passesAll(p, i)).map((i) => i.node.metadata.name).sort());
        } else {
          failed++;
          for (const i of infos) expect(passesAll(p, i)).toBe(false);
          expect(Object.keys(r.reasons).sort()).toEqual(infos.map((i) => i.node.metadata.name).sort());
          expect(r.message.startsWith(`0/${infos.length} nodes are available: `)).toBe(true);
          const counted = [...r.message.matchAll(/(?:: |, )(\d+) /g)].reduce((a, m) => a + Number(m[1]), 0);
          expect(counted).toBeGreaterThanOrEqual(infos.length);
        }
        // Same answer for a shuffled copy of the nodes.
        const shuffled = clone(infos)
          .map((i, k) => ({ i, k: (k * 7919 + seed) % 104729 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.i);
        expect(defaultAlgorithm().schedule(clone(p), shuffled)).toEqual(r);
      }),
      { numRuns: 400, seed: 20240607 },
    );
    if (process.env.SCHED_DEBUG) console.log({ placed, failed });
    expect(placed).toBeGreaterThan(100);
    expect(failed).toBeGreaterThan(50);
  });
});
