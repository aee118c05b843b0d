// npm run bench:api — the resource API on a group of three master processes (fsync on):
//   create   N clients create ConfigMaps (a compare-and-swap on absence each)
//   update   N clients each replace their own object with its current resourceVersion
//   get      N clients read one object each (linearizable)
//   list     N clients list the first page (limit 100) of a namespace of 1,000 objects
//   watch    W watchers on one namespace while 16 clients create: how long after a write's
//            acknowledgement each watcher hears it (and after the write was sent)
// Targets (issue 4): mutating p99 <= 50 ms at 64 clients; watch delivery p99 <= 20 ms.
// There is no Kubernetes API server on this machine to measure beside it.
import os from 'node:os';
import { ApiClient, type Obj } from '../src/cli/api-client.ts';
import { benchArgs, intList } from './lib/args.ts';
import { ShoalCluster } from './lib/shoal-cluster.ts';
import { fmtMs, summarize } from './lib/stats.ts';

const { values } = benchArgs({
  clients: { type: 'string', default: '64' },
  seconds: { type: 'string', default: '5' },
  watchers: { type: 'string', default: '16' },
  workloads: { type: 'string', default: 'create,update,get,list,watch' },
  conns: { type: 'string', default: '4' },
  'list-size': { type: 'string', default: '1000' },
  'leader-only': { type: 'boolean', default: false },
  // e.g. --master-flags=--controllers=false to measure the API without the control plane
  'master-flags': { type: 'string', default: '' },
});
const levels = intList(String(values.clients), '--clients');
const seconds = Number(values.seconds);
const watchers = Number(values.watchers);
const conns = Number(values.conns);
const listSize = Number(values['list-size']);
const workloads = String(values.workloads).split(',').filter(Boolean);

interface Row {
  workload: string;
  clients: number;
  opsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  cpuUsPerOp: number;
}

const cm = (name: string, n: number, labels: Record<string, string> = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data: { n: String(n), payload: 'x'.repeat(200) },
});

function pool(endpoints: string[]): ApiClient[] {
  const out: ApiClient[] = [];
  for (let i = 0; i < conns; i++) for (const ep of endpoints) out.push(new ApiClient([ep], 10_000));
  return out;
}

async function closedLoop(n: number, op: (worker: number, i: number) => Promise<unknown>): Promise<{ lat: number[]; errors: number; elapsed: number }> {
  const lat: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: n }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        const s = performance.now();
        try {
          await op(w, i);
          lat.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { lat, errors, elapsed: (performance.now() - t0) / 1000 };
}

async function ensureNamespace(c: ApiClient, name: string): Promise<void> {
  await c.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }).catch(() => undefined);
}

