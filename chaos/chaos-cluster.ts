// The cluster under test: M masters and N agents, each on its own test host (hosts.ts), started
// as real processes; a killed one is restarted on its old data with the same flags.
import * as grpc from '@grpc/grpc-js';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { etcdProto } from '../src/store/etcd/etcd-proto.ts';
import { initialCluster, memberFlags } from '../src/cli/member-flags.ts';
import { ChaosHosts, type Host } from './hosts.ts';

export const CLIENT_PORT = 2379;
const PEER_PORT = 2380;
// Room for a long run's log and registry (tmpfs takes memory only as it fills).
const MASTER_DISK_MB = 1024;

export interface ClusterOptions {
  masters: number;
  agents: number;
  root: string;
  /** Extra flags for every master / agent (e.g. a break-on-purpose mode). */
  masterFlags?: string[];
  agentFlags?: string[];
  logLevel?: string;
}

export class ChaosCluster {
  readonly hosts: ChaosHosts;
  readonly masters: Host[] = [];
  readonly agents: Host[] = [];
  private readonly args = new Map<string, string[]>();
  private readonly mounts: string[] = [];

  constructor(private readonly o: ClusterOptions) {
    this.hosts = new ChaosHosts(o.root);
  }

  get endpoints(): string[] {
    return this.masters.map((m) => `${m.ip}:${CLIENT_PORT}`);
  }

  async start(): Promise<void> {
    this.hosts.setup();
    for (let i = 1; i <= this.o.masters; i++) {
      const m = this.hosts.add(`master-${i}`);
      // A size-capped tmpfs under each master's data, so that disk-full can fill it in a moment.
      mkdirSync(`${m.dir}/data`, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${MASTER_DISK_MB}m`, 'tmpfs', `${m.dir}/data`]);
      this.mounts.push(`${m.dir}/data`);
      this.masters.push(m);
    }
    for (let i = 1; i <= this.o.agents; i++) this.agents.push(this.hosts.add(`agent-${i}`));
    const place = (h: Host) => ({ name: h.name, dataDir: `${h.dir}/data`, host: h.ip, clientPort: CLIENT_PORT, peerPort: PEER_PORT });
    const cluster = initialCluster(this.masters.map(place));
    for (const m of this.masters) {
      this.args.set(m.name, [...memberFlags(place(m), cluster, 'new', 'chaos'), `--log-level=${this.o.logLevel ?? 'warn'}`, ...(this.o.masterFlags ?? [])]);
      this.startHost(m);
    }
    await this.leader(30_000);
    for (const a of this.agents) {
      this.args.set(a.name, [
        `--name=${a.name}`,
        `--data-dir=${a.dir}/data`,
        `--endpoints=${this.endpoints.join(',')}`,
        `--node-ip=${a.ip}`,
        '--runtime=process',
        '--pod-network=true',
        '--proxy-mode=iptables',
        `--capacity=cpu=8,memory=8Gi,pods=30`,
        `--log-level=${this.o.logLevel ?? 'warn'}`,
        ...(this.o.agentFlags ?? []),
      ]);
      this.startHost(a);
    }
  }

  isMaster(h: Host): boolean {
    return this.masters.includes(h);
  }

  /** (Re)starts a host's process with its original flags, on its existing data. */
  startHost(h: Host): void {
    const master = this.isMaster(h);
    this.hosts.start(h, master ? 'master' : 'agent', this.args.get(h.name)!, !master);
  }

  running(h: Host): boolean {
    return this.hosts.isRunning(h);
  }

  /** The current Raft leader among running masters (asks each for its status). */
  async leader(timeoutMs = 10_000): Promise<Host> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const m of this.masters) {
        if (!this.running(m)) continue;
        const s = await memberStatus(`${m.ip}:${CLIENT_PORT}`).catch(() => undefined);
        if (s && s.leader !== '0' && s.leader === s.id) return m;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no leader within ${timeoutMs} ms`);
  }

  async stop(): Promise<void> {
    await this.hosts.cleanup();
    for (const m of this.mounts) spawnSync('umount', ['-l', m], { stdio: 'ignore' });
  }
}

function memberStatus(endpoint: string): Promise<{ id: string; leader: string }> {
  const c = new (etcdProto().Maintenance)(endpoint, grpc.credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 });
  return new Promise<{ id: string; leader: string }>((resolve, reject) => {
    c.Status({}, { deadline: Date.now() + 500 }, (err, res) => {
      c.close();
      if (err || !res) reject(err ?? new Error('no status'));
      else resolve({ id: String(res.header?.memberId ?? '0'), leader: String(res.leader ?? '0') });
    });
  });
}
