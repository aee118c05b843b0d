import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ControlClient } from '../../src/cli/control-client.ts';
import { freePort } from './ports.ts';
import type { BenchCluster, BenchClient } from './cluster.ts';

const BIN = fileURLToPath(new URL('../../bin/shoal.js', import.meta.url));

interface Member {
  name: string;
  client: number;
  peer: number;
  dir: string;
  proc?: ChildProcess;
}

/** `shoal master` processes on loopback, each with its own LevelDB data dir (fsync on). */
export class ShoalCluster implements BenchCluster {
  readonly kind = 'shoal';
  private members: Member[] = [];
  private root = '';

  constructor(
    private readonly size: number,
    private readonly extraFlags: string[] = [],
  ) {}

  async start(): Promise<void> {
    this.root = mkdtempSync(path.join(os.tmpdir(), 'bench-shoal-'));
    for (let i = 0; i < this.size; i++) {
      this.members.push({ name: `m${i}`, client: await freePort(), peer: await freePort(), dir: path.join(this.root, `m${i}`) });
    }
    for (const m of this.members) this.launch(m, 'new');
    await this.leaderEndpoint(30_000);
  }

  private launch(m: Member, state: 'new' | 'existing'): void {
    const initial = this.members.map((x) => `${x.name}=http://127.0.0.1:${x.peer}`).join(',');
    const out = openSync(path.join(this.root, `${m.name}.log`), 'a');
    m.proc = spawn(
      process.execPath,
      [
        // e.g. SHOAL_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the masters
        ...(process.env.SHOAL_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        BIN, 'master',
        '--name', m.name,
        '--data-dir', m.dir,
        '--listen-client-urls', `http://127.0.0.1:${m.client}`,
        '--advertise-client-urls', `http://127.0.0.1:${m.client}`,
        '--listen-peer-urls', `http://127.0.0.1:${m.peer}`,
        '--initial-advertise-peer-urls', `http://127.0.0.1:${m.peer}`,
        '--initial-cluster', initial,
        '--initial-cluster-state', state,
        '--initial-cluster-token', 'bench',
        '--log-level', process.env.SHOAL_BENCH_LOG_LEVEL ?? 'warn',
        ...this.extraFlags,
      ],
      { stdio: ['ignore', out, out] },
    );
  }

  endpoints(): string[] {
    return this.members.map((m) => `127.0.0.1:${m.client}`);
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

  async leaderEndpoint(timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const m of this.members) {
        if (!m.proc || m.proc.exitCode !== null || m.proc.signalCode) continue;
        const ep = `127.0.0.1:${m.client}`;
        const c = this.client(ep, 500);
        try {
          const s = await c.status();
          if (s.leader !== '0' && s.leader === s.id) return ep;
        } catch {
          // not up yet
        } finally {
          c.close();
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`shoal: no leader within ${timeoutMs}ms (logs in ${this.root})`);
  }

  kill(endpoint: string): void {
    this.member(endpoint).proc?.kill('SIGKILL');
  }

  restart(endpoint: string): void {
    this.launch(this.member(endpoint), 'existing');
  }

  private member(endpoint: string): Member {
    const m = this.members.find((x) => endpoint.endsWith(`:${x.client}`));
    if (!m) throw new Error(`no member at ${endpoint}`);
    return m;
  }

  async stop(): Promise<void> {
    for (const m of this.members) m.proc?.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    if (process.env.SHOAL_BENCH_KEEP) console.error(`shoal logs kept in ${this.root}`);
    else rmSync(this.root, { recursive: true, force: true });
  }
}