async function main(): Promise<void> {
  console.log(`bench:api  ${os.cpus().length} cpus, ${seconds}s per row, ${conns} connections per master`);
  const cluster = new ShoalCluster(3, String(values['master-flags']).split(' ').filter(Boolean));
  await cluster.start();
  // --leader-only: every client talks to the leader (as bench:kv's puts do); by default
  // clients spread over all masters and followers forward writes to the leader.
  const endpoints = values['leader-only'] ? [await cluster.leaderEndpoint()] : cluster.endpoints();
  const admin = new ApiClient(endpoints);
  // The masters create the system namespaces right after their first election.
  for (let i = 0; i < 100; i++) {
    if (await admin.get('namespaces', '', 'default').catch(() => undefined)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const clients = pool(endpoints);
  const rows: Row[] = [];
  const measure = async (workload: string, n: number, op: (w: number, i: number) => Promise<unknown>) => {
    const cpu0 = cluster.cpuMs();
    const r = await closedLoop(n, op);
    const cpu = cluster.cpuMs() - cpu0;
    const s = summarize(r.lat);
    rows.push({ workload, clients: n, opsPerSec: s.n / r.elapsed, p50: s.p50, p99: s.p99, errors: r.errors, cpuUsPerOp: (cpu * 1000) / Math.max(1, s.n) });
    console.log(`  ${workload.padEnd(7)} ${String(n).padStart(4)} clients  ${(s.n / r.elapsed).toFixed(0).padStart(6)} ops/s  p50 ${fmtMs(s.p50)}  p99 ${fmtMs(s.p99)}  errors ${r.errors}`);
  };

  try {
    for (const n of levels) {
      const ns = `bench-${n}`;
      await ensureNamespace(admin, ns);
      const mine = new Map<number, Obj>();
      if (workloads.includes('create')) {
        await measure('create', n, async (w, i) => {
          const o = await clients[w % clients.length].create('configmaps', ns, cm(`c-${w}-${i}`, i));
          mine.set(w, o);
        });
      }
      if (workloads.includes('update')) {
        for (let w = 0; w < n; w++) if (!mine.has(w)) mine.set(w, await admin.create('configmaps', ns, cm(`u-${w}`, 0)));
        await measure('update', n, async (w, i) => {
          const o = structuredClone(mine.get(w)!);
          o.data.n = String(i + 1);
          mine.set(w, await clients[w % clients.length].update('configmaps', ns, o));
        });
      }
      if (workloads.includes('get')) {
        for (let w = 0; w < n; w++) if (!mine.has(w)) mine.set(w, await admin.create('configmaps', ns, cm(`g-${w}`, 0)));
        await measure('get', n, (w) => clients[w % clients.length].get('configmaps', ns, mine.get(w)!.metadata.name));
      }
      if (workloads.includes('list')) {
        const lns = `bench-list-${n}`;
        await ensureNamespace(admin, lns);
        const have = (await admin.list('configmaps', lns, { limit: 1 })).remainingItemCount + 1;
        const fill = Array.from({ length: Math.max(0, listSize - have) }, (_, i) => i);
        await Promise.all(Array.from({ length: 32 }, async (_, w) => {
          for (let i = w; i < fill.length; i += 32) await clients[w % clients.length].create('configmaps', lns, cm(`l-${i}`, i)).catch(() => undefined);
        }));
        await measure('list', n, (w) => clients[w % clients.length].list('configmaps', lns, { limit: 100 }));
      }
      if (workloads.includes('watch')) await watchRow(n, ns);
    }
  } finally {
    for (const c of clients) c.close();
    admin.close();
    await cluster.stop();
  }

  async function watchRow(n: number, ns: string): Promise<void> {
    const wns = `${ns}-watch`;
    await ensureNamespace(admin, wns);
    const acked = new Map<string, number>();
    const sent = new Map<string, number>();
    const afterAck: number[] = [];
    const afterSend: number[] = [];
    const early: { name: string; at: number }[] = [];
    const start = await admin.list('configmaps', wns);
    const streams = Array.from({ length: watchers }, (_, i) => {
      const c = new ApiClient([endpoints[i % endpoints.length]]);
      const w = c.watch('configmaps', wns, { resourceVersion: start.resourceVersion }, (type, o) => {
        if (type !== 'ADDED') return;
        const now = performance.now();
        const name = o.metadata.name as string;
        afterSend.push(now - (sent.get(name) ?? now));
        const a = acked.get(name);
        // Heard before the writer's acknowledgement arrived: counted as 0 once the ack is in.
        if (a === undefined) early.push({ name, at: now });
        else afterAck.push(Math.max(0, now - a));
      });
      return { c, w };
    });
    await new Promise((r) => setTimeout(r, 300));
    const writers = 16;
    const r = await closedLoop(writers, async (w, i) => {
      const name = `w-${n}-${w}-${i}`;
      sent.set(name, performance.now());
      await clients[w % clients.length].create('configmaps', wns, cm(name, i));
      acked.set(name, performance.now());
    });
    await new Promise((res) => setTimeout(res, 500));
    for (const e of early) if (acked.has(e.name)) afterAck.push(0);
    for (const s of streams) {
      s.w.cancel();
      s.c.close();
    }
    const a = summarize(afterAck);
    const b = summarize(afterSend);
    const expected = r.lat.length * watchers;
    console.log(
      `  watch   ${watchers} watchers, ${writers} writers: ${afterSend.length}/${expected} events (${(afterSend.length / r.elapsed).toFixed(0)}/s)  ` +
        `after ack p50 ${fmtMs(a.p50)} p99 ${fmtMs(a.p99)}  after send p50 ${fmtMs(b.p50)} p99 ${fmtMs(b.p99)}`,
    );
    rows.push({ workload: 'watch', clients: watchers, opsPerSec: afterSend.length / r.elapsed, p50: a.p50, p99: a.p99, errors: expected - afterSend.length, cpuUsPerOp: Number.NaN });
  }

  console.log('\nworkload  clients     ops/s        p50        p99   errors  server CPU/op');
  for (const r of rows) {
    console.log(
      `${r.workload.padEnd(8)} ${String(r.clients).padStart(8)} ${r.opsPerSec.toFixed(0).padStart(9)} ${fmtMs(r.p50).padStart(10)} ${fmtMs(r.p99).padStart(10)} ${String(r.errors).padStart(8)}  ${Number.isFinite(r.cpuUsPerOp) ? `${r.cpuUsPerOp.toFixed(0)} us` : '-'}`,
    );
  }
  if (values.json) console.log(JSON.stringify(rows));
}

await main();
process.exit(0);
