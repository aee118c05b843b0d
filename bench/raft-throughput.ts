// npm run bench:raft — commits/s and commit latency of a 3-peer group (separate processes,
// gRPC on loopback, LevelDB with fsync), 256-byte proposals, 1/16/64/256 concurrent
// proposers on the leader; real etcd measured the same way in the same run.
import os from 'node:os';
import { benchArgs, intList } from './lib/args.ts';
import type { BenchCluster } from './lib/cluster.ts';
import { EtcdCluster } from './lib/etcd-cluster.ts';
import { ShoalCluster } from './lib/shoal-cluster.ts';
import { fmtMs, summarize } from './lib/stats.ts';

const { targets, values } = benchArgs({
  concurrency: { type: 'string', default: '1,16,64,256' },
  seconds: { type: 'string', default: '5' },
  size: { type: 'string', default: '256' },
});
const levels = intList(String(values.concurrency), '--concurrency');
const seconds = Number(values.seconds);
const size = Number(values.size);
if (!(seconds > 0) || !(size > 0)) {
  console.error('--seconds and --size must be positive numbers');
  process.exit(2);
}

interface Row {
  target: string;
  concurrency: number;
  commitsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(cluster: BenchCluster, concurrency: number): Promise<Row> {
  const leader = await cluster.leaderEndpoint();
  const client = cluster.client(leader);
  const value = new Uint8Array(size).fill(120);
  const latencies: number[] = [];
  let errors = 0;
  // A short warm-up so JIT and connection set-up are not measured.
  const warmEnd = Date.now() + 500;
  while (Date.now() < warmEnd) await client.put('bench/warm', value, 5000).catch(() => undefined);
  const end = performance.now() + seconds * 1000;
  let seq = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await client.put(`bench/${seq++ % 1024}`, value, 5000);
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  client.close();
  const s = summarize(latencies);
  return { target: cluster.kind, concurrency, commitsPerSec: s.n / elapsed, p50: s.p50, p99: s.p99, errors };
}

const rows: Row[] = [];
for (const target of targets) {
  const cluster: BenchCluster = target === 'shoal' ? new ShoalCluster(3, ['--api=false']) : new EtcdCluster(3);
  await cluster.start();
  try {
    for (const c of levels) {
      const row = await measure(cluster, c);
      rows.push(row);
      console.error(`${row.target} c=${c}: ${row.commitsPerSec.toFixed(0)} commits/s, p50 ${fmtMs(row.p50)}, p99 ${fmtMs(row.p99)}`);
    }
  } finally {
    await cluster.stop();
  }
}

console.log(`\nbench:raft — 3 peers, separate processes, loopback gRPC, fsync on; ${size}-byte proposals, ${seconds}s per level`);
console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('target  concurrency  commits/s   p50 latency  p99 latency  errors  vs etcd (commits/s)');
for (const r of rows) {
  const peer = rows.find((x) => x.target === 'etcd' && x.concurrency === r.concurrency);
  const ratio = r.target !== 'etcd' && peer ? `${(r.commitsPerSec / peer.commitsPerSec).toFixed(2)}x` : '';
  console.log(
    `${r.target.padEnd(7)} ${String(r.concurrency).padStart(11)}  ${r.commitsPerSec.toFixed(0).padStart(9)}  ${fmtMs(r.p50).padStart(11)}  ${fmtMs(r.p99).padStart(11)}  ${String(r.errors).padStart(6)}  ${ratio}`,
  );
}
if (values.json) console.log(JSON.stringify(rows));
