// Runs system commands (ip, nsenter, sysctl) with execFile, never through a shell. A command
// can be run inside another network namespace (by path) through `nsenter --net=PATH`. A failure
// is logged with the command line and its stderr, then thrown as a CommandError; failures the
// caller expects (say "Cannot find device" when deleting what is already gone) can be
// tolerated by pattern, which makes idempotent operations easy to write.
import { execFile } from 'node:child_process';
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

export interface RunResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export class CommandRunner {
  constructor(private readonly log: Logger) {}

  async run(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
    const full = opts.netns ? ['nsenter', `--net=${opts.netns}`, '--', ...argv] : argv;
    const [file, ...args] = full;
    return new Promise<RunResult>((resolve, reject) => {
      const child = execFile(
        file,
        args,
        { encoding: 'utf8', timeout: opts.timeoutMs ?? 15_000, maxBuffer: 16 * 1024 * 1024 },
        (err, stdout, stderr) => {
          if (!err) {
            resolve({ ok: true, stdout, stderr });
            return;
          }
          const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string };
          const exitCode = typeof e.code === 'number' ? e.code : null;
          if (opts.tolerate && opts.tolerate.test(stderr)) {
            this.log.debug({ cmd: full.join(' '), stderr: stderr.trim() }, 'command failed (tolerated)');
            resolve({ ok: false, stdout, stderr });
            return;
          }
          const cause = e.killed ? `killed (${e.signal ?? 'timeout'})` : typeof e.code === 'string' ? e.code : e.message;
          this.log.error({ cmd: full.join(' '), exitCode, stderr: stderr.trim(), cause }, 'command failed');
          reject(new CommandError(full, exitCode, stderr, cause));
        },
      );
      if (opts.input !== undefined) {
        // A command that dies before reading all its input (killed by the timeout, say) makes
        // this write fail with EPIPE; unhandled, that error would crash the whole process. The
        // failure itself is reported by the callback above.
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(opts.input);
      }
    });
  }

  /** `ip -j ...` parsed; [] when the output is empty. */
  async ipJson<T = unknown>(args: string[], opts: RunOptions = {}): Promise<T[] | undefined> {
    const r = await this.run(['ip', '-j', ...args], opts);
    if (!r.ok) return undefined;
    const text = r.stdout.trim();
    return text ? (JSON.parse(text) as T[]) : [];
  }
}
