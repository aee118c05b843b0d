// Sampled cycles (percentageOfNodesToScore): filtering starts at the given index and stops once
// enough nodes are feasible; it never picks an infeasible node, finds the only node that fits
// wherever it is (every node is examined when too few fit), and round-robin starts spread the
// pods over every node.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CycleState, defaultAlgorithm, defaultFilters, numFeasibleNodesToFind, type NodeInfo, type Obj } from '../../../src/control/scheduler/algorithm.ts';
import { NodeInfoCache } from '../../../src/control/scheduler/node-cache.ts';
import { info, node, pod } from './fixtures.ts';

const passesAll = (p: Obj, i: NodeInfo) => defaultFilters().every((f) => f.filter(p, i, new CycleState()) === undefined);

describe('numFeasibleNodesToFind', () => {
  it('every node below 100; adaptive: at least 100, at most 10%, Kubernetes’ share from 5,000 nodes', () => {
    expect(numFeasibleNodesToFind(0)).toBe(0);
    expect(numFeasibleNodesToFind(50)).toBe(50);
    expect(numFeasibleNodesToFind(99)).toBe(99);
    expect(numFeasibleNodesToFind(100)).toBe(100);
    expect(numFeasibleNodesToFind(1000)).toBe(100);
    expect(numFeasibleNodesToFind(2000)).toBe(200);
    expect(numFeasibleNodesToFind(5000)).toBe(500); // Kubernetes: 10% = 500
    expect(numFeasibleNodesToFind(10_000)).toBe(500); // Kubernetes: 5% = 500
    expect(numFeasibleNodesToFind(1000, 42)).toBe(420); // Kubernetes' adaptive share at 1,000 nodes
    expect(numFeasibleNodesToFind(1000, 5)).toBe(100); // never fewer than 100
    expect(numFeasibleNodesToFind(1000, 100)).toBe(1000);
    expect(numFeasibleNodesToFind(1000, 250)).toBe(1000);
  });
});

/** n nodes; those in `fits` take the pod, the others are cordoned, full or too small (by i % 3). */
function cluster(n: number, fits: (i: number) => boolean, cached: boolean): { infos: NodeInfo[]; cache?: NodeInfoCache } {
  const nodes: Obj[] = [];
  const pods: Obj[] = [];
  for (let i = 0; i < n; i++) {
    const name = `n${String(i).padStart(4, '0')}`;
    const ok = fits(i);
    const kind = i % 3;
    nodes.push(node(name, { cpu: ok || kind !== 2 ? '2' : '100m', unschedulable: !ok && kind === 0, pods: '10' }));
    if (!ok && kind === 1) pods.push(pod(`filler-${i}`, { cpu: '1900m', nodeName: name }));
  }
  if (!cached) return { infos: nodes.map((nd) => info(nd, pods.filter((p) => p.spec.nodeName === nd.metadata.name))) };
  const cache = new NodeInfoCache();
  for (const nd of nodes) cache.setNode(nd);
  for (const p of pods) cache.setPod(p);
  return { infos: cache.nodeInfos(), cache };
}

