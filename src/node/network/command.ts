// Runs system commands (ip, nsenter, sysctl) never through a shell, by way of the agent's spawn
// helper (util/spawn-helper.ts: forking the agent itself for each costs it milliseconds). A command
// can be run inside another network namespace (by path) through `nsenter --net=PATH`. A failure
// is logged with the command line and its stderr, then thrown as a CommandError; failures the
// caller expects (say "Cannot find device" when deleting what is already gone) can be
// tolerated by pattern, which makes idempotent operations easy to write.
import { spawnViaHelper } from '../util/spawn-helper.ts';
import type { Logger } from 'pino';

export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly argv: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    cause?: string,
  ) {
    super(`${argv.join(' ')}: ${stderr.trim() || cause || `exit ${exitCode}`}`);
  }
}

export interface RunOptions {
  /** Run inside this network namespace (a path such as /var/run/netns/NAME or /proc/PID/ns/net). */
  netns?: string;
  /** A failure whose stderr matches is not an error: the result has ok=false and nothing is logged above debug. */
  tolerate?: RegExp;
  timeoutMs?: number;
  /** Text written to the command's stdin. */
  input?: string;
}

export interface BatchLine {
  /** One `ip` command without the leading `ip`, e.g. `link set veth0 up`. */
  cmd: string;
  /** The line may fail with a message matching this. */
  tolerate?: RegExp;
}

export interface RunResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export class CommandRunner {
  constructor(private readonly log: Logger) {}

  async run(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
    const full = opts.netns ? ['nsenter', `--net=${opts.netns}`, '--', ...argv] : argv;
    const r = await spawnViaHelper({ argv: full, input: opts.input, timeoutMs: opts.timeoutMs ?? 15_000, maxBytes: 16 * 1024 * 1024 });
    const { stdout, stderr } = r;
    if (r.code === 0 && !r.error) return { ok: true, stdout, stderr };
    if (opts.tolerate && opts.tolerate.test(stderr)) {
      this.log.debug({ cmd: full.join(' '), stderr: stderr.trim() }, 'command failed (tolerated)');
      return { ok: false, stdout, stderr };
    }
    const cause = r.error === 'timeout' ? `killed (${r.signal ?? 'timeout'})` : r.error ?? (r.signal ? `killed by ${r.signal}` : undefined);
    this.log.error({ cmd: full.join(' '), exitCode: r.code, stderr: stderr.trim(), cause }, 'command failed');
    throw new CommandError(full, r.code, stderr, cause);
  }

  /**
   * Runs `lines` through one `ip -force -batch -` (one process instead of one per line: each
   * spawn costs the agent milliseconds of its own CPU, and pod start is bound by it). Every
   * line runs even after a failure; a failed line whose message matches its `tolerate` is
   * fine, any other failure throws a CommandError naming the line.
   */
  async ipBatch(lines: BatchLine[], opts: Omit<RunOptions, 'input' | 'tolerate'> = {}): Promise<void> {
    if (!lines.length) return;
    // A namespace named under /run/netns is entered by ip itself (-n): one exec fewer than
    // nsenter. Not for `netns` lines: -n also gives ip a private mount namespace, where a
    // `netns add` would mount the new namespace out of everyone else's sight.
    const named = opts.netns && !lines.some((l) => l.cmd.startsWith('netns ')) ? namedNetns(opts.netns) : undefined;
    const argv = named ? ['ip', '-n', named, '-force', '-batch', '-'] : ['ip', '-force', '-batch', '-'];
    const r = await this.run(argv, { ...opts, netns: named ? undefined : opts.netns, input: lines.map((l) => l.cmd + '\n').join(''), tolerate: /Command failed/ });
    if (r.ok) return;
    const failures = parseBatchFailures(r.stderr);
    if (!failures.length) throw new CommandError(argv, null, r.stderr, 'failed');
    for (const f of failures) {
      const line = lines[f.line - 1];
      if (line?.tolerate?.test(f.message)) {
        this.log.debug({ cmd: line.cmd, stderr: f.message }, 'batch line failed (tolerated)');
        continue;
      }
      const argv = opts.netns ? ['nsenter', `--net=${opts.netns}`, '--', 'ip', ...(line?.cmd.split(' ') ?? [])] : ['ip', ...(line?.cmd.split(' ') ?? [])];
      this.log.error({ cmd: argv.join(' '), stderr: f.message }, 'command failed');
      throw new CommandError(argv, 1, f.message);
    }
  }

  /** `ip -j ...` parsed; [] when the output is empty. */
  async ipJson<T = unknown>(args: string[], opts: RunOptions = {}): Promise<T[] | undefined> {
    const r = await this.run(['ip', '-j', ...args], opts);
    if (!r.ok) return undefined;
    const text = r.stdout.trim();
    return text ? (JSON.parse(text) as T[]) : [];
  }
}

/** The name of a namespace path under /run/netns (or /var/run/netns); undefined for any other path. */
export function namedNetns(path: string): string | undefined {
  return /^\/(?:var\/)?run\/netns\/([^/]+)$/.exec(path)?.[1];
}

/**
 * The failed lines of an `ip -force -batch` run: ip prints a line's error messages, then
 * `Command failed -:N` (N counts from 1).
 */
export function parseBatchFailures(stderr: string): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  let pending: string[] = [];
  for (const l of stderr.split('\n')) {
    const m = /^Command failed [^:]*:(\d+)\s*$/.exec(l);
    if (m) {
      out.push({ line: Number(m[1]), message: pending.join('\n').trim() });
      pending = [];
    } else if (l.trim()) pending.push(l);
  }
  return out;
}
