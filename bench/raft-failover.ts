// npm run bench:failover — kill -9 the leader of a 3-process group under load, N times: how
// long until a write issued after the kill is committed? Real etcd measured the same way.
import os from 'node:os';
import { benchArgs } from './lib/args.ts';
import type { BenchClient, BenchCluster } from './lib/cluster.ts';
import { EtcdCluster } from './lib/etcd-cluster.ts';
import { ShoalCluster } from './lib/shoal-cluster.ts';
import { fmtMs, summarize } from './lib/stats.ts';

const { targets, values } = benchArgs({
  kills: { type: 'string', default: '20' },
  'interval-ms': { type: 'string', default: '2' },
});
const kills = Number(values.kills);
const intervalMs = Number(values['interval-ms']);
if (!Number.isInteger(kills) || kills < 1) {
  console.error(`--kills: must be a positive integer, got ${values.kills}`);
  process.exit(2);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Open-loop load: every `intervalMs`, one 256-byte write to each live member (followers
 * forward to the leader). Open loop, so a write stuck on the dead leader never stops newer
 * writes from being tried.
 */
class Load {
  private timer: NodeJS.Timeout | undefined;
  private dead = new Set<string>();
  /** Issue and acknowledgement times (performance.now) of successful writes. */
  acks: { issued: number; acked: number }[] = [];
  failures = 0;
  private seq = 0;

  constructor(private readonly clients: BenchClient[]) {}

  start(): void {
    const value = new Uint8Array(256).fill(97);
    this.timer = setInterval(() => {
      for (const c of this.clients) {
        if (this.dead.has(c.endpoint)) continue;
        const issued = performance.now();
        c.put(`failover/${this.seq++ % 512}`, value, 3000).then(
          () => this.acks.push({ issued, acked: performance.now() }),
          () => this.failures++,
        );
      }
    }, intervalMs);
  }

  markDead(ep: string): void {
    this.dead.add(ep);
  }

  markAlive(ep: string): void {
    this.dead.delete(ep);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** Until the restarted member answers and follows a leader: the next kill needs a quorum. */
async function waitRejoined(cluster: BenchCluster, endpoint: string): Promise<void> {
  const c = cluster.client(endpoint);
  const deadline = performance.now() + 30_000;
  try {
    while (performance.now() < deadline) {
      const s = await c.status().catch(() => undefined);
      if (s && s.leader !== '0') return;
      await sleep(50);
    }
    throw new Error(`${cluster.kind}: ${endpoint} did not rejoin within 30 s of its restart`);
  } finally {
    c.close();
  }
}

async function run(cluster: BenchCluster): Promise<number[]> {
  await cluster.start();
  const clients = cluster.endpoints().map((ep) => cluster.client(ep));
  const load = new Load(clients);
  load.start();
  const recoveries: number[] = [];
  try {
    await sleep(1500);
    for (let k = 0; k < kills; k++) {
      const leader = await cluster.leaderEndpoint(15_000);
      load.markDead(leader);
      const t0 = performance.now();
      cluster.kill(leader);
      // Recovered: the first write issued after the kill that got committed.
      const deadline = t0 + 20_000;
      let recovered: number | undefined;
      while (performance.now() < deadline && recovered === undefined) {
        await sleep(5);
        const first = load.acks.filter((a) => a.issued >= t0).sort((a, b) => a.acked - b.acked)[0];
        if (first) recovered = first.acked - t0;
      }
      if (recovered === undefined) throw new Error(`${cluster.kind}: no write committed within 20 s of kill ${k + 1}`);
      recoveries.push(recovered);
      console.error(`${cluster.kind} kill ${k + 1}/${kills}: leader ${leader} killed, writes resumed after ${fmtMs(recovered)}`);
      // Bring the old leader back on its data and let it catch up before the next kill.
      cluster.restart(leader);
      await waitRejoined(cluster, leader);
      load.markAlive(leader);
      await sleep(1000);
      load.acks = load.acks.filter((a) => a.issued >= performance.now() - 1000);
    }
  } finally {
    load.stop();
    await sleep(100);
    for (const c of clients) c.close();
    await cluster.stop();
  }
  return recoveries;
}

const results: { target: string; n: number; p50: number; p99: number; max: number; mean: number }[] = [];
for (const target of targets) {
  // Each with its defaults: shoal heartbeat 50 ms / election 300 ms; etcd 100 ms / 1000 ms.
  const cluster: BenchCluster = target === 'shoal' ? new ShoalCluster(3, ['--api=false']) : new EtcdCluster(3);
  const r = await run(cluster);
  results.push({ target, ...summarize(r) });
}

console.log(`\nbench:failover — kill -9 of the leader of 3 processes under open-loop write load (every ${intervalMs} ms to each live member), ${kills} kills`);
console.log(`machine: ${os.cpus().length} cores, load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('target  kills  p50 recovery  p99 recovery  max recovery  mean');
for (const r of results) {
  console.log(`${r.target.padEnd(7)} ${String(r.n).padStart(5)}  ${fmtMs(r.p50).padStart(12)}  ${fmtMs(r.p99).padStart(12)}  ${fmtMs(r.max).padStart(12)}  ${fmtMs(r.mean)}`);
}
const s = results.find((r) => r.target === 'shoal');
const e = results.find((r) => r.target === 'etcd');
if (s && e) console.log(`shoal p99 recovery is ${(e.p99 / s.p99).toFixed(1)}x shorter than etcd's`);
if (values.json) console.log(JSON.stringify(results));
