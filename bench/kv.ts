// npm run bench:kv — the registry against real etcd, one after the other in one run, same
// machine, same client code (the etcd v3 API): 3 members each, 256-byte values.
//   put          writes to the leader from N concurrent clients
//   get-linear   linearizable reads (ReadIndex), spread over all members
//   get-serial   serializable reads (local), spread over all members
//   watch        W watchers on one prefix while 16 writers put: events delivered per second
//                and put-to-event latency
// Optional --history N first writes N revisions over 1,000 keys, then times single reads
// against a fresh group's (how reads age with history).
import os from 'node:os';
import { benchArgs, intList } from './lib/args.ts';
import type { ProcessCluster } from './lib/process-cluster.ts';
import { EtcdApiClient } from './lib/etcd-api-client.ts';
import { EtcdCluster } from './lib/etcd-cluster.ts';
import { ShoalCluster } from './lib/shoal-cluster.ts';
import { fmtMs, summarize } from './lib/stats.ts';

const { targets, values } = benchArgs({
  clients: { type: 'string', default: '64,256' },
  seconds: { type: 'string', default: '5' },
  size: { type: 'string', default: '256' },
  watchers: { type: 'string', default: '256' },
  workloads: { type: 'string', default: 'put,get-linear,get-serial,watch' },
  history: { type: 'string', default: '0' },
  conns: { type: 'string', default: '8' },
  keys: { type: 'string', default: '10000' },
  rounds: { type: 'string', default: '1' },
});
const levels = intList(String(values.clients), '--clients');
const seconds = Number(values.seconds);
const size = Number(values.size);
const watchers = Number(values.watchers);
const history = Number(values.history);
const conns = Number(values.conns);
const workloads = String(values.workloads).split(',').filter(Boolean);
const KEYS = Number(values.keys);
// On a noisy machine one run of each target says little: --rounds N alternates shoal and etcd
// N times and reports each row's median round (by ops/s).
const rounds = Number(values.rounds);

interface Row {
  target: string;
  workload: string;
  clients: number;
  opsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU the three servers used per operation (user + system, all threads): work, not wait. */
  cpuUsPerOp: number;
}

/** `conns` connections per endpoint, shared round-robin by the workers. */
function pool(endpoints: string[]): EtcdApiClient[] {
  const out: EtcdApiClient[] = [];
  for (let i = 0; i < conns; i++) for (const ep of endpoints) out.push(new EtcdApiClient(ep, 5000));
  return out;
}

async function closedLoop(clients: EtcdApiClient[], n: number, op: (c: EtcdApiClient, i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let errors = 0;
  const warmEnd = performance.now() + 500;
  const end = warmEnd + seconds * 1000;
  let seq = 0;
  const worker = async (w: number) => {
    const c = clients[w % clients.length];
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await op(c, seq++);
        if (t0 >= warmEnd) latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: n }, (_, w) => worker(w)));
  return { latencies, errors, elapsed: seconds };
}

async function run(cluster: ProcessCluster, workload: string, n: number): Promise<Row> {
  const leader = await cluster.leaderEndpoint();
  const value = new Uint8Array(size).fill(120);
  const key = (i: number) => `bench/k${(i * 7919) % KEYS}`;
  if (workload === 'watch') return watchRun(cluster, leader, value);
  const clients = pool(workload === 'put' ? [leader] : cluster.endpoints());
  try {
    const cpu0 = cluster.cpuMs();
    const r = await closedLoop(clients, n, (c, i) => (workload === 'put' ? c.put(key(i), value) : c.get(key(i), workload === 'get-serial')));
    const cpu = cluster.cpuMs() - cpu0;
    const s = summarize(r.latencies);
    return { target: cluster.kind, workload, clients: n, opsPerSec: s.n / r.elapsed, p50: s.p50, p99: s.p99, errors: r.errors, cpuUsPerOp: (cpu * 1000) / Math.max(1, s.n) };
  } finally {
    for (const c of clients) c.close();
  }
}

async function watchRun(cluster: ProcessCluster, leader: string, value: Uint8Array): Promise<Row> {
  const eps = cluster.endpoints();
  const watchClients = eps.map((ep) => new EtcdApiClient(ep));
  let delivered = 0;
  const lat: number[] = [];
  const sentAt = new Map<string, number>();
  let measuring = false;
  const watches = Array.from({ length: watchers }, (_, i) =>
    watchClients[i % watchClients.length].watchPrefix('watch/', (n, res) => {
      if (!measuring) return;
      delivered += n;
      const t = sentAt.get(Buffer.from(res.events[0].kv!.key).toString());
      if (t !== undefined && i % 16 === 0) lat.push(performance.now() - t);
    }),
  );
  await Promise.all(watches.map((w) => w.created));
  const writers = pool([leader]);
  measuring = true;
  const cpu0 = cluster.cpuMs();
  const r = await closedLoop(writers, 16, async (c, i) => {
    const k = `watch/${i}`;
    sentAt.set(k, performance.now());
    await c.put(k, value);
  });
  await new Promise((res) => setTimeout(res, 500));
  measuring = false;
  for (const w of watches) w.close();
  for (const c of [...watchClients, ...writers]) c.close();
  const cpu = cluster.cpuMs() - cpu0;
  const s = summarize(lat);
  return { target: cluster.kind, workload: `watch x${watchers}`, clients: 16, opsPerSec: delivered / (r.elapsed + 0.5), p50: s.p50, p99: s.p99, errors: r.errors, cpuUsPerOp: (cpu * 1000) / Math.max(1, delivered) };
}

