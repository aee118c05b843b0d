// `npm run bench:heal -- --real` — an agent host dies, for real: three master processes,
// N real node agents in this process (process runtime, each its own bridge and pod CIDR; root
// and a network sandbox required), a Deployment with ~20 pods per host. Each run kills the
// host with the most pods (its agent's connection and every container on it at once) and
// times until every replica is Ready on the other hosts; the host then comes back empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ApiClient, type Obj } from '../src/client/api-client.ts';
import { Informer } from '../src/control/informer/informer.ts';
import { Agent } from '../src/node/agent.ts';
import { BridgePodNetwork } from '../src/node/network/pod-network.ts';
import { ProcessRuntime } from '../src/node/runtime/process-runtime.ts';
import { ShoalCluster } from './lib/shoal-cluster.ts';
import { fmtMs, summarize } from './lib/stats.ts';

interface Host {
  name: string;
  bridge: string;
  dir: string;
  agent?: Agent;
  runtime?: ProcessRuntime;
}

const isReady = (p: Obj) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True');

export async function healReal(runs: number, hostCount: number, podsPerHost: number): Promise<void> {
  if (process.getuid?.() !== 0 || !process.env.SHOAL_SANDBOX) {
    console.error('bench:heal --real runs real agents with a pod network: run it as root inside the sandbox (bash scripts/sandbox.sh npm run bench:heal -- --real)');
    process.exit(2);
  }
  const logger = process.env.BENCH_LOG ? pino({ level: 'debug' }, pino.destination(process.env.BENCH_LOG)) : pino({ level: 'silent' });
  const cluster = new ShoalCluster(3);
  await cluster.start();
  const client = new ApiClient(cluster.endpoints(), 5000);
  for (let i = 0; i < 100 && !(await client.get('namespaces', '', 'default').catch(() => undefined)); i++) await new Promise((r) => setTimeout(r, 100));
  const hosts: Host[] = Array.from({ length: hostCount }, (_, i) => ({ name: `real-${i + 1}`, bridge: `shoalbh${i}`, dir: mkdtempSync(path.join(tmpdir(), `shoal-real-${i + 1}-`)) }));
  const boot = (h: Host) => {
    h.agent = new Agent({
      name: h.name,
      endpoints: cluster.endpoints(),
      dataDir: h.dir,
      nodeIp: '127.0.0.1',
      capacity: { cpu: '8', memory: '8Gi', pods: String(podsPerHost * hostCount) },
      logger,
      makeRuntime: async (podCidr) => {
        const network = new BridgePodNetwork({ podCidr, dataDir: h.dir, bridge: h.bridge, logger });
        await network.setup();
        h.runtime = new ProcessRuntime({ dataDir: h.dir, podNetwork: network, logger, netnsPrefix: `shoal-${h.name}-`, warmSandboxes: 8 });
        return h.runtime;
      },
    });
    h.agent.start();
  };
  hosts.forEach(boot);
  // Every host Ready before the Deployment, so the pods spread over all of them (otherwise the
  // first to register takes most, and the first kill moves far more than a host's share).
  for (let i = 0; i < 300; i++) {
    const ready = (await client.list('nodes', '')).items.filter((n) => hosts.some((h) => h.name === n.metadata.name) && n.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True'));
    if (ready.length === hosts.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const pods = new Informer(client, 'pods', { namespace: 'default', labelSelector: 'app=heal-real' }, logger);
  if (process.env.BENCH_LOG) {
    // Each pod's way through the heal, beside the agents' own log lines.
    const note = (type: string, p: Obj) =>
      logger.debug({ event: 'bench-watch', type, pod: `default/${p.metadata.name}`, node: p.spec?.nodeName, phase: p.status?.phase, ready: isReady(p), deleting: !!p.metadata.deletionTimestamp }, 'watch event');
    pods.on({ add: (p) => note('ADDED', p), update: (_, p) => note('MODIFIED', p), delete: (p) => note('DELETED', p) });
  }
  pods.start();
  await pods.waitForSync();
  const replicas = podsPerHost * hostCount;
  const dead = new Set<string>();
  const healthy = () => pods.list().filter((p) => isReady(p) && !dead.has(p.spec.nodeName)).length;
  const until = (pred: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const t0 = Date.now();
      const t = setInterval(() => {
        if (pred() || Date.now() - t0 > timeoutMs) {
          clearInterval(t);
          resolve(pred());
        }
      }, 5);
    });
  try {
    await client.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'heal-real' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'heal-real' } },
        template: { metadata: { labels: { app: 'heal-real' } }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', command: ['/bin/sh', '-c', 'exec sleep 36000'], resources: { requests: { cpu: '10m' } } }] } },
      },
    });
    const t0 = Date.now();
    if (!(await until(() => healthy() === replicas, 120_000))) throw new Error(`never ${replicas} ready pods (at ${healthy()})`);
    console.log(`bench:heal --real  ${hostCount} agents (process runtime, pod network), ${replicas} pods ready after ${Date.now() - t0} ms; ${runs} host kills`);
    const times: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const perHost = new Map<string, number>();
      for (const p of pods.list()) if (isReady(p)) perHost.set(p.spec.nodeName, (perHost.get(p.spec.nodeName) ?? 0) + 1);
      const [victimName, count] = [...perHost].sort((a, b) => b[1] - a[1])[0];
      const victim = hosts.find((h) => h.name === victimName)!;
      const start = performance.now();
      logger.info({ event: 'bench-kill', host: victim.name, run }, 'killing an agent host');
      dead.add(victim.name);
      // Its processes die at once (SIGKILL), as with the machine; tidying its namespaces and
      // veths is left until after the measurement.
      const stopped = victim.agent!.stop();
      const running = (await victim.runtime!.listContainers()).filter((c) => c.state === 'running');
      await Promise.all([stopped, ...running.map((c) => victim.runtime!.stopContainer(c.id, 0).catch(() => undefined))]);
      const ok = await until(() => healthy() === replicas, 60_000);
      const ms = performance.now() - start;
      if (!ok) throw new Error(`run ${run}: only ${healthy()}/${replicas} ready on live hosts after 60 s`);
      times.push(ms);
      console.log(`  run ${String(run).padStart(2)}: host ${victim.name} with ${count} pods killed; all ${replicas} ready elsewhere after ${fmtMs(ms)}`);
      for (const sb of await victim.runtime!.listSandboxes()) await victim.runtime!.removeSandbox(sb.uid).catch(() => undefined);
      // The host comes back (empty) for the next run.
      boot(victim);
      dead.delete(victim.name);
      await new Promise((r) => setTimeout(r, 2000));
    }
    const s = summarize(times);
    console.log(`\nagent host kill -> all pods ready elsewhere: p50 ${fmtMs(s.p50)}  p99 ${fmtMs(s.p99)}  max ${fmtMs(s.max)}  (n=${s.n}; goal <= 2 s p99)`);
  } finally {
    pods.stop();
    for (const h of hosts) {
      await h.agent?.stop().catch(() => undefined);
      for (const s of (await h.runtime?.listSandboxes().catch(() => [])) ?? []) await h.runtime?.removeSandbox(s.uid).catch(() => undefined);
      await h.runtime?.dropWarmSandboxes().catch(() => undefined);
      spawnSync('ip', ['link', 'del', h.bridge]);
      rmSync(h.dir, { recursive: true, force: true });
    }
    client.close();
    await cluster.stop();
  }
}
