import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { freePort } from './ports.ts';
import type { BenchCluster, BenchClient } from './cluster.ts';

const require = createRequire(import.meta.url);
const protoDir = path.dirname(require.resolve('etcd3/proto/rpc.proto'));

// etcd's own wire schema, as the etcd3 package ships it: this is the real etcd API.
const pkg = grpc.loadPackageDefinition(
  protoLoader.loadSync(path.join(protoDir, 'rpc.proto'), { keepCase: true, longs: Number, defaults: true, includeDirs: [protoDir] }),
) as any;

interface Member {
  name: string;
  client: number;
  peer: number;
  dir: string;
  proc?: ChildProcess;
}

/**
 * A real etcd (Debian's etcd-server) group on loopback, with its default timing (heartbeat
 * 100 ms, election 1000 ms) unless told otherwise: the peer shoal is measured against.
 */
export class EtcdCluster implements BenchCluster {
  readonly kind = 'etcd';
  private members: Member[] = [];
  private root = '';

  constructor(
    private readonly size: number,
    private readonly extraFlags: string[] = [],
  ) {}

  async start(): Promise<void> {
    this.root = mkdtempSync(path.join(os.tmpdir(), 'bench-etcd-'));
    for (let i = 0; i < this.size; i++) {
      this.members.push({ name: `e${i}`, client: await freePort(), peer: await freePort(), dir: path.join(this.root, `e${i}`) });
    }
    for (const m of this.members) this.launch(m, 'new');
    await this.waitLeader(20_000);
  }

  private launch(m: Member, state: 'new' | 'existing'): void {
    const initial = this.members.map((x) => `${x.name}=http://127.0.0.1:${x.peer}`).join(',');
    const out = openSync(path.join(this.root, `${m.name}.log`), 'a');
    m.proc = spawn(
      'etcd',
      [
        '--name', m.name,
        '--data-dir', m.dir,
        '--listen-client-urls', `http://127.0.0.1:${m.client}`,
        '--advertise-client-urls', `http://127.0.0.1:${m.client}`,
        '--listen-peer-urls', `http://127.0.0.1:${m.peer}`,
        '--initial-advertise-peer-urls', `http://127.0.0.1:${m.peer}`,
        '--initial-cluster', initial,
        '--initial-cluster-state', state,
        '--initial-cluster-token', 'bench',
        ...this.extraFlags,
      ],
      { stdio: ['ignore', out, out] },
    );
  }

  endpoints(): string[] {
    return this.members.map((m) => `127.0.0.1:${m.client}`);
  }

  client(endpoint: string): BenchClient {
    const kv = new pkg.etcdserverpb.KV(endpoint, grpc.credentials.createInsecure());
    const maint = new pkg.etcdserverpb.Maintenance(endpoint, grpc.credentials.createInsecure());
    return {
      endpoint,
      put: (key: string, value: Uint8Array, timeoutMs: number) =>
        new Promise<void>((resolve, reject) =>
          kv.Put({ key: Buffer.from(key), value: Buffer.from(value) }, { deadline: Date.now() + timeoutMs }, (err: Error | null) =>
            err ? reject(err) : resolve(),
          ),
        ),
      status: () =>
        new Promise((resolve, reject) =>
          maint.Status({}, { deadline: Date.now() + 1000 }, (err: Error | null, res: any) =>
            err ? reject(err) : resolve({ id: String(res.header.member_id), leader: String(res.leader), term: Number(res.raftTerm ?? res.raft_term ?? 0) }),
          ),
        ),
      close: () => {
        kv.close();
        maint.close();
      },
    };
  }

  async leaderEndpoint(timeoutMs = 10_000): Promise<string> {
    return this.waitLeader(timeoutMs);
  }

  private async waitLeader(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const ep of this.endpoints()) {
        const m = this.members.find((x) => ep.endsWith(`:${x.client}`))!;
        if (!m.proc || m.proc.exitCode !== null || m.proc.signalCode) continue;
        const c = this.client(ep);
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
    throw new Error(`etcd: no leader within ${timeoutMs}ms`);
  }

  kill(endpoint: string): void {
    const m = this.members.find((x) => endpoint.endsWith(`:${x.client}`))!;
    m.proc?.kill('SIGKILL');
  }

  restart(endpoint: string): void {
    const m = this.members.find((x) => endpoint.endsWith(`:${x.client}`))!;
    this.launch(m, 'existing');
  }

  async stop(): Promise<void> {
    for (const m of this.members) m.proc?.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    rmSync(this.root, { recursive: true, force: true });
  }
}
