// The loop's incremental NodeInfo cache against a NodeInfo list built afresh from the same nodes
// and pods: after any sequence of node changes and pod adds, binds, updates and deletes, the
// same nodes in the same order, the same pods on each, summaries exactly as summarizeNode gives
// them, the spreading index equal to the summaries transposed, and the algorithm giving the
// same answers from either list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CycleState, defaultAlgorithm, defaultScores, type NodeInfo, type Obj } from '../../../src/control/scheduler/algorithm.ts';
import { NodeInfoCache, podKeyOf } from '../../../src/control/scheduler/node-cache.ts';
import { buildNodeInfos } from '../../../src/control/scheduler/node-info.ts';
import { summarizeNode } from '../../../src/control/scheduler/node-summary.ts';
import { scaled } from '../../../src/control/scheduler/resources.ts';
import { node, pod } from './fixtures.ts';

const NODE_NAMES = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5'];
const POD_NAMES = Array.from({ length: 14 }, (_, i) => `p${i}`);

const nodeArb = fc.record({
  name: fc.constantFrom(...NODE_NAMES),
  cpu: fc.constantFrom('1', '2', '4', '3500m'),
  memGi: fc.integer({ min: 1, max: 8 }),
  pods: fc.constantFrom('3', '5', '110'),
  zone: fc.constantFrom(undefined, 'z1', 'z2'),
  taint: fc.constantFrom(undefined, 'NoSchedule', 'PreferNoSchedule'),
  unschedulable: fc.boolean(),
  ready: fc.constantFrom<'True' | 'False'>('True', 'True', 'False'),
});

const podShapeArb = fc.record({
  cpu: fc.constantFrom<string | undefined>(undefined, '100m', '250m', '1', '0.1', 'bad'),
  memory: fc.constantFrom(undefined, '64Mi', '1Gi', '100M'),
  owner: fc.constantFrom(undefined, 'web', 'db'),
  labels: fc.constantFrom<Record<string, string> | undefined>(undefined, { app: 'solo' }, { app: 'solo', tier: 'x' }),
  namespace: fc.constantFrom('default', 'other'),
  port: fc.constantFrom(undefined, 80, 443),
  init: fc.boolean(),
});

type NodeShape = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;
type PodShape = typeof podShapeArb extends fc.Arbitrary<infer T> ? T : never;

type Op =
  | { op: 'setNode'; n: NodeShape }
  | { op: 'removeNode'; name: string }
  | { op: 'addPod'; name: string; shape: PodShape; nodeName?: string; phase?: string; deleting: boolean }
  | { op: 'bind'; name: string; nodeName: string }
  | { op: 'touch'; name: string; labels: boolean; phase?: string; deleting: boolean; resize: boolean }
  | { op: 'deletePod'; name: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: nodeArb.map((n) => ({ op: 'setNode' as const, n })) },
  { weight: 1, arbitrary: fc.constantFrom(...NODE_NAMES).map((name) => ({ op: 'removeNode' as const, name })) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('addPod' as const),
      name: fc.constantFrom(...POD_NAMES),
      shape: podShapeArb,
      nodeName: fc.constantFrom(undefined, undefined, ...NODE_NAMES, 'ghost'),
      phase: fc.constantFrom(undefined, undefined, undefined, 'Running', 'Succeeded'),
      deleting: fc.constantFrom(false, false, false, false, true),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('bind' as const), name: fc.constantFrom(...POD_NAMES), nodeName: fc.constantFrom(...NODE_NAMES, 'ghost') }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('touch' as const),
      name: fc.constantFrom(...POD_NAMES),
      labels: fc.boolean(),
      phase: fc.constantFrom(undefined, 'Running', 'Failed'),
      deleting: fc.boolean(),
      resize: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constantFrom(...POD_NAMES).map((name) => ({ op: 'deletePod' as const, name })) },
);

