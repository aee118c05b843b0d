// Network namespaces for benchmarks that send real traffic. They are made only when this
// process runs as root inside the sandbox scripts/sandbox.sh made (ARCHITECTURE.md, "Network
// safety"): every namespace made here is a child of that sandbox, recorded, and deleted by
// cleanup() together with whatever still runs in it. Commands only ever run in namespaces made
// here; nothing touches the sandbox's own links or rules.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';

import { inSandbox } from '../../chaos/hosts.ts';

export { inSandbox };

export class BenchNetns {
  /** Per-run tag, so that two runs never share a name. */
  readonly tag = `pb${process.pid}`;
  private readonly names: string[] = [];
  private readonly paths = new Set<string>();
  private readonly children = new Set<ChildProcess>();

  constructor() {
    if (!inSandbox()) throw new Error('refusing to make network namespaces outside the sandbox (run as root under scripts/sandbox.sh)');
    BenchNetns.reapStale();
  }

  /**
   * Deletes namespaces left by runs that were killed before their cleanup: ours by name
   * (shoal-pb<pid>-*), only when that process is gone and nothing runs inside.
   */
  static reapStale(): void {
    const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
    for (const line of list.split('\n')) {
      const m = /^(shoal-pb(\d+)-\S+)/.exec(line);
      if (!m || isAlive(Number(m[2]))) continue;
      const pids = spawnSync('ip', ['netns', 'pids', m[1]], { encoding: 'utf8' }).stdout?.trim();
      if (!pids) spawnSync('ip', ['netns', 'delete', m[1]]);
    }
  }

  /** Makes `shoal-<tag>-<suffix>` with loopback up; returns its path. */
  async create(suffix: string): Promise<string> {
    const name = `shoal-${this.tag}-${suffix}`;
    await execAsync(['ip', 'netns', 'add', name]);
    this.names.push(name);
    const path = `/var/run/netns/${name}`;
    this.paths.add(path);
    await this.run(path, ['ip', 'link', 'set', 'lo', 'up']);
    return path;
  }

  /** Runs argv inside `netns` (one of ours); resolves with stdout. */
  run(netns: string, argv: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
    this.own(netns);
    return execAsync(['nsenter', `--net=${netns}`, '--', ...argv], opts);
  }

  /** A long-running process inside `netns`, killed by cleanup() if still alive. */
  spawn(netns: string, argv: string[]): ChildProcess {
    this.own(netns);
    const child = spawn('nsenter', [`--net=${netns}`, '--', ...argv], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  async sysctl(netns: string, settings: Record<string, string>): Promise<void> {
    await this.run(netns, ['sysctl', '-q', ...Object.entries(settings).map(([k, v]) => `${k}=${v}`)]);
  }

  cleanup(): void {
    for (const c of this.children) c.kill('SIGKILL');
    for (const name of this.names.reverse()) {
      const pids = spawnSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).stdout?.split(/\s+/).filter(Boolean) ?? [];
      for (const pid of pids) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      // Deleting the namespace deletes the veths and bridges inside it.
      spawnSync('ip', ['netns', 'delete', name]);
    }
    this.names.length = 0;
    this.paths.clear();
  }

  private own(netns: string): void {
    if (!this.paths.has(netns)) throw new Error(`${netns} is not a namespace this run made`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function execAsync(argv: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(argv[0], argv.slice(1), { encoding: 'utf8', timeout: opts.timeoutMs ?? 30_000, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${argv.join(' ')}: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
    if (opts.input !== undefined) {
      child.stdin?.on('error', () => undefined); // EPIPE when it dies early; the callback reports it
      child.stdin?.end(opts.input);
    }
  });
}
