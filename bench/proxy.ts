// npm run bench:proxy — the service proxy's figures (issue 7, section 4), on the real
// ServiceProxy and kernel backends, in namespaces this run makes inside the sandbox (root
// required): per mode, a node host namespace with the pod bridge, server pods and a client pod.
//
//  1. Throughput through a service's virtual IP vs directly to its pods' IPs: the same pods,
//     the same wrk settings, direct and VIP runs alternating (ABBA order over the rounds) so that
//     the machine's drift cancels; from the client pod and from the node host; with keep-alive
//     connections (NAT only at connect, conntrack lookups after) and with a new connection per
//     request (DNAT and a conntrack entry every request: the proxy's real cost).
//  2. Programming latency at S services of 5 endpoints: the first syncAll builds them, then
//     single-endpoint changes on random services, each timed from the source event until a real
//     connection to that service's VIP reaches the new endpoint. Every other endpoint of those
//     services is an address the node host owns (a `local` route) with no listener, so a
//     connection DNATed to an old endpoint is refused at once and a connection that succeeds
//     can only have gone through the new rule. A sample of changes is also read back from the
//     kernel (`nft get element` of each slot map / `iptables -t nat -S`).
//
// Flags: --modes iptables,nftables  --scales 100,1000,10000  --changes N  --seconds S (each wrk
// run)  --rounds R  --servers N (server pods)  --connections C  --clients pod,host
// --workloads keepalive,close  --parts throughput,programming  --iptables-max-services N
// --setup-timeout S (first sync)  --smoke (1 round of 1 s per path from the pod, 100 services,
// 10 changes: proves it works, in well under 30 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir, cpus, release } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { pino, type Logger } from 'pino';
import type { Obj } from '../src/control/client/resource-client.ts';
import { Prng } from '../src/raft/sim/prng.ts';
import { BridgePodNetwork } from '../src/node/network/pod-network.ts';
import { IptablesBackend } from '../src/node/proxy/iptables-backend.ts';
import { NftablesBackend } from '../src/node/proxy/nftables-backend.ts';
import type { ProxyBackend, ProxyMode } from '../src/node/proxy/proxy-backend.ts';
import { ServiceProxy, type SyncInfo } from '../src/node/proxy/service-proxy.ts';
import { StaticSource } from '../src/node/proxy/static-source.ts';
import { shortId } from '../src/node/proxy/service-rules.ts';
import { intList } from './lib/args.ts';
import { BenchNetns, inSandbox } from './lib/netns.ts';
import { fmtMs, summarize } from './lib/stats.ts';
import { runWrk, type WrkResult } from './lib/wrk.ts';

const { values: v } = parseArgs({
  options: {
    modes: { type: 'string', default: 'iptables,nftables' },
    scales: { type: 'string', default: '100,1000,10000' },
    changes: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '5' },
    servers: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    clients: { type: 'string', default: 'pod,host' },
    workloads: { type: 'string', default: 'keepalive,close' },
    'iptables-max-services': { type: 'string', default: '10000' },
    'setup-timeout': { type: 'string', default: '900' },
    parts: { type: 'string', default: 'throughput,programming' },
    smoke: { type: 'boolean', default: false },
  },
});
const smoke = v.smoke === true;
const modes = String(v.modes).split(',') as ProxyMode[];
const scales = smoke ? [100] : intList(String(v.scales), '--scales');
const CHANGES = smoke ? 10 : intList(String(v.changes), '--changes')[0];
const SECONDS = smoke ? 1 : intList(String(v.seconds), '--seconds')[0];
const ROUNDS = smoke ? 1 : intList(String(v.rounds), '--rounds')[0];
const SERVERS = intList(String(v.servers), '--servers')[0];
const CONNECTIONS = intList(String(v.connections), '--connections')[0];
const clients = (smoke ? 'pod' : String(v.clients)).split(',') as ('pod' | 'host')[];
const workloads = String(v.workloads).split(',') as ('keepalive' | 'close')[];
const IPT_MAX = intList(String(v['iptables-max-services']), '--iptables-max-services')[0];
const SETUP_TIMEOUT_MS = intList(String(v['setup-timeout']), '--setup-timeout')[0] * 1000;
const parts = String(v.parts).split(',');
for (const p of parts) if (p !== 'throughput' && p !== 'programming') usage(`--parts: throughput and/or programming, got ${p}`);
for (const m of modes) if (m !== 'iptables' && m !== 'nftables') usage(`--modes: iptables and/or nftables, got ${m}`);
for (const c of clients) if (c !== 'pod' && c !== 'host') usage(`--clients: pod and/or host, got ${c}`);
for (const w of workloads) if (w !== 'keepalive' && w !== 'close') usage(`--workloads: keepalive and/or close, got ${w}`);

