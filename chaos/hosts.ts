// Test hosts for a chaos run: each master and each agent on a host of its own, a network
// namespace made here (inside the run's sandbox) with one veth on the run's "wire" bridge and an
// address 10.251.0.N/24; nothing has a route off the machine. The runner itself gets
// 10.251.0.254 on the wire so that its clients reach the masters as outside clients would.
//
// A master is `node bin/shoal.js master` entered into its host's namespace with nsenter (which
// execs, so the child's pid is the master's: SIGKILL/SIGSTOP hit it directly). An agent host
// also gets its own PID and mount namespace (`unshare --pid --fork --kill-child --mount-proc`):
// killing it takes the agent, its shims and every container with it, as a machine dying would.
import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHOAL_BIN = fileURLToPath(new URL('../bin/shoal.js', import.meta.url));
export const WIRE_PREFIX = '10.251.0';
export const RUNNER_IP = `${WIRE_PREFIX}.254`;

export class HostError extends Error {
  override readonly name = 'HostError';
}

/** True when this process runs as root inside the sandbox namespace scripts/sandbox.sh made. */
export function inSandbox(): boolean {
  const name = process.env.SHOAL_SANDBOX;
  if (!name || process.getuid?.() !== 0) return false;
  try {
    return statSync('/proc/self/ns/net').ino === statSync(`/var/run/netns/${name}`).ino;
  } catch {
    return false;
  }
}

function run(argv: string[], netns?: string, input?: string): string {
  if (!inSandbox()) throw new HostError('refusing to touch the network outside the sandbox (run under scripts/sandbox.sh)');
  const full = netns ? ['nsenter', `--net=${netns}`, '--', ...argv] : argv;
  return execFileSync(full[0], full.slice(1), { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 15_000 });
}

function tryRun(argv: string[], netns?: string): boolean {
  const full = netns ? ['nsenter', `--net=${netns}`, '--', ...argv] : argv;
  return spawnSync(full[0], full.slice(1), { stdio: 'ignore', timeout: 15_000 }).status === 0;
}

export interface Host {
  name: string;
  ip: string;
  netns: string;
  /** The host's process (master or agent host), while it runs. */
  proc?: ChildProcess;
  logFile: string;
  /** Directory with the host's data (kept across restarts). */
  dir: string;
}

export class ChaosHosts {
  readonly tag = `c${process.pid % 10000}`;
  private readonly wire = `cw${process.pid % 100000}`;
  private readonly made: string[] = [];
  private readonly links: string[] = [];
  private next = 1;
  readonly hosts = new Map<string, Host>();
  /** /var/run/netns entries before the run (see sweepDeadNetnsFiles). */
  private readonly netnsBefore = new Set(listNetnsFiles());

  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  setup(): void {
    run(['ip', 'link', 'add', this.wire, 'type', 'bridge']);
    this.links.push(this.wire);
    run(['ip', 'addr', 'add', `${RUNNER_IP}/24`, 'dev', this.wire]);
    run(['ip', 'link', 'set', this.wire, 'up']);
  }

  /** A new host namespace on the wire. */
  add(name: string): Host {
    const n = this.next++;
    if (n >= 254) throw new HostError('too many hosts (at most 253)');
    const ns = `shoal-${this.tag}-${name}`.slice(0, 60);
    run(['ip', 'netns', 'add', ns]);
    this.made.push(ns);
    const netns = `/var/run/netns/${ns}`;
    const outer = `${this.wire}h${n}`.slice(0, 15);
    run(['ip', 'link', 'add', outer, 'type', 'veth', 'peer', 'name', 'wire0', 'netns', netns]);
    this.links.push(outer);
    run(['ip', 'link', 'set', outer, 'master', this.wire, 'up']);
    const ip = `${WIRE_PREFIX}.${n}`;
    run(['ip', 'addr', 'add', `${ip}/24`, 'dev', 'wire0'], netns);
    run(['ip', 'link', 'set', 'wire0', 'up'], netns);
    run(['ip', 'link', 'set', 'lo', 'up'], netns);
    const dir = path.join(this.root, name);
    mkdirSync(dir, { recursive: true });
    const host: Host = { name, ip, netns, dir, logFile: path.join(this.root, `${name}.log`) };
    this.hosts.set(name, host);
    return host;
  }

