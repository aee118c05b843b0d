// npm run bench:scheduler — scheduling throughput through the real API and store (issue 5):
// one in-process master (Raft group of one, LevelDB with fsync, no controllers of its own),
// the scheduler under leader election as a master runs it, N simulated nodes (Node objects
// only: Ready, room for the pods; no leases, no agents, no pod status updates), then P pods
// created at once by C concurrent creators. Every bind is the scheduler's compare-and-swap
// through the API, so the figure includes the store's writes (and the scheduler's Scheduled
// events, as Kubernetes records them).
//
// Prints: create throughput alone, pods bound per second from the first create to the last
// bind, create-to-bound latency (from each create's acknowledgement, and from its send),
// process CPU and the scheduler's share of it, and pods per node.
// Kubernetes' CI floor (scheduler_perf, 5,000 nodes): 270 pods/s. Goal here: >= 1,000 pods/s
// at 1,000 nodes on this 2-core machine.
//
//   --nodes N (1000)  --pods P (10000)  --creators C (64)  --smoke (50 nodes, 500 pods)
//   --groups G (20): owners the pods are spread over
//   --percentage X (0): the scheduler's percentageOfNodesToScore (0: its adaptive default)
//   --micro: no master; times one scheduling cycle of the algorithm at N nodes with 30 pods
//            each, from a freshly built NodeInfo list (the pure API) and from the loop's cache
//            (every node, and sampled as the loop does).
//   --timeout-s S: give up (exit 1) if not every pod is bound by then (default max(60, P/50)).
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Obj } from '../src/control/client/resource-client.ts';
import { defaultAlgorithm, numFeasibleNodesToFind, type NodeInfo, type ScheduleOptions, type ScheduleResult, type SchedulingAlgorithm } from '../src/control/scheduler/algorithm.ts';
import { NodeInfoCache } from '../src/control/scheduler/node-cache.ts';
import { buildNodeInfos } from '../src/control/scheduler/node-info.ts';
import { Scheduler } from '../src/control/scheduler/scheduler.ts';
import { runComponents, startInProcessMaster, waitFor } from './lib/in-process-master.ts';
import { fmtMs, summarize } from './lib/stats.ts';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string' },
    pods: { type: 'string' },
    creators: { type: 'string', default: '64' },
    groups: { type: 'string', default: '20' },
    percentage: { type: 'string', default: '0' },
    smoke: { type: 'boolean', default: false },
    micro: { type: 'boolean', default: false },
    'timeout-s': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const numNodes = Number(values.nodes ?? (values.smoke ? 50 : 1000));
const numPods = Number(values.pods ?? (values.smoke ? 500 : 10_000));
const creators = Number(values.creators);
const groups = Math.max(1, Number(values.groups));
const percentage = Number(values.percentage);
for (const [flag, v] of [['--nodes', numNodes], ['--pods', numPods], ['--creators', creators]] as const) {
  if (!Number.isInteger(v) || v <= 0) {
    console.error(`${flag}: must be a positive integer`);
    process.exit(2);
  }
}
const timeoutMs = Number(values['timeout-s'] ?? Math.max(60, Math.ceil(numPods / 50))) * 1000;
const NS = 'bench-sched';

const nodeName = (i: number) => `node-${String(i).padStart(5, '0')}`;
/** Room for every pod with margin: pods allocatable at least 110 and twice the mean. */
const podsPerNode = Math.max(110, Math.ceil((2 * numPods) / numNodes) + 10);

function nodeObj(i: number): Obj {
  const capacity = { cpu: String(Math.ceil((podsPerNode * 10) / 1000) + 4), memory: `${Math.ceil((podsPerNode * 16) / 1024) + 8}Gi`, pods: String(podsPerNode) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: nodeName(i), labels: { 'kubernetes.io/hostname': nodeName(i) } },
    spec: {},
    status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'simulated node' }] },
  };
}

/** Pods of `groups` ReplicaSet-like owners (so spreading has work to do), 10m cpu and 16Mi each. */
function podObj(i: number): Obj {
  const g = i % groups;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `p-${i}`,
      namespace: NS,
      labels: { app: `bench-${g}` },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `bench-${g}`, uid: `00000000-0000-4000-8000-${String(g).padStart(12, '0')}`, controller: true }],
    },
    spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  };
}

/** The algorithm, timed: how long the scheduler spends choosing nodes. */
class TimedAlgorithm implements SchedulingAlgorithm {
  ms = 0;
  calls = 0;
  constructor(private readonly inner: SchedulingAlgorithm) {}
  get name() {
    return this.inner.name;
  }
  schedule(pod: Obj, nodes: NodeInfo[], opts?: ScheduleOptions): ScheduleResult {
    const t = performance.now();
    try {
      return this.inner.schedule(pod, nodes, opts);
    } finally {
      this.ms += performance.now() - t;
      this.calls++;
    }
  }
}