describe('sampled cycles', () => {
  it('never pick an infeasible node; fail only when no node fits, after examining every node', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 400 }),
        fc.constantFrom(0, 0.002, 0.02, 0.2, 0.6, 1),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: -5, max: 1000 }),
        fc.boolean(),
        fc.constantFrom(0, 10, 30),
        (n, share, seed, start, cached, percentage) => {
          // A deterministic pseudo-random pick of the nodes that fit.
          const fits = (i: number) => ((Math.imul(i + 1, 2654435761) ^ seed) >>> 0) / 2 ** 32 < share;
          const { infos, cache } = cluster(n, fits, cached);
          const p = pod('candidate', { cpu: '500m' });
          const feasibleCount = infos.filter((i) => passesAll(p, i)).length;
          const toFind = numFeasibleNodesToFind(n, percentage);
          const r = defaultAlgorithm({ percentageOfNodesToScore: percentage }).schedule(p, infos, { startIndex: start, index: cache });
          expect(r.examined).toBeGreaterThan(0);
          expect(r.examined).toBeLessThanOrEqual(n);
          if (feasibleCount < toFind) expect(r.examined).toBe(n);
          if (r.ok) {
            expect(passesAll(p, infos.find((i) => i.node.metadata.name === r.node)!)).toBe(true);
            const scored = Object.keys(r.scores!);
            expect(scored.length).toBe(Math.min(toFind, feasibleCount));
            for (const name of scored) expect(passesAll(p, infos.find((i) => i.node.metadata.name === name)!)).toBe(true);
            // The examined nodes are the `examined` nodes from the start, round the list.
            const at = (((start % n) + n) % n);
            const window = new Set(Array.from({ length: r.examined! }, (_, k) => infos[(at + k) % n].node.metadata.name));
            for (const name of scored) expect(window.has(name)).toBe(true);
          } else {
            expect(feasibleCount).toBe(0);
            expect(r.examined).toBe(n);
            expect(Object.keys(r.reasons)).toHaveLength(n);
            expect(r.message.startsWith(`0/${n} nodes are available: `)).toBe(true);
          }
        },
      ),
      { numRuns: 120, seed: 77 },
    );
  });

  it('find the only node that fits, wherever the cycle starts', () => {
    for (const cached of [false, true]) {
      for (const only of [0, 1, 250, 498, 499]) {
        const { infos, cache } = cluster(500, (i) => i === only, cached);
        for (const start of [0, only, only + 1, 137, 499]) {
          const r = defaultAlgorithm().schedule(pod('p', { cpu: '500m' }), infos, { startIndex: start, index: cache });
          expect(r).toMatchObject({ ok: true, node: infos[only].node.metadata.name, examined: 500 });
        }
      }
    }
  });

  it('stop after enough feasible nodes: 100 of 1,000 when all fit', () => {
    const { infos, cache } = cluster(1000, () => true, true);
    const r = defaultAlgorithm().schedule(pod('p'), infos, { startIndex: 950, index: cache });
    expect(r.examined).toBe(100);
    if (!r.ok) throw new Error(r.message);
    expect(Object.keys(r.scores!).sort()).toEqual([...infos.slice(950), ...infos.slice(0, 50)].map((i) => i.node.metadata.name).sort());
    expect(defaultAlgorithm({ percentageOfNodesToScore: 42 }).schedule(pod('p'), infos, { startIndex: 0 }).examined).toBe(420);
  });

  it('are deterministic: the same nodes, pod and start give the same answer', () => {
    const { infos, cache } = cluster(600, (i) => i % 7 !== 0, true);
    for (const start of [0, 13, 599]) {
      const a = defaultAlgorithm().schedule(pod('p', { cpu: '300m', owner: 'x' }), infos, { startIndex: start, index: cache });
      const b = defaultAlgorithm().schedule(structuredClone(pod('p', { cpu: '300m', owner: 'x' })), infos, { startIndex: start, index: cache });
      expect(b).toEqual(a);
    }
  });

  it('without options every node is examined, as with 100%, in any order', () => {
    const { infos } = cluster(300, (i) => i % 5 !== 0, false);
    const p = pod('p', { cpu: '1' });
    const all = defaultAlgorithm().schedule(p, infos);
    expect(all.examined).toBeUndefined();
    expect(Object.keys((all as { scores: object }).scores)).toHaveLength(240);
    expect({ ...defaultAlgorithm().schedule(p, infos, { percentageOfNodesToScore: 100, startIndex: 77 }), examined: undefined }).toEqual(all);
    expect(defaultAlgorithm().schedule(p, [...infos].reverse())).toEqual(all);
  });

  it('round-robin starts put pods on every node; always starting at 0 would pile them up', () => {
    // 300 nodes with room for two 500m pods each; 300 pods, one after another, as the loop does.
    const run = (rotate: boolean) => {
      const cache = new NodeInfoCache();
      for (let i = 0; i < 300; i++) cache.setNode(node(`n${String(i).padStart(3, '0')}`, { cpu: '1' }));
      const algo = defaultAlgorithm();
      let start = 0;
      for (let k = 0; k < 300; k++) {
        const p = pod(`p${k}`, { cpu: '500m' });
        const r = algo.schedule(p, cache.nodeInfos(), { startIndex: start, scores: false, index: cache });
        if (!r.ok) throw new Error(r.message);
        if (rotate) start = (start + r.examined!) % 300;
        cache.setPod({ ...p, spec: { ...p.spec, nodeName: r.node } });
      }
      return cache.nodeInfos().map((i) => i.pods.length);
    };
    expect(new Set(run(true))).toEqual(new Set([1]));
    const piled = run(false);
    expect(Math.max(...piled)).toBe(2);
    expect(piled.filter((n) => n === 0).length).toBeGreaterThan(0);
  });
});