function usage(msg: string): never {
  console.error(msg);
  process.exit(2);
}

const SERVICE_CIDR = '10.96.0.0/16';
const CLUSTER_CIDR = '10.244.0.0/16';
const POD_CIDR = '10.244.0.0/24';
/** Owned by the node host (a `local` route) with nothing listening: connections there are refused at once. */
const DEAD_CIDR = '10.245.0.0/16';
const WEB_VIP = '10.96.0.10';
const SERVER_PORT = 8080;
const ENDPOINTS_PER_SERVICE = 5;
/** Changes read back from the kernel listing at each scale (the first ones, and the last). */
const LISTED = 3;

/** 254 usable hosts per /24, skipping .0 and .255 so no address looks like a broadcast. */
const nthIp = (prefix: string, n: number, base = 0) => `${prefix}.${base + Math.floor(n / 254)}.${1 + (n % 254)}`;
const vipOf = (i: number) => nthIp('10.96', i, 1);
const deadIp = (i: number, j: number) => nthIp('10.245', i * ENDPOINTS_PER_SERVICE + j);

// ---- the feed ---------------------------------------------------------------------------------

/** Services and Endpoints handed to the proxy as an informer would (synced at once). */
class Feed extends StaticSource {}

const service = (name: string, clusterIP: string): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace: 'bench', name },
  spec: { type: 'ClusterIP', clusterIP, ports: [{ name: 'http', port: 80, targetPort: SERVER_PORT, protocol: 'TCP' }] },
});

const endpoints = (name: string, ips: string[]): Obj => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { namespace: 'bench', name },
  subsets: [{ addresses: ips.map((ip) => ({ ip, nodeName: 'node' })), ports: [{ name: 'http', port: SERVER_PORT, protocol: 'TCP' }] }],
});

// ---- processes inside the pods ------------------------------------------------------------------

/** A minimal HTTP server (one per pod): answers every request with its name, keep-alive allowed. */
const SERVER = `
const http = require('node:http');
const body = Buffer.from(process.argv[1] + '\\n');
const s = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length }); res.end(body); });
s.keepAliveTimeout = 65000;
s.listen(${SERVER_PORT}, () => process.stdout.write('ready\\n'));
// Gone with the bench: its stdin closes when the bench exits, even if it crashed.
process.stdin.on('end', () => process.exit(0)).resume();
`;

/**
 * Waits for a VIP to reach a live endpoint: rounds of parallel connects. The first round must be
 * refused everywhere (it says "armed"); then the first connect that succeeds ends the wait.
 * Only the connect is needed: the old endpoints refuse, the new one accepts.
 *
 * Each connect binds the next source port of a cycle rather than letting the kernel choose:
 * the kernel hands a refused socket's port straight back, and a SYN on the tuple of a connection
 * the endpoint reset goes on using that conntrack entry, old DNAT included, for as long as it
 * keeps being refreshed (10 s in CLOSE) — the prober would never see the new rule. A success is
 * closed with a reset, so no TIME_WAIT holds its port. Rounds are 1 ms apart for the first
 * second, then slower, so the port cycle cannot come back to a tuple still in conntrack.
 */