async function historyRun(cluster: ProcessCluster): Promise<Row[]> {
  const leader = await cluster.leaderEndpoint();
  const c = new EtcdApiClient(leader, 10_000);
  const value = new Uint8Array(size).fill(121);
  const probe = async (label: string) => {
    const lat: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      await c.get(`hist/${i % 1000}`, true);
      lat.push(performance.now() - t0);
    }
    const s = summarize(lat);
    return { target: cluster.kind, workload: label, clients: 1, opsPerSec: 2000 / (lat.reduce((a, b) => a + b, 0) / 1000), p50: s.p50, p99: s.p99, errors: 0, cpuUsPerOp: 0 };
  };
  for (let i = 0; i < 1000; i += 100) await Promise.all(Array.from({ length: 100 }, (_, j) => c.put(`hist/${i + j}`, value)));
  const fresh = await probe('read fresh');
  const writers = pool([leader]);
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async (_, w) => {
      const cl = writers[w % writers.length];
      while (done < history) {
        const i = done++;
        await cl.put(`hist/${i % 1000}`, value).catch(() => undefined);
        if (i % 50_000 === 0) console.error(`${cluster.kind}: ${i} revisions written (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    }),
  );
  for (const w of writers) w.close();
  const aged = await probe(`read after ${history}`);
  c.close();
  return [fresh, aged];
}

/**
 * Every key written once before anything is measured: puts then update existing keys, reads
 * find them, and both servers' code is warm (a JIT needs the first thousands of requests).
 */
async function prefill(cluster: ProcessCluster): Promise<void> {
  const c = new EtcdApiClient(await cluster.leaderEndpoint(), 10_000);
  const value = new Uint8Array(size).fill(119);
  for (let i = 0; i < KEYS; i += 250) await Promise.all(Array.from({ length: Math.min(250, KEYS - i) }, (_, j) => c.put(`bench/k${i + j}`, value)));
  c.close();
}

const all: Row[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const target of targets) {
    const cluster = target === 'shoal' ? new ShoalCluster(3, ['--api=false']) : new EtcdCluster(3);
    await cluster.start();
    try {
      await prefill(cluster);
      for (const w of workloads) {
        for (const n of w === 'watch' ? [16] : levels) {
          const row = await run(cluster, w, n);
          all.push(row);
          console.error(`round ${round} ${row.target} ${row.workload} c=${row.clients}: ${row.opsPerSec.toFixed(0)}/s, p50 ${fmtMs(row.p50)}, p99 ${fmtMs(row.p99)}, errors ${row.errors}`);
        }
      }
      if (history > 0 && round === 1) all.push(...(await historyRun(cluster)));
    } finally {
      await cluster.stop();
    }
  }
}

/** Per (target, workload, clients): the median round by ops/s. */
const rows: Row[] = [];
for (const r of all) {
  if (rows.some((x) => x.target === r.target && x.workload === r.workload && x.clients === r.clients)) continue;
  const same = all.filter((x) => x.target === r.target && x.workload === r.workload && x.clients === r.clients).sort((a, b) => a.opsPerSec - b.opsPerSec);
  rows.push(same[Math.floor(same.length / 2)]);
}
rows.sort((a, b) => (a.target === b.target ? 0 : a.target === 'shoal' ? -1 : 1));

console.log(`\nbench:kv — 3 members each, separate processes, loopback, fsync on; ${size}-byte values, ${seconds} s per row, ${conns} connections per endpoint${rounds > 1 ? `; median of ${rounds} alternating rounds` : ''}`);
console.log(`machine: ${os.cpus().length} cores, load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (clients share the machine with the servers)`);
console.log('target  workload           clients     ops/s   p50 latency  p99 latency  errors  server CPU/op   vs etcd: ops/s  p99  CPU/op');
for (const r of rows) {
  const peer = rows.find((x) => x.target === 'etcd' && x.workload === r.workload && x.clients === r.clients);
  const ratio =
    r.target !== 'etcd' && peer
      ? `${(r.opsPerSec / peer.opsPerSec).toFixed(2)}x`.padStart(15) + `  ${(r.p99 / peer.p99).toFixed(2)}x` + (peer.cpuUsPerOp > 0 ? `  ${(r.cpuUsPerOp / peer.cpuUsPerOp).toFixed(2)}x` : '')
      : '';
  const cpu = r.cpuUsPerOp > 0 ? `${r.cpuUsPerOp.toFixed(0)} us` : '';
  console.log(
    `${r.target.padEnd(7)} ${r.workload.padEnd(18)} ${String(r.clients).padStart(7)} ${r.opsPerSec.toFixed(0).padStart(9)}  ${fmtMs(r.p50).padStart(11)}  ${fmtMs(r.p99).padStart(11)}  ${String(r.errors).padStart(6)}  ${cpu.padStart(13)}  ${ratio}`,
  );
}
if (values.json) console.log(JSON.stringify(rows));
