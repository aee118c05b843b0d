// npm run bench:podstart — pod start latency with real containers: three master processes, two
// node agents on Docker (a private dockerd in the sandbox; root and a network sandbox required),
// each with its bridge pod network; P pods (default 100) created at once as a Deployment. For
// each pod: from its creation (the object's creationTimestamp is seconds only, so the time this
// process saw it ADDED) to Running with its container started, observed by watch.
// Kubernetes' SLO is p99 <= 5 s; the goal here is p99 <= 1 s. `--runtime process` measures the
// process runtime instead.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { ApiClient, type Obj } from '../src/client/api-client.ts';
import { Agent } from '../src/node/agent.ts';
import { BridgePodNetwork } from '../src/node/network/pod-network.ts';
import { DockerRuntime } from '../src/node/runtime/docker-runtime.ts';
import { ProcessRuntime } from '../src/node/runtime/process-runtime.ts';
import type { Runtime } from '../src/node/runtime/runtime.ts';
import { benchArgs } from './lib/args.ts';
import { ShoalCluster } from './lib/shoal-cluster.ts';
import { fmtMs, summarize } from './lib/stats.ts';

const run = promisify(execFile);
const { values } = benchArgs({
  pods: { type: 'string', default: '100' },
  runtime: { type: 'string', default: 'docker' },
});
const P = Number(values.pods);
const kind = String(values.runtime);
const DOCKERD = path.resolve(import.meta.dirname, '../scripts/dockerd.sh');
const dockerName = `shoal-docker-podstart-${process.pid}`;

async function main(): Promise<void> {
  if (process.getuid?.() !== 0 || !process.env.SHOAL_SANDBOX) {
    console.error('bench:podstart runs real containers with a pod network: run it as root inside the sandbox (bash scripts/sandbox.sh npm run bench:podstart)');
    process.exit(2);
  }
  if (kind !== 'docker' && kind !== 'process') throw new Error(`--runtime must be docker or process, got ${kind}`);
  // BENCH_LOG=FILE: the agents' debug log, to see where a pod's start went.
  const logger = process.env.BENCH_LOG ? pino({ level: 'debug' }, pino.destination(process.env.BENCH_LOG)) : pino({ level: 'silent' });
  const env = { ...process.env, SHOAL_DOCKER_NAME: dockerName };
  if (kind === 'docker') {
    await run('bash', [DOCKERD, 'start'], { env, timeout: 60_000 });
    await run('bash', [DOCKERD, 'import-busybox'], { env, timeout: 60_000 });
  }
  const cluster = new ShoalCluster(3);
  await cluster.start();
  const client = new ApiClient(cluster.endpoints(), 10_000);
  const hosts = ['ps-1', 'ps-2'].map((name, i) => ({ name, bridge: `shoalps${i}`, dir: mkdtempSync(path.join(tmpdir(), `shoal-${name}-`)), agent: undefined as Agent | undefined, runtime: undefined as Runtime | undefined }));
  try {
    for (let i = 0; i < 100 && !(await client.get('namespaces', '', 'default').catch(() => undefined)); i++) await new Promise((r) => setTimeout(r, 100));
    for (const h of hosts) {
      h.agent = new Agent({
        name: h.name,
        endpoints: cluster.endpoints(),
        dataDir: h.dir,
        nodeIp: '127.0.0.1',
        capacity: { cpu: '64', memory: '64Gi', pods: String(P) },
        logger,
        makeRuntime: async (podCidr) => {
          const network = new BridgePodNetwork({ podCidr, dataDir: h.dir, bridge: h.bridge, logger });
          await network.setup();
          h.runtime = kind === 'docker' ? new DockerRuntime({ socketPath: `/run/${dockerName}.sock`, network, logger, node: h.name }) : new ProcessRuntime({ dataDir: h.dir, podNetwork: network, logger, netnsPrefix: `shoal-${h.name}-`, warmSandboxes: 8 });
          return h.runtime;
        },
      });
      h.agent.start();
    }
    for (let i = 0; i < 200; i++) {
      const nodes = (await client.list('nodes', '')).items;
      if (nodes.length === 2 && nodes.every((n) => n.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True'))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const added = new Map<string, number>();
    const running = new Map<string, number>();
    const bound = new Map<string, number>();
    const start = await client.list('pods', 'default');
    const w = client.watch('pods', 'default', { resourceVersion: start.resourceVersion, labelSelector: 'app=podstart' }, (type, p) => {
      const uid = p.metadata.uid;
      if (type === 'ADDED' && !added.has(uid)) added.set(uid, performance.now());
      if (process.env.BENCH_LOG) logger.debug({ event: 'bench-watch', type, pod: `default/${p.metadata.name}`, node: p.spec?.nodeName, phase: p.status?.phase, running: !!p.status?.containerStatuses?.[0]?.state?.running }, 'watch event');
      if (p.spec?.nodeName && !bound.has(uid)) bound.set(uid, performance.now());
      const cs = p.status?.containerStatuses?.[0];
      if (p.status?.phase === 'Running' && cs?.state?.running && !running.has(uid)) running.set(uid, performance.now());
    });
    const t0 = performance.now();
    await client.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'podstart' },
      spec: {
        replicas: P,
        selector: { matchLabels: { app: 'podstart' } },
        template: { metadata: { labels: { app: 'podstart' } }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox:shoal', imagePullPolicy: 'IfNotPresent', command: ['/bin/sh', '-c', 'exec sleep 36000'], resources: { requests: { cpu: '10m' } } }] } },
      },
    });
    while (running.size < P && performance.now() - t0 < 180_000) await new Promise((r) => setTimeout(r, 20));
    w.cancel();
    const lat = [...running].map(([uid, at]) => at - (added.get(uid) ?? t0));
    const s = summarize(lat);
    const b = summarize([...bound].map(([uid, at]) => at - (added.get(uid) ?? t0)));
    const lastAdded = Math.max(...added.values()) - t0;
    console.log(`bench:podstart  ${kind} runtime, 2 agents, ${P} pods created at once (one Deployment), 3 masters`);
    console.log(`  ${running.size}/${P} Running after ${fmtMs(performance.now() - t0)}`);
    console.log(`  created -> Running (watch): p50 ${fmtMs(s.p50)}  p99 ${fmtMs(s.p99)}  max ${fmtMs(s.max)}   (goal p99 <= 1 s; Kubernetes' SLO 5 s)`);
    console.log(`  of which created -> bound: p50 ${fmtMs(b.p50)}  p99 ${fmtMs(b.p99)}; the last pod was created ${fmtMs(lastAdded)} after the Deployment`);
    await client.delete('deployments', 'default', 'podstart').catch(() => undefined);
  } finally {
    for (const h of hosts) {
      await h.agent?.stop().catch(() => undefined);
      for (const sb of (await h.runtime?.listSandboxes().catch(() => [])) ?? []) await h.runtime?.removeSandbox(sb.uid).catch(() => undefined);
      if (h.runtime instanceof ProcessRuntime) await h.runtime.dropWarmSandboxes().catch(() => undefined);
      spawnSync('ip', ['link', 'del', h.bridge]);
      rmSync(h.dir, { recursive: true, force: true });
    }
    client.close();
    await cluster.stop();
    if (kind === 'docker') await run('bash', [DOCKERD, 'stop'], { env, timeout: 60_000 }).catch(() => undefined);
  }
}

await main();
process.exit(0);