const PROBER = `
const net = require('node:net');
const LOW = 10000, HIGH = 61000;
let nextPort = LOW + Math.floor(Math.random() * (HIGH - LOW));
const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
function attempt(host, port) {
  return new Promise((resolve) => {
    const localPort = nextPort;
    nextPort = nextPort + 1 >= HIGH ? LOW : nextPort + 1;
    const s = net.connect({ host, port, localPort });
    const t = setTimeout(() => { s.destroy(); resolve('TIMEOUT'); }, 2000);
    s.once('connect', () => { clearTimeout(t); s.resetAndDestroy(); resolve('ok'); });
    s.once('error', (e) => { clearTimeout(t); resolve(e.code || 'ERROR'); });
  });
}
process.stdin.on('end', () => process.exit(0));
require('node:readline').createInterface({ input: process.stdin }).on('line', async (line) => {
  const { ip, port, par, timeoutMs } = JSON.parse(line);
  const start = Date.now();
  const errors = {};
  let connections = 0;
  for (let rounds = 1; ; rounds++) {
    const r = await Promise.all(Array.from({ length: par }, () => attempt(ip, port)));
    const hit = r.includes('ok');
    for (const x of r) if (x !== 'ok' && x !== 'EADDRINUSE') errors[x] = (errors[x] || 0) + 1;
    connections += r.filter((x) => x !== 'EADDRINUSE').length;
    if (rounds === 1) {
      if (hit) return out({ done: true, ok: false, why: 'answered before the change', errors });
      out({ armed: true, errors });
    } else if (hit) return out({ done: true, ok: true, connections, errors });
    const waited = Date.now() - start;
    if (waited > timeoutMs) return out({ done: true, ok: false, why: 'timed out', errors });
    await new Promise((res) => setTimeout(res, waited < 1000 ? 1 : waited < 10000 ? 10 : 50));
  }
});
`;

interface ProbeDone {
  ok: boolean;
  why?: string;
  connections?: number;
  errors: Record<string, number>;
  /** performance.now() when the answer arrived here. */
  at: number;
}

class Prober {
  private waiters: ((m: Obj) => void)[] = [];

  constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const at = performance.now();
      this.waiters.shift()?.({ ...JSON.parse(line), at });
    });
  }

  private next(): Promise<Obj> {
    return new Promise((r) => this.waiters.push(r));
  }

  /** Starts probing; resolves once the first round was refused, with the wait for the answer (wrapped: an async function would flatten it). */
  async arm(ip: string, port: number, timeoutMs: number): Promise<{ answered: Promise<ProbeDone> }> {
    const armed = this.next();
    const done = this.next() as Promise<ProbeDone>;
    this.child.stdin!.write(JSON.stringify({ ip, port, par: 8, timeoutMs }) + '\n');
    const a = await armed;
    if (!a.armed) throw new Error(`${ip}:${port}: ${a.why} (${JSON.stringify(a.errors)})`);
    if (Object.keys(a.errors).some((e) => e !== 'ECONNREFUSED')) throw new Error(`${ip}:${port}: old endpoints must refuse at once, saw ${JSON.stringify(a.errors)}`);
    return { answered: done };
  }
}

// ---- the node -------------------------------------------------------------------------------------

interface Pod {
  name: string;
  netns: string;
  ip: string;
}

/** One node host namespace with the pod bridge, `servers` server pods and a client pod. */
class Node {
  host!: string;
  servers: Pod[] = [];
  client!: Pod;
  prober!: Prober;

  constructor(
    private readonly ns: BenchNetns,
    readonly label: string,
    private readonly tmp: string,
    private readonly log: Logger,
  ) {}

  async make(serverCount: number): Promise<void> {
    this.host = await this.ns.create(`${this.label}-node`);
    const net = new BridgePodNetwork({ podCidr: POD_CIDR, dataDir: mkdtempSync(join(this.tmp, `${this.label}-`)), hostNetns: this.host, logger: this.log });
    await net.setup();
    await this.ns.run(this.host, ['ip', 'route', 'add', 'local', DEAD_CIDR, 'dev', 'lo']);
    // The node host is a wrk client too: many short connections must not run out of ports.
    await this.ns.sysctl(this.host, { 'net.ipv4.tcp_tw_reuse': '1', 'net.ipv4.ip_local_port_range': '1024 65000' });
    const pod = async (name: string): Promise<Pod> => {
      const netns = await this.ns.create(`${this.label}-${name}`);
      const ip = await net.attach({ uid: `${this.ns.tag}-${this.label}-${name}`, namespace: 'bench', name }, netns);
      return { name, netns, ip };
    };
    for (let i = 1; i <= serverCount; i++) {
      const p = await pod(`s${i}`);
      const child = this.ns.spawn(p.netns, [process.execPath, '-e', SERVER, p.name]);
      await new Promise<void>((resolve, reject) => {
        child.stdout!.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`server ${p.name} exited ${code}`)));
      });
      this.servers.push(p);
    }
    this.client = await pod('client');
    await this.ns.sysctl(this.client.netns, { 'net.ipv4.tcp_tw_reuse': '1', 'net.ipv4.ip_local_port_range': '1024 65000' });
    this.prober = new Prober(this.ns.spawn(this.client.netns, [process.execPath, '-e', PROBER]));
  }
}

