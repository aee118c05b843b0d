// One real master in this process (a Raft group of one, LevelDB with fsync, the resource API
// and its watch hub), with no controllers of its own, plus a LeaderElectedRunner for the
// components a benchmark wants to measure (the scheduler). The same setup as the control-plane
// tests' harness, without importing from test/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { freePort } from '../../src/cli/free-port.ts';
import { parseMasterFlags } from '../../src/cli/master-flags.ts';
import { LocalResourceClient } from '../../src/control/client/local-resource-client.ts';
import type { ResourceClient } from '../../src/control/client/resource-client.ts';
import { LeaderElectedRunner } from '../../src/control/controller-manager.ts';
import type { Controller } from '../../src/control/controllers/controller.ts';
import { SharedInformers } from '../../src/control/informer/shared-informers.ts';
import { startMaster, type RunningMaster } from '../../src/master/master.ts';
import { LocalKvClient } from '../../src/store/client/local-kv-client.ts';

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, explain: () => string, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${explain()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface InProcessMaster {
  master: RunningMaster;
  /** An unfenced client straight on the master's API (no network, no serialization). */
  client: ResourceClient;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts one master serving the resource API with `--controllers=false` (and any extra flags), and waits for its system namespaces. */
export async function startInProcessMaster(flags: string[] = []): Promise<InProcessMaster> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shoal-bench-'));
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const parsed = parseMasterFlags([
    '--name=b1',
    `--data-dir=${dataDir}`,
    `--listen-client-urls=http://127.0.0.1:${clientPort}`,
    `--advertise-client-urls=http://127.0.0.1:${clientPort}`,
    `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
    `--initial-cluster=b1=http://127.0.0.1:${peerPort}`,
    '--api=true',
    '--controllers=false',
    ...flags,
  ]);
  if (parsed.help) throw new Error('unexpected help');
  const master = await startMaster(parsed.config, pino({ level: process.env.SHOAL_BENCH_LOG_LEVEL ?? 'silent' }));
  await waitFor(() => (master.node.status().leader === master.node.id ? true : undefined), 10_000, () => 'the master did not elect itself');
  const client = new LocalResourceClient(master.api);
  await waitFor(async () => (await client.get('namespaces', '', 'kube-system').catch(() => undefined)) ?? undefined, 10_000, () => 'system namespaces never appeared');
  return {
    master,
    client,
    dataDir,
    async stop() {
      await master.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RunningComponents {
  runner: LeaderElectedRunner;
  informers: SharedInformers;
  stop(): Promise<void>;
}

/** Runs components under leader election on the master (as a master does) and waits until they lead. */
export async function runComponents(m: InProcessMaster, components: Controller[], resources: string[], leaseName: string): Promise<RunningComponents> {
  const logger = pino({ level: process.env.SHOAL_BENCH_LOG_LEVEL ?? 'silent' });
  const informers = new SharedInformers(m.client, logger);
  const runner = new LeaderElectedRunner({
    leaseName,
    identity: 'bench-master',
    client: m.client,
    kv: new LocalKvClient(m.master.registry),
    informers,
    components,
    resources,
    logger,
  });
  runner.start();
  await waitFor(() => (runner.isLeader ? true : undefined), 10_000, () => 'the runner never led');
  await informers.waitForSync(resources);
  return {
    runner,
    informers,
    async stop() {
      await runner.stop();
      informers.stop();
    },
  };
}
