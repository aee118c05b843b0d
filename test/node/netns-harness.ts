// Network namespaces for node tests, made only inside the test run's sandbox (scripts/sandbox.sh):
// simulated node hosts (each its own namespace, joined by veth to a test "wire" bridge in the
// sandbox), pod namespaces, and servers started inside them. Everything made here is recorded
// and removed by cleanup(). Nothing here ever runs `ip` in a namespace the run did not create.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { inSandbox } from '../../chaos/hosts.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BUSYBOX = '/bin/busybox';

/** True when this process runs inside the sandbox namespace scripts/sandbox.sh made, as root. */
export { inSandbox };

export function sh(argv: string[], opts: { netns?: string; input?: string; timeoutMs?: number } = {}): string {
  if (!inSandbox()) throw new Error('refusing to run network commands outside the test sandbox');
  const full = opts.netns ? ['nsenter', `--net=${opts.netns}`, '--', ...argv] : argv;
  return execFileSync(full[0], full.slice(1), { encoding: 'utf8', input: opts.input, timeout: opts.timeoutMs ?? 15_000, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Like sh, but returns the status instead of throwing. */
export function trySh(argv: string[], opts: { netns?: string; timeoutMs?: number } = {}): { status: number | null; stdout: string; stderr: string } {
  if (!inSandbox()) throw new Error('refusing to run network commands outside the test sandbox');
  const full = opts.netns ? ['nsenter', `--net=${opts.netns}`, '--', ...argv] : argv;
  const r = spawnSync(full[0], full.slice(1), { encoding: 'utf8', timeout: opts.timeoutMs ?? 15_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export class NetnsHarness {
  /** Short per-run tag so names stay unique and within 15 characters. */
  readonly tag = `t${process.pid % 100000}${Math.floor(Math.random() * 36 ** 2).toString(36)}`;
  readonly tmp = mkdtempSync(join(tmpdir(), 'shoal-net-'));
  private readonly namespaces: string[] = [];
  private readonly links: string[] = [];
  private readonly children: ChildProcess[] = [];
  private wireBridge: string | undefined;
  private wireHosts = 0;

  /** Creates `shoal-<tag>-<suffix>` and returns its path. */
  netns(suffix: string): string {
    const name = `shoal-${this.tag}-${suffix}`;
    sh(['ip', 'netns', 'add', name]);
    this.namespaces.push(name);
    const path = `/var/run/netns/${name}`;
    sh(['ip', 'link', 'set', 'lo', 'up'], { netns: path });
    return path;
  }

  deleteNetns(path: string): void {
    const name = path.split('/').pop()!;
    trySh(['ip', 'netns', 'delete', name]);
    const i = this.namespaces.indexOf(name);
    if (i >= 0) this.namespaces.splice(i, 1);
  }

  /**
   * A simulated node host: its own namespace, with `wire0` (10.250.0.N/24) on the run's wire
   * bridge in the sandbox namespace. Returns the namespace path and its node IP.
   */
  nodeHost(suffix: string): { netns: string; nodeIp: string } {
    if (!this.wireBridge) {
      this.wireBridge = `w${this.tag}`.slice(0, 15);
      sh(['ip', 'link', 'add', this.wireBridge, 'type', 'bridge']);
      this.links.push(this.wireBridge);
      sh(['ip', 'link', 'set', this.wireBridge, 'up']);
    }
    const n = ++this.wireHosts;
    const netns = this.netns(suffix);
    const hostEnd = `w${this.tag}${n}`.slice(0, 15);
    sh(['ip', 'link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', 'wire0', 'netns', netns]);
    this.links.push(hostEnd);
    sh(['ip', 'link', 'set', hostEnd, 'master', this.wireBridge, 'up']);
    const nodeIp = `10.250.0.${n}`;
    sh(['ip', 'addr', 'add', `${nodeIp}/24`, 'dev', 'wire0'], { netns });
    sh(['ip', 'link', 'set', 'wire0', 'up'], { netns });
    return { netns, nodeIp };
  }

  /** A busybox httpd inside `netns` on `port`, with /cgi-bin/ip answering the client's address. */
  async httpd(netns: string, port: number): Promise<void> {
    const root = join(this.tmp, `www-${port}-${this.children.length}`);
    mkdirSync(join(root, 'cgi-bin'), { recursive: true });
    writeFileSync(join(root, 'index.html'), 'hello from shoal\n');
    writeFileSync(join(root, 'cgi-bin', 'ip'), `#!${BUSYBOX} sh\necho "Content-Type: text/plain"\necho\necho "$REMOTE_ADDR"\n`);
    chmodSync(join(root, 'cgi-bin', 'ip'), 0o755);
    const child = spawn('nsenter', [`--net=${netns}`, '--', BUSYBOX, 'httpd', '-f', '-p', String(port), '-h', root], { stdio: 'ignore' });
    this.children.push(child);
    // Wait until it listens (bounded).
    for (let i = 0; i < 50; i++) {
      const r = trySh([BUSYBOX, 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}/`], { netns, timeoutMs: 3000 });
      if (r.status === 0) return;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`httpd in ${netns} did not start listening on ${port}`);
  }

  /** GET url from inside `netns`: the body, or undefined when it fails (bounded by 5 s; busybox 1.35's `wget -T` crashes). */
  wget(netns: string, url: string): string | undefined {
    const r = trySh([BUSYBOX, 'wget', '-q', '-O', '-', url], { netns, timeoutMs: 5000 });
    return r.status === 0 ? r.stdout : undefined;
  }

  /** The client address the server at `ip:port` saw for a request from `netns` (IPv4-mapped form unwrapped). */
  clientAddressSeen(netns: string, ip: string, port: number): string | undefined {
    const body = this.wget(netns, `http://${ip}:${port}/cgi-bin/ip`);
    return body?.trim().replace(/^\[/, '').replace(/\]$/, '').replace(/^::ffff:/, '');
  }

  /** One ping from inside `netns`, waiting up to `waitSeconds` for the answer. */
  ping(netns: string, ip: string, waitSeconds = 2): boolean {
    return trySh([BUSYBOX, 'ping', '-c', '1', '-W', String(waitSeconds), ip], { netns, timeoutMs: (waitSeconds + 3) * 1000 }).status === 0;
  }

  cleanup(): void {
    for (const c of this.children) c.kill('SIGKILL');
    for (const name of this.namespaces.reverse()) {
      const pids = trySh(['ip', 'netns', 'pids', name]).stdout.split(/\s+/).filter(Boolean);
      for (const pid of pids) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      trySh(['ip', 'netns', 'delete', name]);
    }
    for (const link of this.links.reverse()) trySh(['ip', 'link', 'del', link]);
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
