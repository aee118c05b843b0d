// npm run bench:heal — node loss, healed: three master processes (default flags: a node not
// heard from for 1 s is NotReady, its pods are replaced 0.5 s later), hollow nodes, and a
// Deployment spread so that a node holds ~100 pods. Each run silences the node with the most
// pods (no lease renewals, no status, like a dead machine) and times how long until the
// Deployment again has every replica Ready on live nodes; then the node comes back for the
// next run. Kubernetes' defaults take about 5 min 50 s (40-50 s grace + 300 s toleration).
import pino from 'pino';
import { ApiClient, type Obj } from '../src/cli/api-client.ts';
import { Informer } from '../src/control/informer/informer.ts';
import { HollowNodes } from '../chaos/hollow-nodes.ts';
import { benchArgs } from './lib/args.ts';
import { ShoalCluster } from './lib/shoal-cluster.ts';
import { fmtMs, summarize } from './lib/stats.ts';

const { values } = benchArgs({
  runs: { type: 'string', default: '10' },
  nodes: { type: 'string', default: '4' },
  'pods-per-node': { type: 'string', default: '100' },
  verbose: { type: 'boolean', default: false },
  // Real agents (process runtime, pod network) whose hosts are killed: see bench/heal-real.ts.
  real: { type: 'boolean', default: false },
  'pods-per-host': { type: 'string', default: '20' },
});
const runs = Number(values.runs);
const nodeCount = Number(values.nodes);
const replicas = nodeCount * Number(values['pods-per-node']);

const isReady = (p: Obj) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True');

async function main(): Promise<void> {
  const cluster = new ShoalCluster(3);
  await cluster.start();
  const client = new ApiClient(cluster.endpoints(), 5000);
  for (let i = 0; i < 100 && !(await client.get('namespaces', '', 'kube-system').catch(() => undefined)); i++) await new Promise((r) => setTimeout(r, 100));
  const names = Array.from({ length: nodeCount }, (_, i) => `heal-${i + 1}`);
  const leaseClient = new ApiClient(cluster.endpoints(), 5000);
  const nodes = new HollowNodes(client, names, { capacity: { cpu: '64', memory: '256Gi', pods: String(replicas) }, leaseClient });
  await nodes.start();
  const pods = new Informer(client, 'pods', { namespace: 'default', labelSelector: 'app=heal' }, pino({ level: 'silent' }));
  pods.start();
  const nodeInformer = new Informer(client, 'nodes', {}, pino({ level: 'silent' }));
  nodeInformer.start();
  await Promise.all([pods.waitForSync(), nodeInformer.waitForSync()]);
  const dead = new Set<string>();
  const healthy = () => pods.list().filter((p) => isReady(p) && !dead.has(p.spec.nodeName)).length;
  const waitUntil = (pred: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const t0 = Date.now();
      const tick = setInterval(() => {
        if (pred()) {
          clearInterval(tick);
          resolve(true);
        } else if (Date.now() - t0 > timeoutMs) {
          clearInterval(tick);
          resolve(false);
        }
      }, 5);
    });

  try {
    await client.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'heal' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'heal' } },
        template: { metadata: { labels: { app: 'heal' } }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m' } } }] } },
      },
    });
    const t0 = Date.now();
    if (!(await waitUntil(() => healthy() === replicas, 120_000))) throw new Error(`the deployment never reached ${replicas} ready pods (at ${healthy()})`);
    console.log(`bench:heal  ${nodeCount} hollow nodes, ${replicas} pods ready after ${Date.now() - t0} ms; ${runs} node losses`);
    const times: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const perNode = new Map<string, number>();
      for (const p of pods.list()) if (isReady(p)) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
      const [victim, count] = [...perNode].sort((a, b) => b[1] - a[1])[0];
      if (values.verbose) console.log(`  before run ${run}: pods per node ${JSON.stringify([...perNode])}; taints ${JSON.stringify(nodeInformer.list().map((n) => [n.metadata.name, (n.spec?.taints ?? []).map((t: Obj) => t.key)]))}`);
      const start = performance.now();
      const marks: Record<string, number> = {};
      const mark = (what: string) => (marks[what] ??= Math.round(performance.now() - start));
      const unsubNodes = nodeInformer.on({ update: (_o, n) => n.metadata.name === victim && n.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status !== 'True') && mark('notReady') });
      const unsubPods = pods.on({
        delete: (p) => p.spec.nodeName === victim && (mark('firstEvicted'), (marks.lastEvicted = Math.round(performance.now() - start))),
        add: (p) => Date.parse(p.metadata.creationTimestamp) >= Date.now() - 5000 && mark('firstReplacement'),
      });
      nodes.kill(victim);
      dead.add(victim);
      const ok = await waitUntil(() => healthy() === replicas, 60_000);
      const ms = performance.now() - start;
      if (!ok) {
        const byNode = new Map<string, string>();
        for (const p of pods.list()) byNode.set(p.spec.nodeName ?? "-", `${(Number(byNode.get(p.spec.nodeName ?? "-")?.split("/")[0] ?? 0) + (isReady(p) ? 1 : 0))}/${p.status?.phase}/${p.metadata.deletionTimestamp ? "T" : ""}`);
        throw new Error(`run ${run}: only ${healthy()}/${replicas} ready on live nodes after 60 s; pods ${pods.list().length}; ${JSON.stringify([...byNode])}`);
      }
      times.push(ms);
      unsubNodes();
      unsubPods();
      console.log(`  run ${String(run).padStart(2)}: node ${victim} with ${count} pods lost; all ${replicas} ready elsewhere after ${fmtMs(ms)}  (ms after the loss: ${Object.entries(marks).map(([k, v]) => `${k} ${v}`).join(', ')})`);
      await nodes.revive(victim);
      dead.delete(victim);
      // Let its NotReady taint clear before the next loss.
      await new Promise((r) => setTimeout(r, 1500));
    }
    const s = summarize(times);
    console.log(`\nnode loss -> all pods ready elsewhere: p50 ${fmtMs(s.p50)}  p99 ${fmtMs(s.p99)}  max ${fmtMs(s.max)}  (n=${s.n}; goal <= 2 s p99)`);
    if (values.json) console.log(JSON.stringify({ replicas, nodes: nodeCount, times }));
  } finally {
    pods.stop();
    nodeInformer.stop();
    nodes.stop();
    client.close();
    leaseClient.close();
    await cluster.stop();
  }
}

if (values.real) await (await import('./heal-real.ts')).healReal(runs, Math.max(2, Number(values.nodes) === 4 ? 3 : Number(values.nodes)), Number(values['pods-per-host']));
else await main();
process.exit(0);
