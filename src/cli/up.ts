// `shoal up`: a local group of masters as child processes on loopback, for development and
// demos. Shows the group's status every few seconds while feeding it one small entry per
// second, so the commit/applied/digest columns visibly move; Ctrl-C stops the masters.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { mkdir, rm } from 'node:fs/promises';
import { parseFlags } from './args.ts';
import { ControlClient } from './control-client.ts';
import { EtcdKv } from './etcd-kv.ts';
import { portIsFree } from './free-port.ts';
import { MasterProcess } from './master-process.ts';
import { agreedLeader, renderStatusTable, statusesOf } from './status-view.ts';
import { upLayout, type UpMaster } from './up-layout.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `usage: shoal up [--masters 3|5] [--data-dir DIR] [--base-port N] [--fresh] [--once]

  --masters     how many masters (default 3)
  --data-dir    one data dir and one log file per master under it (default ./.shoal/up)
  --base-port   client ports N, N+1, ...; peer ports N+10, N+11, ... on 127.0.0.1
                (default 23790); 0 picks free ports once and remembers them in the data dir
                (member ids follow from the ports, so a restarted group needs the same ones)
  --fresh       delete the masters' data dirs and logs first
  --once        print the status once a leader is elected, then stop the masters and exit
  --agents N    node agents to start (default 2): Docker when an engine answers at
                /run/shoal-docker.sock, else the process runtime (pods as child processes;
                outside a network sandbox they share the host's network)
  --log-level   the masters' log level (default info)`;

const ELECTION_WAIT_MS = 30_000;
const PROPOSE_EVERY_MS = 1000;
const SHOW_EVERY_MS = 3000;

interface UpOptions {
  masters: number;
  agents: number;
  dataDir: string;
  basePort: number;
  fresh: boolean;
  once: boolean;
  logLevel: string;
}

export async function runUp(argv: string[]): Promise<number> {
  const opts = parseUpFlags(argv);
  if (!opts) {
    console.log(USAGE);
    return 0;
  }
  const layout = await upLayout({
    masters: opts.masters,
    dataDir: opts.dataDir,
    basePort: opts.basePort,
    fresh: opts.fresh,
    token: 'shoal-up',
    logLevel: opts.logLevel,
  });
  if (opts.fresh) {
    for (const m of layout) {
      await rm(m.dataDir, { recursive: true, force: true });
      await rm(m.logFile, { force: true });
    }
  }
  await mkdir(opts.dataDir, { recursive: true });
  if (opts.basePort !== 0) {
    for (const m of layout) {
      for (const port of [m.clientPort, m.peerPort]) {
        if (!(await portIsFree(port))) {
          console.error(`shoal up: port ${port} on 127.0.0.1 is in use (another shoal up?); pick other ports with --base-port, or 0 for free ones`);
          return 1;
        }
      }
    }
  }

  const stop = stopSignal();
  const procs = layout.map((m) => new MasterProcess({ name: m.name, args: m.args, logFile: m.logFile }));
  const clients = layout.map((m) => new ControlClient(m.endpoint, 1000));
  try {
    printLayout(layout, procs);
    const outcome = await waitForLeader(clients, procs, stop.promise);
    if (outcome !== 'leader') return outcome === 'stopped' ? 0 : 1;
    if (opts.once) {
      console.log(renderStatusTable(await statusesOf(clients)));
      return 0;
    }
    procs.push(...startAgents(opts, layout.map((m) => m.endpoint)));
    console.log(`\nthe CLI: export SHOAL_ENDPOINTS=${layout.map((m) => m.endpoint).join(',')}`);
    console.log('  shoal get nodes; shoal apply -f examples/web.yaml; shoal get pods -w');
    await feedAndShow(clients, procs, stop.promise);
    return 0;
  } finally {
    for (const c of clients) c.close();
    console.log('stopping masters...');
    const exits = await Promise.all(procs.map((p) => p.stop()));
    exits.forEach((e, i) => {
      const clean = e.code === 0 || (e.code === null && e.signal === 'SIGTERM');
      if (!clean) console.log(`  ${procs[i].name}: exited with ${e.code ?? e.signal} (log: ${procs[i].logFile})`);
    });
    console.log('stopped');
    stop.dispose();
  }
}

function parseUpFlags(argv: string[]): UpOptions | undefined {
  const { values } = parseFlags(argv, {
    masters: {},
    agents: {},
    'data-dir': {},
    'base-port': {},
    fresh: { boolean: true },
    once: { boolean: true },
    'log-level': {},
    help: { boolean: true, short: 'h' },
  });
  if (values.help) return undefined;
  const mastersRaw = (values.masters as string | undefined) ?? '3';
  if (mastersRaw !== '3' && mastersRaw !== '5') throw new UsageError(`--masters must be 3 or 5, got "${mastersRaw}"`, '--masters');
  const masters = Number(mastersRaw);
  const baseRaw = (values['base-port'] as string | undefined) ?? '23790';
  const basePort = Number(baseRaw);
  if (!/^\d+$/.test(baseRaw) || (basePort !== 0 && (basePort < 1024 || basePort + 10 + masters > 65535))) {
    throw new UsageError(`--base-port must be 0 or a port in [1024, ${65535 - 10 - masters}], got "${baseRaw}"`, '--base-port');
  }
  const dataDir = (values['data-dir'] as string | undefined) ?? './.shoal/up';
  if (dataDir.trim() === '') throw new UsageError('--data-dir must not be empty', '--data-dir');
  const agentsRaw = (values.agents as string | undefined) ?? '2';
  if (!/^\d+$/.test(agentsRaw) || Number(agentsRaw) > 10) throw new UsageError(`--agents must be a number from 0 to 10, got "${agentsRaw}"`, '--agents');
  return {
    masters,
    agents: Number(agentsRaw),
    dataDir,
    basePort,
    fresh: values.fresh === true,
    once: values.once === true,
    logLevel: (values['log-level'] as string | undefined) ?? 'info',
  };
}

/** Agents as child processes: Docker when an engine answers, the process runtime otherwise. */
function startAgents(opts: UpOptions, endpoints: string[]): MasterProcess[] {
  if (opts.agents === 0) return [];
  const docker = existsSync('/run/shoal-docker.sock');
  // Pods get their own addresses only inside a network sandbox (the network-safety rule);
  // elsewhere they share the host's network.
  const podNetwork = process.getuid?.() === 0 && !!process.env.SHOAL_SANDBOX;
  const runtime = docker ? 'docker' : 'process';
  console.log(`starting ${opts.agents} agents: runtime ${runtime}${docker ? ' (engine at /run/shoal-docker.sock)' : ' (no Docker engine answered: pods run as child processes)'}; pod network ${podNetwork ? 'on' : 'off (pods share the host network)'}`);
  return Array.from({ length: opts.agents }, (_, i) => {
    const name = `node-${i + 1}`;
    const dir = path.join(opts.dataDir, name);
    const logFile = path.join(opts.dataDir, `${name}.log`);
    // Every agent is on this host: the masters reach their logs/exec port on loopback, never
    // on one of the host's real addresses (the network-safety rule).
    const args = [`--name=${name}`, `--data-dir=${dir}`, `--endpoints=${endpoints.join(',')}`, '--node-ip=127.0.0.1', `--runtime=${runtime}`, `--pod-network=${podNetwork}`, `--bridge=shoal${i}`, `--log-level=${opts.logLevel}`];
    // All agents share this host's kernel: one service proxy programs it for all of them (two
    // would fight over the same chains).
    if (podNetwork) args.push(`--proxy-mode=${i === 0 ? 'iptables' : 'none'}`);
    const p = new MasterProcess({ name, args, logFile, command: 'agent' });
    console.log(`  ${name}  pid ${p.pid}  log ${logFile}`);
    return p;
  });
}

function printLayout(layout: UpMaster[], procs: MasterProcess[]): void {
  console.log(`starting ${layout.length} masters; logs (pino JSON, one file per master):`);
  layout.forEach((m, i) => {
    console.log(`  ${m.name}  pid ${procs[i].pid}  client ${m.endpoint}  peer 127.0.0.1:${m.peerPort}  log ${m.logFile}`);
  });
  const endpoints = layout.map((m) => m.endpoint).join(',');
  console.log(`status from another terminal: shoal status --endpoints ${endpoints}`);
  console.log(`the etcd v3 API, with etcdctl:   ETCDCTL_API=3 etcdctl --endpoints=${endpoints} get --prefix shoal-up/`);
}

type WaitOutcome = 'leader' | 'stopped' | 'failed';

async function waitForLeader(clients: ControlClient[], procs: MasterProcess[], stopped: Promise<void>): Promise<WaitOutcome> {
  const deadline = Date.now() + ELECTION_WAIT_MS;
  let isStopped = false;
  void stopped.then(() => (isStopped = true));
  while (Date.now() < deadline) {
    if (isStopped) return 'stopped';
    const dead = procs.find((p) => !p.running);
    if (dead) {
      console.error(`shoal up: master ${dead.name} exited while the group was starting (log: ${dead.logFile}):\n  ${dead.failureSummary()}`);
      return 'failed';
    }
    const results = await statusesOf(clients);
    const leader = agreedLeader(results, clients.length);
    if (leader) {
      console.log(`leader elected: ${leader.name} (term ${leader.term})`);
      return 'leader';
    }
    await sleep(200);
  }
  console.error(`shoal up: no leader within ${ELECTION_WAIT_MS / 1000}s; logs: ${procs.map((p) => p.logFile).join(' ')}`);
  return 'failed';
}

/** Until stopped: one put per second through the masters in turn, the table every few seconds. */
async function feedAndShow(clients: ControlClient[], procs: MasterProcess[], stopped: Promise<void>): Promise<void> {
  const kvs = clients.map((c) => new EtcdKv(c.endpoint));
  try {
    await feed(kvs, clients, procs, stopped);
  } finally {
    for (const kv of kvs) kv.close();
  }
}

async function feed(kvs: EtcdKv[], clients: ControlClient[], procs: MasterProcess[], stopped: Promise<void>): Promise<void> {
  let seq = 0;
  let ok = 0;
  let lastError = '';
  let isStopped = false;
  void stopped.then(() => (isStopped = true));
  let nextShow = 0;
  while (!isStopped) {
    const started = Date.now();
    const kv = kvs[seq % kvs.length];
    seq++;
    try {
      // A real registry write, visible with etcdctl (the line printed at start).
      await kv.put(`shoal-up/heartbeat/${kv.endpoint}`, `put ${seq} at ${new Date().toISOString()}`);
      ok++;
    } catch (err) {
      // A master that is down or electing refuses; the table shows why, the loop goes on.
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() >= nextShow) {
      nextShow = Date.now() + SHOW_EVERY_MS;
      const gone = procs.filter((p) => !p.running).map((p) => p.name);
      console.log(`\n--- ${new Date().toISOString()}  puts ${ok}/${seq}${lastError ? `  last error: ${lastError}` : ''}${gone.length ? `  exited: ${gone.join(', ')}` : ''}`);
      console.log(renderStatusTable(await statusesOf(clients)));
      lastError = '';
    }
    await Promise.race([sleep(Math.max(0, PROPOSE_EVERY_MS - (Date.now() - started))), stopped]);
  }
}

function stopSignal(): { promise: Promise<void>; dispose: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  let count = 0;
  const handler = () => {
    count++;
    // The masters are our children and stop on SIGTERM; a second Ctrl-C means "now".
    if (count > 1) process.exit(130);
    console.log('\nsignal received, stopping...');
    resolve();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    promise,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