function backendFor(mode: ProxyMode, netns: string, log: Logger): ProxyBackend {
  const config = { serviceCidr: SERVICE_CIDR, clusterCidr: CLUSTER_CIDR, netns };
  return mode === 'iptables' ? new IptablesBackend(config, log) : new NftablesBackend(config, log);
}

function newProxy(mode: ProxyMode, node: Node, services: Feed, eps: Feed, log: Logger, onSynced: (s: SyncInfo) => void): ServiceProxy {
  return new ServiceProxy({ backend: backendFor(mode, node.host, log), services, endpoints: eps, nodeName: 'node', serviceCidr: SERVICE_CIDR, routeDev: 'shoal0', netns: node.host, logger: log, onSynced });
}

// ---- 1. throughput --------------------------------------------------------------------------------

interface TputRow {
  mode: ProxyMode;
  client: 'pod' | 'host';
  workload: 'keepalive' | 'close';
  direct: WrkResult[];
  vip: WrkResult[];
  /** 1-minute load average when the row started. */
  load: number;
}

const median = (xs: number[]) => summarize(xs).p50;

async function throughput(ns: BenchNetns, node: Node, mode: ProxyMode, tmp: string, log: Logger): Promise<TputRow[]> {
  const services = new Feed();
  const eps = new Feed();
  services.set(service('web', WEB_VIP));
  eps.set(endpoints('web', node.servers.map((s) => s.ip)));
  const proxy = newProxy(mode, node, services, eps, log, () => undefined);
  await proxy.start();
  await proxy.whenSynced();
  const rows: TputRow[] = [];
  try {
    for (const client of clients) {
      const from = client === 'pod' ? node.client.netns : node.host;
      for (const workload of workloads) {
        const row: TputRow = { mode, client, workload, direct: [], vip: [], load: loadavg()[0] };
        // The server sees the same 4-tuple whether a connection came direct or through the VIP
        // (pod clients are not masqueraded), but the client's TCP timestamps differ by
        // destination. With a new connection per request the ports cycle within seconds, and a
        // SYN that lands on the other path's TIME_WAIT is refused by PAWS (1 s retransmit):
        // throughput then collapses round after round. Disjoint source-port ranges per path keep
        // the two paths' tuples apart.
        const run = async (path: 'direct' | 'vip', seconds: number) => {
          await ns.sysctl(from, { 'net.ipv4.ip_local_port_range': path === 'direct' ? '1024 32999' : '33000 65000' });
          return runWrk(ns, {
            netns: from,
            url: path === 'vip' ? `http://${WEB_VIP}:80/` : `http://${node.servers[0].ip}:${SERVER_PORT}/`,
            targets: path === 'direct' ? node.servers.map((s) => ({ ip: s.ip, port: SERVER_PORT })) : undefined,
            threads: node.servers.length,
            connections: CONNECTIONS,
            seconds,
            closeEach: workload === 'close',
            tmpDir: tmp,
          });
        };
        if (!smoke) for (const path of ['direct', 'vip'] as const) await run(path, 1); // warm-up, not counted
        for (let r = 0; r < ROUNDS; r++) {
          for (const path of r % 2 === 0 ? (['direct', 'vip'] as const) : (['vip', 'direct'] as const)) {
            const res = await run(path, SECONDS);
            row[path].push(res);
            console.log(
              `  ${mode.padEnd(8)} ${client.padEnd(4)} ${workload.padEnd(9)} ${path.padEnd(6)} round ${r + 1}: ${res.rps.toFixed(0).padStart(6)} req/s  p50 ${fmtMs(res.latP50Ms)}  p99 ${fmtMs(res.latP99Ms)}${res.errors ? `  errors ${res.errors}` : ''}`,
            );
          }
        }
        rows.push(row);
      }
    }
  } finally {
    proxy.stop();
    await proxy.whenSynced();
    await proxy.cleanup();
  }
  return rows;
}

// ---- 2. programming latency ---------------------------------------------------------------------

