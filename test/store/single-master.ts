// One real master in this process (a group of one) on free loopback ports, for tests of the
// client port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { freePort } from '../../src/cli/free-port.ts';
import { parseMasterFlags } from '../../src/cli/master-flags.ts';
import type { MasterConfig } from '../../src/master/config.ts';
import { startMaster, type RunningMaster } from '../../src/master/master.ts';
import { waitFor } from '../cli/harness.ts';

export interface SingleMaster {
  master: RunningMaster;
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts and waits until it leads; `flags` are extra `shoal master` flags, `tweak` edits the parsed config. */
export async function startSingleMaster(flags: string[] = [], tweak: (c: MasterConfig) => MasterConfig = (c) => c): Promise<SingleMaster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'shoal-single-'));
  const [client, peer] = [await freePort(), await freePort()];
  const parsed = parseMasterFlags([
    '--name=s1',
    `--data-dir=${dir}`,
    `--listen-client-urls=http://127.0.0.1:${client}`,
    `--advertise-client-urls=http://127.0.0.1:${client}`,
    `--listen-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-cluster=s1=http://127.0.0.1:${peer}`,
    // A plain etcd-compatible store unless the test asks for the resource API.
    ...(flags.some((f) => f.startsWith('--api=') || f.startsWith('--controllers=')) ? [] : ['--api=false']),
    ...flags,
  ]);
  if (parsed.help) throw new Error('unexpected help');
  const master = await startMaster(tweak(parsed.config), pino({ level: 'silent' }));
  await waitFor(async () => (master.node.status().leader === master.node.id ? true : undefined), 10_000, () => 'the single master did not elect itself');
  return {
    master,
    endpoint: `127.0.0.1:${master.clientPort}`,
    async stop() {
      await master.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
