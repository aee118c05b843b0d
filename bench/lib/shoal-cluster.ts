import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ControlClient } from '../../src/cli/control-client.ts';
import type { BenchClient } from './cluster.ts';
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

  client(endpoint: string, timeoutMs = 5000): BenchClient {
    const c = new ControlClient(endpoint, timeoutMs);
    return {
      endpoint,
      // The control port's Propose answers once the entry is committed and applied.
      put: async (_key: string, value: Uint8Array) => {
        await c.propose(value);
      },
      status: async () => {
        const s = await c.status();
        return { id: String(s.id), leader: String(s.leaderId), term: Number(s.term) };
      },
      close: () => c.close(),
    };
  }
}