interface ProgRow {
  mode: ProxyMode;
  services: number;
  note?: string;
  setupMs?: number;
  setupApplyMs?: number;
  effective: number[];
  promise: number[];
  apply: number[];
  probeConnections: number[];
  listed: { ok: number; of: number; ms: number[] };
}

/** Deterministic choices (the simulator's PRNG), so two runs change the same services. */
function rng(seed: number): () => number {
  const p = new Prng(seed);
  return () => p.next();
}

const timeout = <T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);

async function listed(ns: BenchNetns, node: Node, mode: ProxyMode, name: string, vip: string, oldIp: string, newIp: string): Promise<{ ok: boolean; ms: number }> {
  const key = `bench/${name}:http/TCP`;
  const t0 = performance.now();
  let ok: boolean;
  if (mode === 'nftables') {
    // One element per endpoint slot (nftables-maps.ts): read each slot's element of this service.
    const slots: string[] = [];
    for (let slot = 0; slot < ENDPOINTS_PER_SERVICE; slot++) {
      slots.push(await ns.run(node.host, ['nft', 'get', 'element', 'ip', 'shoal', `backends-${slot}`, `{ ${vip} . tcp . 80 }`]));
    }
    const text = slots.join('\n');
    ok = text.includes(`${newIp} . ${SERVER_PORT}`) && !text.includes(`${oldIp} . ${SERVER_PORT}`);
  } else {
    const sep = (ip: string) => shortId(`${key}|${ip}:${SERVER_PORT}`);
    const svcText = await ns.run(node.host, ['iptables', '-w', '-t', 'nat', '-S', `SHOAL-SVC-${shortId(key)}`], { timeoutMs: 120_000 });
    const sepText = await ns.run(node.host, ['iptables', '-w', '-t', 'nat', '-S', `SHOAL-SEP-${sep(newIp)}`], { timeoutMs: 120_000 });
    ok = svcText.includes('SHOAL-SEP-' + sep(newIp)) && !svcText.includes('SHOAL-SEP-' + sep(oldIp)) && sepText.includes(`--to-destination ${newIp}:${SERVER_PORT}`);
  }
  return { ok, ms: performance.now() - t0 };
}

async function programming(ns: BenchNetns, node: Node, mode: ProxyMode, count: number, log: Logger, errors: string[]): Promise<ProgRow> {
  const row: ProgRow = { mode, services: count, effective: [], promise: [], apply: [], probeConnections: [], listed: { ok: 0, of: 0, ms: [] } };
  const services = new Feed();
  const eps = new Feed();
  const addrs: string[][] = [];
  for (let i = 0; i < count; i++) {
    addrs.push(Array.from({ length: ENDPOINTS_PER_SERVICE }, (_, j) => deadIp(i, j)));
    services.set(service(`svc-${i}`, vipOf(i)));
    eps.set(endpoints(`svc-${i}`, addrs[i]));
  }
  const synced: SyncInfo[] = [];
  const proxy = newProxy(mode, node, services, eps, log, (s) => synced.push(s));
  const errorsBefore = errors.length;
  const t0 = performance.now();
  await proxy.start();
  // A failed first sync is retried by the proxy forever (each attempt as slow as the first):
  // the first failure ends this scale, said in the table, rather than the setup timeout.
  const failed = new Promise<'failed'>((resolve) => {
    const t = setInterval(() => {
      if (errors.length > errorsBefore) {
        clearInterval(t);
        resolve('failed');
      }
    }, 100);
    void proxy.whenSynced().then(() => clearInterval(t));
  });
  const first = await timeout(Promise.race([proxy.whenSynced(), failed]), SETUP_TIMEOUT_MS);
  if (first !== undefined) {
    proxy.stop();
    const why = errors.slice(errorsBefore).join('; ');
    row.note = first === 'timeout' ? `first sync not done after ${SETUP_TIMEOUT_MS / 1000} s` : `first sync failed after ${fmtMs(performance.now() - t0)}: ${why.slice(0, 200)}`;
    return row;
  }
  row.setupMs = performance.now() - t0;
  row.setupApplyMs = synced.find((s) => s.full)?.ms;
  const rand = rng(count);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const n = Math.min(CHANGES, count);
  try {
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const j = Math.floor(rand() * ENDPOINTS_PER_SERVICE);
      const live = node.servers[k % node.servers.length];
      const next = [...addrs[i]];
      const oldIp = next[j];
      next[j] = live.ip;
      const { answered } = await node.prober.arm(vipOf(i), 80, 120_000);
      const from = synced.length;
      const start = performance.now();
      eps.set(endpoints(`svc-${i}`, next));
      const promised = proxy.whenSynced().then(() => performance.now());
      const done = await answered;
      const promisedAt = await promised;
      if (!done.ok) throw new Error(`${mode}, ${count} services, change ${k + 1}: svc-${i} (${vipOf(i)}) never reached ${live.ip}: ${done.why} ${JSON.stringify(done.errors)}`);
      addrs[i] = next;
      row.effective.push(done.at - start);
      row.promise.push(promisedAt - start);
      row.probeConnections.push(done.connections ?? 0);
      for (const s of synced.slice(from)) if (!s.full) row.apply.push(s.ms);
      if (k < LISTED || k === n - 1) {
        const l = await listed(ns, node, mode, `svc-${i}`, vipOf(i), oldIp, live.ip);
        row.listed.of++;
        if (l.ok) row.listed.ok++;
        row.listed.ms.push(l.ms);
      }
    }
  } finally {
    proxy.stop();
    await proxy.whenSynced();
    await proxy.cleanup();
  }
  return row;
}