function makeNode(n: NodeShape): Obj {
  const labels: Record<string, string> = {};
  if (n.zone) Object.assign(labels, { 'topology.kubernetes.io/region': 'r', 'topology.kubernetes.io/zone': n.zone });
  return node(n.name, {
    cpu: n.cpu,
    memory: `${n.memGi}Gi`,
    pods: n.pods,
    labels,
    taints: n.taint ? [{ key: 'k', value: 'v', effect: n.taint }] : undefined,
    unschedulable: n.unschedulable,
    ready: n.ready,
  });
}

function makePod(name: string, s: PodShape): Obj {
  const p = pod(name, { cpu: s.cpu, memory: s.memory, owner: s.owner, labels: s.labels, namespace: s.namespace, hostPorts: s.port ? [s.port] : undefined });
  if (s.init) p.spec.initContainers = [{ name: 'init', image: 'busybox', resources: { requests: { cpu: '2' } } }];
  return p;
}

/** The cluster as the informers would hold it, and the cache fed the same events. */
class World {
  readonly cache = new NodeInfoCache();
  /** Known nodes in the cache's order (first given; a node removed and given again goes last). */
  readonly nodes = new Map<string, Obj>();
  /** Pods by key (namespace/name). */
  readonly pods = new Map<string, Obj>();

  apply(o: Op): void {
    switch (o.op) {
      case 'setNode': {
        const n = makeNode(o.n);
        this.nodes.set(o.n.name, n); // a known node keeps its place in the Map, as in the cache
        this.cache.setNode(n);
        return;
      }
      case 'removeNode':
        this.nodes.delete(o.name);
        this.cache.removeNode(o.name);
        return;
      case 'addPod': {
        const p = makePod(o.name, o.shape);
        if (o.nodeName) p.spec.nodeName = o.nodeName;
        if (o.phase) p.status = { phase: o.phase };
        if (o.deleting) p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
        this.setPod(p);
        return;
      }
      case 'bind': {
        const cur = this.find(o.name);
        if (!cur) return;
        // A new object with the same spec plus nodeName, as the API returns a bound pod (or the
        // loop assumes one).
        this.setPod(structuredClone({ ...cur, spec: { ...cur.spec, nodeName: o.nodeName } }));
        return;
      }
      case 'touch': {
        const cur = this.find(o.name);
        if (!cur) return;
        const next = structuredClone(cur);
        if (o.labels) next.metadata.labels = { ...(next.metadata.labels ?? {}), touched: 'yes' };
        if (o.phase) next.status = { ...(next.status ?? {}), phase: o.phase };
        if (o.deleting) next.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
        if (o.resize) next.spec.containers[0].resources = { requests: { cpu: '700m', memory: '3Gi' } };
        this.setPod(next);
        return;
      }
      case 'deletePod': {
        const cur = this.find(o.name);
        if (!cur) return;
        this.pods.delete(podKeyOf(cur));
        this.cache.removePod(podKeyOf(cur));
      }
    }
  }

  private find(name: string): Obj | undefined {
    return [...this.pods.values()].find((p) => p.metadata.name === name);
  }

  private setPod(p: Obj): void {
    this.pods.set(podKeyOf(p), p);
    this.cache.setPod(p);
  }

  /** Built afresh from copies of the pods (so nothing computed for the cache's objects is reused). */
  fresh(): NodeInfo[] {
    return buildNodeInfos([...this.nodes.values()], [...this.pods.values()].map((p) => structuredClone(p)));
  }
}

const keys = (info: NodeInfo) => info.pods.map(podKeyOf).sort();

