import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/cli/free-port.ts';
import { initialCluster, memberFlags } from '../../src/cli/member-flags.ts';
import type { BenchClient, BenchCluster } from './cluster.ts';

/** USER_HZ: Linux reports process times in these (100 on every common build). */
const CLOCK_TICKS = 100;

export interface ProcessMember {
  name: string;
  client: number;
  peer: number;
  dir: string;
  proc?: ChildProcess;
}

/**
 * A replicated group run as child processes on loopback, one data dir each: what shoal and
 * etcd have in common for a benchmark. Subclasses say how to launch one member and talk to it.
 */
export abstract class ProcessCluster implements BenchCluster {
  abstract readonly kind: string;
  protected members: ProcessMember[] = [];
  protected root = '';

  constructor(
    protected readonly size: number,
    protected readonly extraFlags: string[] = [],
  ) {}

  protected abstract launch(m: ProcessMember, state: 'new' | 'existing'): void;
  abstract client(endpoint: string, timeoutMs?: number): BenchClient;

  async start(): Promise<void> {
    this.root = mkdtempSync(path.join(os.tmpdir(), `bench-${this.kind}-`));
    for (let i = 0; i < this.size; i++) {
      const name = `${this.kind[0]}${i}`;
      this.members.push({ name, client: await freePort(), peer: await freePort(), dir: path.join(this.root, name) });
    }
    for (const m of this.members) this.launch(m, 'new');
    await this.leaderEndpoint(30_000);
  }

  /** The etcd-style flags placing member `m` (the same list starts etcd and shoal master). */
  protected placementFlags(m: ProcessMember, state: 'new' | 'existing'): string[] {
    const place = (x: ProcessMember) => ({ name: x.name, dataDir: x.dir, host: '127.0.0.1', clientPort: x.client, peerPort: x.peer });
    return memberFlags(place(m), initialCluster(this.members.map(place)), state, 'bench');
  }

  endpoints(): string[] {
    return this.members.map((m) => `127.0.0.1:${m.client}`);
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
    throw new Error(`${this.kind}: no leader within ${timeoutMs}ms (logs in ${this.root})`);
  }

  /** CPU time (user + system, ms) the live members have used so far, from /proc. */
  cpuMs(): number {
    let ticks = 0;
    for (const m of this.members) {
      const pid = m.proc?.pid;
      if (!pid || m.proc!.exitCode !== null) continue;
      try {
        // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(rest[11]) + Number(rest[12]);
      } catch {
        // exited meanwhile
      }
    }
    return (ticks * 1000) / CLOCK_TICKS;
  }

  kill(endpoint: string): void {
    this.member(endpoint).proc?.kill('SIGKILL');
  }

  restart(endpoint: string): void {
    this.launch(this.member(endpoint), 'existing');
  }

  protected member(endpoint: string): ProcessMember {
    const m = this.members.find((x) => endpoint.endsWith(`:${x.client}`));
    if (!m) throw new Error(`${this.kind}: no member at ${endpoint}`);
    return m;
  }

  async stop(): Promise<void> {
    // SIGTERM first, so a profiled member (SHOAL_BENCH_NODE_ARGS=--cpu-prof) writes its profile.
    const alive = this.members.filter((m) => m.proc && m.proc.exitCode === null && !m.proc.signalCode);
    for (const m of alive) m.proc!.kill('SIGTERM');
    await Promise.race([
      Promise.all(alive.map((m) => new Promise((r) => m.proc!.once('exit', r)))),
      new Promise((r) => setTimeout(r, 3000)),
    ]);
    for (const m of this.members) m.proc?.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    if (process.env.SHOAL_BENCH_KEEP) console.error(`${this.kind} logs kept in ${this.root}`);
    else rmSync(this.root, { recursive: true, force: true });
  }
}