// ---- main -----------------------------------------------------------------------------------------

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function version(argv: string[]): string {
  try {
    return execFileSync(argv[0], argv.slice(1), { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  if (!inSandbox()) {
    console.error('bench:proxy programs iptables/nftables and sends traffic in network namespaces: run it as root inside the sandbox (bash scripts/sandbox.sh npm run bench:proxy)');
    process.exit(2);
  }
  if (version(['sh', '-c', 'command -v wrk']) === 'unknown') usage('wrk is not installed (Debian package wrk; bash scripts/ensure-deps.sh installs it)');
  const errors: string[] = [];
  const log = pino({ level: 'error' }, {
    write(line: string) {
      const o = JSON.parse(line) as Obj;
      errors.push(o.err ? String(o.err) : `${o.msg}: ${o.cause ?? ''} ${String(o.stderr ?? '').slice(0, 200)}`.trim());
      process.stderr.write(line);
    },
  });
  const tmp = mkdtempSync(join(tmpdir(), 'shoal-bench-proxy-'));
  const ns = new BenchNetns();
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      ns.cleanup();
      rmSync(tmp, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const tput: TputRow[] = [];
  const prog: ProgRow[] = [];
  const loadStart = load();
  const startedAt = new Date();
  console.log(`bench:proxy  ${startedAt.toISOString()}  ${cpus().length} CPUs, kernel ${release()}, ${version(['iptables', '-V'])}, ${version(['nft', '-v'])}`);
  console.log(`  load average at start: ${loadStart}`);
  console.log(
    `  throughput: ${version(['sh', '-c', 'wrk -v 2>&1 | head -1']).split(' ').slice(0, 2).join(' ')}, ${SERVERS} server pods (node http, one process each), ${CONNECTIONS} connections over ${SERVERS} threads, ${SECONDS} s per run, ${ROUNDS} rounds per path (ABBA), clients: ${clients.join(', ')}`,
  );
  console.log(`  programming: ${scales.join(', ')} services x ${ENDPOINTS_PER_SERVICE} endpoints, ${CHANGES} single-endpoint changes per scale, each observed by real connections to the VIP`);
  try {
    for (const mode of modes) {
      const node = new Node(ns, mode === 'iptables' ? 'ipt' : 'nft', tmp, log);
      await node.make(SERVERS);
      if (parts.includes('throughput')) {
        console.log(`\n[${mode}] throughput (load ${load()})`);
        tput.push(...(await throughput(ns, node, mode, tmp, log)));
      }
      for (const count of parts.includes('programming') ? scales : []) {
        if (mode === 'iptables' && count > IPT_MAX) {
          prog.push({ mode, services: count, note: `skipped (--iptables-max-services ${IPT_MAX})`, effective: [], promise: [], apply: [], probeConnections: [], listed: { ok: 0, of: 0, ms: [] } });
          continue;
        }
        console.log(`[${mode}] programming latency at ${count} services (load ${load()})`);
        const row = await programming(ns, node, mode, count, log, errors);
        prog.push(row);
        printProgLine(row);
        if (row.setupMs === undefined) break;
      }
      ns.cleanup();
    }
  } finally {
    ns.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  }
  printTables(tput, prog, loadStart);
}

function printProgLine(r: ProgRow): void {
  if (r.setupMs === undefined) {
    console.log(`  ${r.note}`);
    return;
  }
  const e = summarize(r.effective);
  const a = summarize(r.apply);
  console.log(
    `  first sync ${fmtMs(r.setupMs)} (apply ${fmtMs(r.setupApplyMs ?? NaN)}); ${r.effective.length} changes: effective p50 ${fmtMs(e.p50)} p99 ${fmtMs(e.p99)} max ${fmtMs(e.max)}; apply p50 ${fmtMs(a.p50)} p99 ${fmtMs(a.p99)}; kernel listing ${r.listed.ok}/${r.listed.of}${r.note ? `; ${r.note}` : ''}`,
  );
}

function printTables(tput: TputRow[], prog: ProgRow[], loadStart: string): void {
  console.log(`\n=== bench:proxy figures (load average at start ${loadStart}, at end ${load()})`);
  if (tput.length > 0) {
    console.log(`\nThroughput, VIP vs direct to the same ${SERVERS} pods (node http servers); wrk ${SERVERS} threads, ${CONNECTIONS} connections, ${SECONDS} s x ${ROUNDS} rounds each, medians; goal VIP/direct >= 0.95`);
    console.log('| mode | client | connections | direct req/s | VIP req/s | VIP/direct | per-round VIP/direct | direct p50 / p99 | VIP p50 / p99 | errors | load |');
    console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of tput) {
      const d = median(r.direct.map((x) => x.rps));
      const s = median(r.vip.map((x) => x.rps));
      const lat = (xs: WrkResult[]) => `${fmtMs(median(xs.map((x) => x.latP50Ms)))} / ${fmtMs(median(xs.map((x) => x.latP99Ms)))}`;
      const errs = [...r.direct, ...r.vip].reduce((a, x) => a + x.errors, 0);
      const pairs = r.vip.map((x, i) => x.rps / r.direct[i].rps);
      const range = pairs.length > 1 ? `${Math.min(...pairs).toFixed(2)}–${Math.max(...pairs).toFixed(2)}` : pairs[0].toFixed(2);
      console.log(
        `| ${r.mode} | ${r.client} | ${r.workload === 'close' ? 'new per request' : 'keep-alive'} | ${d.toFixed(0)} | ${s.toFixed(0)} | ${(s / d).toFixed(3)} | ${range} | ${lat(r.direct)} | ${lat(r.vip)} | ${errs} | ${r.load.toFixed(1)} |`,
      );
    }
  }
  if (prog.length > 0) {
    console.log(`\nProgramming latency: ${ENDPOINTS_PER_SERVICE} endpoints per service; "effective" = source event -> first connection to the VIP that reaches the new endpoint (every sample); "apply" = the proxy's own kernel update (onSynced); goal nftables p99 <= 100 ms at 10,000`);
    console.log('| mode | services | first sync (apply) | changes | effective p50 | p99 | max | apply p50 | apply p99 | promise p50 | kernel listing (check time) |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const r of prog) {
      if (r.setupMs === undefined) {
        console.log(`| ${r.mode} | ${r.services} | ${r.note} | | | | | | | | |`);
        continue;
      }
      const e = summarize(r.effective);
      const a = summarize(r.apply);
      const p = summarize(r.promise);
      console.log(
        `| ${r.mode} | ${r.services} | ${fmtMs(r.setupMs)} (${fmtMs(r.setupApplyMs ?? NaN)}) | ${r.effective.length} | ${fmtMs(e.p50)} | ${fmtMs(e.p99)} | ${fmtMs(e.max)} | ${fmtMs(a.p50)} | ${fmtMs(a.p99)} | ${fmtMs(p.p50)} | ${r.listed.ok}/${r.listed.of} ok (${fmtMs(median(r.listed.ms))}) |`,
      );
    }
    const probes = prog.flatMap((r) => r.probeConnections);
    if (probes.length > 0) console.log(`(the prober needed ${median(probes)} connections per sample at the median: 8 per round, 1 ms apart, 1 in ${ENDPOINTS_PER_SERVICE} reaching the new endpoint)`);
  }
}

await main();
process.exit(0);