/** The summary's numbers as the plugins compare them, independent of the pods' order. */
function comparable(s: NonNullable<NodeInfo['summary']>) {
  const r = Object.fromEntries(Object.entries(s.requested).map(([k, v]) => [k, scaled(k, v)]));
  return {
    name: s.name,
    allocatable: s.allocatable,
    ready: s.ready,
    unschedulable: s.unschedulable,
    tainted: s.tainted,
    zone: s.zone,
    allocatableMilliCpu: s.allocatableMilliCpu,
    allocatableMemory: s.allocatableMemory,
    allowedPods: s.allowedPods,
    requested: r,
    nonZero: { cpu: scaled('cpu', s.nonZero.cpu), memory: scaled('memory', s.nonZero.memory) },
    requestedMilliCpu: s.requestedMilliCpu,
    requestedMemory: s.requestedMemory,
    nonZeroMilliCpu: s.nonZeroMilliCpu,
    nonZeroMemory: s.nonZeroMemory,
    pods: s.pods,
    hostPorts: s.hostPorts.map((h) => `${h.ip}/${h.protocol}/${h.port}`).sort(),
    groups: [...s.groups].sort(),
  };
}

function checkAgainstFresh(w: World, incoming: Obj[]): void {
  const cached = w.cache.nodeInfos();
  const fresh = w.fresh();
  // Same nodes, same order, same objects.
  expect(cached.map((i) => i.node)).toEqual(fresh.map((i) => i.node));
  cached.forEach((i, j) => expect(i.node).toBe(fresh[j].node));
  const groupTotals = new Map<string, number>();
  for (let j = 0; j < cached.length; j++) {
    const c = cached[j];
    const f = fresh[j];
    // Same pods (the very objects given last), whatever their order on the node.
    expect(keys(c)).toEqual(keys(f));
    for (const p of c.pods) expect(p).toBe(w.pods.get(podKeyOf(p)));
    // The kept summary is exactly what summarizing its pods (in its order) gives...
    expect(c.summary).toEqual(summarizeNode(c.node, c.pods));
    // ...and what matters of it is what summarizing the fresh list gives.
    expect(comparable(c.summary!)).toEqual(comparable(summarizeNode(f.node, f.pods)));
    for (const [k, n] of c.summary!.groups) {
      expect(w.cache.groupCounts(k)?.get(c)).toBe(n);
      groupTotals.set(k, (groupTotals.get(k) ?? 0) + 1);
    }
  }
  // The spreading index holds nothing else for the known nodes.
  for (const [k, n] of groupTotals) expect([...(w.cache.groupCounts(k) ?? new Map()).keys()].filter((i) => cached.includes(i)).length).toBe(n);
  // Each score plugin scores the same one node at a time (score) as all at once (scoreAll),
  // from either list.
  for (const p of incoming) {
    for (const s of defaultScores()) {
      const one = (infos: NodeInfo[], ctx: () => CycleState) => infos.map((i) => s.score(p, i, infos, ctx()));
      const fromCache = Array.from(s.scoreAll!(p, cached, new CycleState(w.cache)));
      expect(fromCache, s.name).toEqual(one(cached, () => new CycleState(w.cache)));
      expect(fromCache, s.name).toEqual(Array.from(s.scoreAll!(p, fresh, new CycleState())));
      expect(fromCache, s.name).toEqual(one(fresh, () => new CycleState()));
    }
  }
  // And the algorithm answers the same from either list.
  const algo = defaultAlgorithm();
  for (const p of incoming) {
    const a = algo.schedule(p, cached, { percentageOfNodesToScore: 100, index: w.cache });
    const b = algo.schedule(p, fresh, { percentageOfNodesToScore: 100 });
    expect(a).toEqual(b);
    expect(algo.schedule(p, fresh)).toEqual({ ...b, examined: undefined });
  }
}

