import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EtcdApiClient } from './etcd-api-client.ts';
import { ProcessCluster, type ProcessMember } from './process-cluster.ts';

const BIN = fileURLToPath(new URL('../../bin/shoal.js', import.meta.url));

/** `shoal master` processes on loopback, each with its own LevelDB data dir (fsync on). */
export class ShoalCluster extends ProcessCluster {
  readonly kind = 'shoal';

  protected launch(m: ProcessMember, state: 'new' | 'existing'): void {
    const out = openSync(path.join(this.root, `${m.name}.log`), 'a');
    m.proc = spawn(
      process.execPath,
      [
        // e.g. SHOAL_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the masters
        ...(process.env.SHOAL_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        BIN, 'master',
        ...this.placementFlags(m, state),
        '--log-level', process.env.SHOAL_BENCH_LOG_LEVEL ?? 'warn',
        ...this.extraFlags,
      ],
      { stdio: ['ignore', out, out] },
    );
  }

  client(endpoint: string, timeoutMs = 5000): EtcdApiClient {
    // A shoal master's client port speaks the etcd v3 API: the same client as for etcd.
    return new EtcdApiClient(endpoint, timeoutMs);
  }
}
