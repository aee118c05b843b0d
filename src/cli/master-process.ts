// A `shoal master` child process with its output in a log file: how `shoal up` (and the
// tests) run masters as real, separately killable processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Set for masters started through MasterProcess: a master whose parent died (say, kill -9 of
 * `shoal up`) stops instead of running on as an orphan that holds the ports and the data dir.
 */
export const EXIT_WITH_PARENT_ENV = 'SHOAL_EXIT_WITH_PARENT';

export const SHOAL_BIN = fileURLToPath(new URL('../../bin/shoal.js', import.meta.url));

export interface MasterProcessOptions {
  name: string;
  /** Flags after `shoal master` (or after `shoal <command>`). */
  args: string[];
  logFile: string;
  /** The shoal subcommand to run (default "master"; `shoal up` runs agents this way too). */
  command?: string;
}

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

export class MasterProcess {
  readonly name: string;
  readonly logFile: string;
  readonly exited: Promise<ExitInfo>;
  private readonly child: ChildProcess;
  private exitInfo: ExitInfo | undefined;

  constructor(opts: MasterProcessOptions) {
    this.name = opts.name;
    this.logFile = opts.logFile;
    const fd = openSync(opts.logFile, 'a');
    try {
      this.child = spawn(process.execPath, [SHOAL_BIN, opts.command ?? 'master', ...opts.args], {
        stdio: ['ignore', fd, fd],
        env: { ...process.env, [EXIT_WITH_PARENT_ENV]: '1' },
        // Own process group: a terminal's Ctrl-C reaches only `shoal up`, which then stops
        // the masters once each, in order, instead of each master seeing two signals.
        detached: true,
      });
    } finally {
      closeSync(fd); // the child holds its own copy
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL if the master has not stopped within `graceMs`. */
  async stop(graceMs = 10_000): Promise<ExitInfo> {
    if (!this.running) return this.exitInfo!;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Why the master gave up, from its last error-or-worse log line; else the log's last lines. */
  failureSummary(lines = 10): string {
    let text: string;
    try {
      text = readFileSync(this.logFile, 'utf8');
    } catch {
      return '(no log)';
    }
    const all = text.trimEnd().split('\n');
    for (let i = all.length - 1; i >= 0; i--) {
      try {
        const rec = JSON.parse(all[i]) as { level?: number; msg?: string; err?: { message?: string } };
        if ((rec.level ?? 0) >= 50) return `${rec.msg ?? ''}${rec.err?.message ? `: ${rec.err.message}` : ''}`;
      } catch {
        // not a log line (a crash trace from node itself): fall through to the raw tail
      }
    }
    return all.slice(-lines).join('\n');
  }
}