async function endToEnd(): Promise<void> {
  console.log(
    `bench:scheduler  ${os.cpus().length} cpus, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${numNodes} nodes, ${numPods} pods, ${creators} creators, ${groups} owners, ` +
      `percentageOfNodesToScore ${percentage || 'adaptive'} (${numFeasibleNodesToFind(numNodes, percentage)} feasible nodes per cycle)`,
  );
  const m = await startInProcessMaster();
  const algorithm = new TimedAlgorithm(defaultAlgorithm({ percentageOfNodesToScore: percentage }));
  const scheduler = new Scheduler(algorithm);
  let comps: Awaited<ReturnType<typeof runComponents>> | undefined;
  try {
    await m.client.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    let t = performance.now();
    const next = { i: 0 };
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        for (let i = next.i++; i < numNodes; i = next.i++) await m.client.create('nodes', '', nodeObj(i));
      }),
    );
    console.log(`  registered ${numNodes} nodes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    comps = await runComponents(m, [scheduler], ['pods', 'nodes'], 'shoal-scheduler');
    const nodesInformer = comps.informers.get('nodes');
    await waitFor(() => (nodesInformer.list().length >= numNodes ? true : undefined), 30_000, () => `the scheduler sees ${nodesInformer.list().length} nodes`);

    // Watch the pods: when each is seen bound, and where.
    const sent = new Float64Array(numPods).fill(Number.NaN);
    const acked = new Float64Array(numPods).fill(Number.NaN);
    const bound = new Float64Array(numPods).fill(Number.NaN);
    const perNode = new Map<string, number>();
    let boundCount = 0;
    let lastBind = 0;
    let allBound!: () => void;
    const done = new Promise<void>((r) => (allBound = r));
    const start = await m.client.list('pods', NS, { limit: 1 });
    const watch = m.client.watch('pods', NS, { resourceVersion: start.resourceVersion }, (type, obj) => {
      if (type !== 'MODIFIED' && type !== 'ADDED') return;
      const node = obj.spec?.nodeName;
      if (!node) return;
      const i = Number(String(obj.metadata.name).slice(2));
      if (!(i >= 0 && i < numPods) || !Number.isNaN(bound[i])) return;
      bound[i] = lastBind = performance.now();
      perNode.set(node, (perNode.get(node) ?? 0) + 1);
      if (++boundCount === numPods) allBound();
    });

    const cpu0 = process.cpuUsage();
    const busy0 = { ...scheduler.stats };
    const algo0 = { ms: algorithm.ms, calls: algorithm.calls };
    const t0 = performance.now();
    let createErrors = 0;
    let lastAck = t0;
    next.i = 0;
    await Promise.all(
      Array.from({ length: creators }, async () => {
        for (let i = next.i++; i < numPods; i = next.i++) {
          for (let attempt = 0; ; attempt++) {
            sent[i] = performance.now();
            try {
              await m.client.create('pods', NS, podObj(i));
              acked[i] = lastAck = performance.now();
              break;
            } catch (err) {
              createErrors++;
              if (attempt >= 5) throw err;
            }
          }
        }
      }),
    );
    const createSpan = lastAck - t0;
    const finished = await Promise.race([done.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs))]);
    const span = (finished ? lastBind : performance.now()) - t0;
    const cpu = process.cpuUsage(cpu0);
    watch.cancel();

    const fromAck: number[] = [];
    const fromSend: number[] = [];
    for (let i = 0; i < numPods; i++) {
      if (Number.isNaN(bound[i])) continue;
      fromAck.push(Math.max(0, bound[i] - acked[i]));
      fromSend.push(bound[i] - sent[i]);
    }
    const a = summarize(fromAck);
    const s = summarize(fromSend);
    const counts = Array.from({ length: numNodes }, (_, i) => perNode.get(nodeName(i)) ?? 0);
    const mean = counts.reduce((x, y) => x + y, 0) / numNodes;
    const sd = Math.sqrt(counts.reduce((x, c) => x + (c - mean) ** 2, 0) / numNodes);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const st = scheduler.stats;
    const schedBusy = st.busyMs - busy0.busyMs + (st.eventMs - busy0.eventMs);
    const algoMs = algorithm.ms - algo0.ms;
    const algoCalls = algorithm.calls - algo0.calls;
    const rate = (boundCount / span) * 1000;

    console.log(finished ? '' : `\n  TIMED OUT after ${(timeoutMs / 1000).toFixed(0)} s: ${boundCount}/${numPods} pods bound`);
    console.log(`  pods ${numPods}, nodes ${numNodes}: ${boundCount} bound in ${(span / 1000).toFixed(2)} s (first create to last bind)`);
    console.log(`  scheduling throughput  ${rate.toFixed(0)} pods/s${createErrors ? `  (create retries ${createErrors})` : ''}`);
    console.log(`  create throughput      ${((numPods / createSpan) * 1000).toFixed(0)} pods/s (all ${numPods} acknowledged after ${(createSpan / 1000).toFixed(2)} s)`);
    console.log(`  create-to-bound        p50 ${fmtMs(a.p50)}  p99 ${fmtMs(a.p99)}  max ${fmtMs(a.max)}  (from ack; from send: p50 ${fmtMs(s.p50)} p99 ${fmtMs(s.p99)})`);
    console.log(
      `  process CPU            ${(cpuMs / 1000).toFixed(2)} s over ${(span / 1000).toFixed(2)} s (${((100 * cpuMs) / span).toFixed(0)}% of one core; master, store, API, scheduler and load generator)`,
    );
    console.log(
      `  scheduler              ${schedBusy.toFixed(0)} ms busy (${((100 * schedBusy) / cpuMs).toFixed(1)}% of process CPU): algorithm ${algoMs.toFixed(0)} ms over ${algoCalls} cycles ` +
        `(${algoCalls ? ((1000 * algoMs) / algoCalls).toFixed(0) : '-'} us each), cache upkeep ${(st.eventMs - busy0.eventMs).toFixed(0)} ms, ` +
        `${st.cycles - busy0.cycles} cycles in ${st.turns - busy0.turns} turns, nodes examined per cycle ${((st.nodesExamined - busy0.nodesExamined) / Math.max(1, st.cycles - busy0.cycles)).toFixed(0)}`,
    );
    console.log(`  pods per node          min ${Math.min(...counts)}  max ${Math.max(...counts)}  mean ${mean.toFixed(1)}  stddev ${sd.toFixed(2)}`);
    // The scheduler records a Scheduled event per pod (fire and forget: its recorder drops
    // events beyond 200 in flight), each one more write to the store.
    await new Promise((r) => setTimeout(r, 500));
    let events = 0;
    let token = '';
    do {
      const page = await m.client.list('events', NS, { fieldSelector: 'reason=Scheduled', limit: 2000, continueToken: token });
      events += page.items.length;
      token = page.continueToken;
    } while (token);
    console.log(`  Scheduled events       ${events} recorded for ${boundCount} binds`);
    if (values.json) {
      console.log(
        JSON.stringify({ nodes: numNodes, pods: numPods, bound: boundCount, seconds: span / 1000, podsPerSec: rate, createPerSec: (numPods / createSpan) * 1000, p50: a.p50, p99: a.p99, max: a.max, cpuMs, schedulerMs: schedBusy, algorithmMs: algoMs, perNodeMin: Math.min(...counts), perNodeMax: Math.max(...counts) }),
      );
    }
    if (!finished) process.exitCode = 1;
  } finally {
    await comps?.stop();
    await m.stop();
  }
}

/** One scheduling cycle at N nodes x 30 pods: from a fresh NodeInfo list, and from the cache. */
function micro(): void {
  const perNode = 30;
  const nodes = Array.from({ length: numNodes }, (_, i) => nodeObj(i));
  const placed: Obj[] = [];
  for (let i = 0; i < numNodes * perNode; i++) {
    const p = podObj(i);
    p.metadata.uid = `uid-${i}`;
    p.spec.nodeName = nodeName(i % numNodes);
    placed.push(p);
  }
  const incoming = (k: number): Obj => {
    const p = podObj(1_000_000 + k);
    p.metadata.uid = `in-${k}`;
    return p;
  };
  const algo = defaultAlgorithm({ percentageOfNodesToScore: percentage });
  const time = (label: string, reps: number, once: (k: number) => void) => {
    for (let k = 0; k < Math.min(5, reps); k++) once(-1 - k);
    const t = performance.now();
    for (let k = 0; k < reps; k++) once(k);
    const us = ((performance.now() - t) * 1000) / reps;
    console.log(`  ${label.padEnd(58)} ${us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(0)} us`}`);
  };
  console.log(`bench:scheduler --micro  ${numNodes} nodes x ${perNode} pods, one cycle (load ${os.loadavg()[0].toFixed(2)})`);
  time('pure API: buildNodeInfos + schedule (every node)', 10, (k) => algo.schedule(incoming(k), buildNodeInfos(nodes, placed)));
  const built = buildNodeInfos(nodes, placed);
  time('pure API: schedule on a built list (every node)', 10, (k) => algo.schedule(incoming(k), built));
  const cache = new NodeInfoCache();
  for (const n of nodes) cache.setNode(n);
  for (const p of placed) cache.setPod(p);
  const infos = cache.nodeInfos();
  time('cache: schedule on the cached list (every node)', 200, (k) => algo.schedule(incoming(k), infos, { percentageOfNodesToScore: 100, scores: false, index: cache }));
  let start = 0;
  const sampled = `${numFeasibleNodesToFind(numNodes, percentage)} nodes`;
  time(`cache: schedule, sampled (${sampled})`, 2000, (k) => {
    const r = algo.schedule(incoming(k), infos, { startIndex: start, scores: false, index: cache });
    start = (start + (r.examined ?? 0)) % infos.length;
  });
  time(`cache: schedule, sampled (${sampled}), then assume the placement`, 2000, (k) => {
    const p = incoming(k);
    const r = algo.schedule(p, infos, { startIndex: start, scores: false, index: cache });
    start = (start + (r.examined ?? 0)) % infos.length;
    if (r.ok) cache.setPod({ ...p, spec: { ...p.spec, nodeName: r.node } });
  });
}

if (values.micro) micro();
else await endToEnd();
process.exit(process.exitCode ?? 0);