describe('NodeInfoCache', () => {
  it('stays equal to a freshly built NodeInfo list under random node and pod events', () => {
    const incomingArb = fc.array(podShapeArb, { minLength: 3, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 20, maxLength: 80 }), incomingArb, (ops, shapes) => {
        const w = new World();
        const incoming = shapes.map((s, i) => makePod(`incoming-${i}`, { ...s, cpu: s.cpu === 'bad' ? '200m' : s.cpu }));
        ops.forEach((o, i) => {
          w.apply(o);
          if (i % 10 === 9) checkAgainstFresh(w, incoming);
        });
        checkAgainstFresh(w, incoming);
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('is the spreading index: SelectorSpread reads its table and scores as from the pods', () => {
    const c = new NodeInfoCache();
    const fresh: NodeInfo[] = [];
    for (let n = 0; n < 4; n++) {
      const nd = node(`n${n}`);
      c.setNode(nd);
      const pods = Array.from({ length: n }, (_, i) => pod(`web-${n}-${i}`, { owner: 'web', nodeName: `n${n}` }));
      pods.push(pod(`db-${n}`, { owner: 'db', nodeName: `n${n}` }), pod(`solo-${n}`, { labels: { app: 'solo' }, nodeName: `n${n}` }));
      for (const p of pods) c.setPod(p);
      fresh.push({ node: nd, pods: pods.map((p) => structuredClone(p)) });
    }
    const web = c.groupCounts(JSON.stringify(['c', 'default', 'rs-web']));
    expect([...(web ?? [])].map(([i, k]) => [i.node.metadata.name, k])).toEqual([['n1', 1], ['n2', 2], ['n3', 3]]);
    const spread = defaultScores().find((s) => s.name === 'SelectorSpread')!;
    for (const p of [pod('web-new', { owner: 'web' }), pod('db-new', { owner: 'db' }), pod('solo-new', { labels: { app: 'solo' } }), pod('none')]) {
      const fromIndex = spread.scoreAll!(p, c.nodeInfos(), new CycleState(c));
      const fromSummaries = spread.scoreAll!(p, c.nodeInfos(), new CycleState());
      const fromPods = spread.scoreAll!(p, fresh, new CycleState());
      expect(fromIndex).toEqual(fromPods);
      expect(fromSummaries).toEqual(fromPods);
    }
    expect(spread.scoreAll!(pod('web-new', { owner: 'web' }), c.nodeInfos(), new CycleState(c))).toEqual([100, 66, 33, 0]);
  });

  it('keeps pods bound to a node it does not know, and gives them to the node when it comes', () => {
    const c = new NodeInfoCache();
    c.setPod(pod('early', { cpu: '1', nodeName: 'late' }));
    expect(c.nodeInfos()).toEqual([]);
    c.setNode(node('late', { cpu: '2' }));
    const [info] = c.nodeInfos();
    expect(info.pods.map((p) => p.metadata.name)).toEqual(['early']);
    expect(info.summary).toEqual(summarizeNode(info.node, info.pods));
    expect(info.summary!.requestedMilliCpu).toBe(1000);
    expect(info.summary!.allocatableMilliCpu).toBe(2000);
    c.removeNode('late');
    expect(c.nodeInfos()).toEqual([]);
    c.removePod('default/early');
    c.setNode(node('late', { cpu: '2' }));
    expect(c.nodeInfos()[0].pods).toEqual([]);
  });

  it('the list is the same array until a node comes or goes; NodeInfos are updated in place', () => {
    const c = new NodeInfoCache();
    c.setNode(node('a'));
    c.setNode(node('b'));
    const list = c.nodeInfos();
    c.setPod(pod('x', { nodeName: 'a', cpu: '1' }));
    c.setNode(node('b', { cpu: '8' }));
    expect(c.nodeInfos()).toBe(list);
    expect(list[0].summary!.pods).toBe(1);
    expect(list[1].summary!.allocatableMilliCpu).toBe(8000);
    c.removeNode('a');
    expect(c.nodeInfos()).not.toBe(list);
    expect(c.nodeInfos().map((i) => i.node.metadata.name)).toEqual(['b']);
    c.setNode(node('a'));
    expect(c.nodeInfos().map((i) => i.node.metadata.name)).toEqual(['b', 'a']);
    expect(c.nodeInfos()[1].pods.map((p) => p.metadata.name)).toEqual(['x']);
  });
});