  /** Starts `shoal <command> ...args` on the host; `ownPids` puts it in a PID namespace of its own. */
  start(host: Host, command: 'master' | 'agent', args: string[], ownPids = false): ChildProcess {
    if (host.proc && host.proc.exitCode === null && host.proc.signalCode === null) throw new HostError(`${host.name} is already running`);
    const out = openSync(host.logFile, 'a');
    const inner = [process.execPath, SHOAL_BIN, command, ...args];
    const argv = ['nsenter', `--net=${host.netns}`, '--', ...(ownPids ? ['unshare', '--pid', '--fork', '--kill-child', '--mount-proc', '--', ...inner] : inner)];
    try {
      host.proc = spawn(argv[0], argv.slice(1), { stdio: ['ignore', out, out] });
    } finally {
      closeSync(out);
    }
    host.proc.on('error', () => undefined);
    return host.proc;
  }

  isRunning(host: Host): boolean {
    return !!host.proc && host.proc.exitCode === null && host.proc.signalCode === null;
  }

  signal(host: Host, sig: NodeJS.Signals): void {
    if (host.proc?.pid && this.isRunning(host)) process.kill(host.proc.pid, sig);
  }

  /** SIGKILL and wait until the process is gone. */
  async kill(host: Host): Promise<void> {
    const p = host.proc;
    if (!p || !this.isRunning(host)) return;
    const gone = new Promise<void>((r) => p.once('exit', () => r()));
    process.kill(p.pid!, 'SIGKILL');
    await gone;
  }

  /** Runs a command inside a host's network namespace. */
  exec(host: Host, argv: string[], input?: string): string {
    return run(argv, host.netns, input);
  }

  /** Like exec, without blocking the event loop (faults run while workloads are measured). */
  run(host: Host, argv: string[], input?: string): Promise<string> {
    if (!inSandbox()) return Promise.reject(new HostError('refusing to touch the network outside the sandbox'));
    const full = ['nsenter', `--net=${host.netns}`, '--', ...argv];
    return new Promise((resolve, reject) => {
      const child = execFile(full[0], full.slice(1), { encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) =>
        err ? reject(new HostError(`${argv.join(' ')} on ${host.name}: ${stderr.trim() || err.message}`)) : resolve(stdout),
      );
      if (input !== undefined) child.stdin?.end(input);
    });
  }

  tryExec(host: Host, argv: string[]): boolean {
    return tryRun(argv, host.netns);
  }

  /** True when the kernel here has the qdisc (netem) that latency faults need. */
  netemSupported(host: Host): boolean {
    const ok = tryRun(['tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms'], host.netns);
    if (ok) tryRun(['tc', 'qdisc', 'del', 'dev', 'lo', 'root'], host.netns);
    return ok;
  }

  async cleanup(): Promise<void> {
    for (const h of this.hosts.values()) {
      this.signal(h, 'SIGCONT');
      await this.kill(h).catch(() => undefined);
    }
    for (const ns of this.made.reverse()) {
      const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout?.split(/\s+/).filter(Boolean) ?? [];
      for (const pid of pids) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      tryRun(['ip', 'netns', 'delete', ns]);
    }
    for (const l of this.links.reverse()) tryRun(['ip', 'link', 'del', l]);
    this.sweepDeadNetnsFiles();
  }

  /**
   * Agents name their pods' network namespaces with `ip netns add` inside their own mount
   * namespace: the bind mounts die with the agent host, but the empty files under
   * /var/run/netns stay ("Peer netns reference is invalid" in `ip netns list`). Removes the
   * ones that appeared during this run and are mounted nowhere here. (A chaos run started
   * alongside this one could lose files of its live agents: run them one at a time.)
   */
  private sweepDeadNetnsFiles(): void {
    const mounted = new Set(
      readFileSync('/proc/self/mountinfo', 'utf8')
        .split('\n')
        .map((l) => l.split(' ')[4])
        .filter((m) => m?.startsWith('/run/netns/') || m?.startsWith('/var/run/netns/'))
        .map((m) => m.split('/').pop()!),
    );
    for (const name of listNetnsFiles()) {
      // `shoal-<node>-<12 of the pod uid>` and warm sandboxes `shoal-<node>-warm-<8 hex>` (and the
      // prefix without the node, from before agents named theirs).
      if (this.netnsBefore.has(name) || mounted.has(name) || !/^shoal-(?:[a-z0-9.-]+-)?(?:[0-9a-f]{12}|warm-[0-9a-f]{8})$/.test(name)) continue;
      try {
        unlinkSync(`/var/run/netns/${name}`);
      } catch {
        /* gone, or in use */
      }
    }
  }

  removeData(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

function listNetnsFiles(): string[] {
  try {
    return readdirSync('/var/run/netns');
  } catch {
    return [];
  }
}
