// Runs short commands (ip, nsenter, nft, conntrack, sysctl, and the process runtime's shims)
// for the agent through one small long-lived Python process (spawn-helper.py) that starts them
// with posix_spawn.
//
// Why: Node forks the whole agent for every child process, on the agent's own thread, and on
// this kind of machine (a microVM) a fork is dear: copy-on-write faults in parent and child.
// Measured here (2 cores), per `true`: fork+exec ~1.3 ms in the parent + ~7.9 ms in the child;
// posix_spawn (vfork-like, no copy) ~0.2 + ~1.7 ms. From the agent, ~6.8 ms of its event loop
// per spawn. Under bench:heal --real a node starts dozens of pods at once, six or so commands
// each: that was whole seconds of CPU on a 2-core machine.
//
// Protocol (binary-safe, payloads never parsed): a request is a header line `ID TIMEOUT_MS
// MAX_BYTES FLAGS ENV_LEN INPUT_LEN ARG_LEN...` then the argument bytes back to back, the
// environment (NUL-separated NAME=VALUE; ENV_LEN -1: the helper's own), then the input bytes;
// FLAGS `d` starts a daemon (own session; answered once its outputs are closed); a
// reply is `ID CODE SIGNAL ERROR STDOUT_LEN STDERR_LEN` then the output bytes, sent once the
// command exited and both its outputs closed (as execFile). CODE and SIGNAL are `-` when not set,
// ERROR is `-` or base64 text. A command past its timeout gets SIGTERM (error `timeout`); one
// writing more than MAX_BYTES is killed (`maxBuffer`); one that cannot be executed is exit 127
// with the reason on stderr. Children get default SIGPIPE and SIGCHLD dispositions.
// Limits: at most MAX_PENDING commands in flight (the rest wait here, in order).
//
// The helper reads requests until stdin closes (the agent died or closed it), finishes what runs
// and exits. If it cannot be started (no python3), Node runs commands itself (slower, same
// results); if it dies, the commands it was running fail (they may have run: never twice) and a
// new helper takes the next ones. python3-minimal is one of the packages scripts/ensure-deps.sh
// installs; only the standard library is used.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { constants as osConstants } from 'node:os';

/** The helper's program (a file beside this one), read once. */
let helperSource: string | undefined;
function helperProgram(): string {
  helperSource ??= readFileSync(new URL('./spawn-helper.py', import.meta.url), 'utf8');
  return helperSource;
}

export interface SpawnRequest {
  argv: string[];
  input?: string;
  timeoutMs: number;
  maxBytes: number;
  /** The whole environment (default: the agent's). */
  env?: Record<string, string>;
  /**
   * A daemon: started in a session of its own, answered as soon as it has closed its stdout
   * and stderr (not when it exits); code and signal are then null unless it had already ended.
   */
  detach?: boolean;
}

export interface SpawnResult {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** 'timeout', 'maxBuffer', 'exec: REASON' or a helper failure. */
  error?: string;
}

/** Commands in flight in the helper at once; more wait in order. */
const MAX_PENDING = 64;

interface Pending {
  req: SpawnRequest;
  resolve: (r: SpawnResult) => void;
}

class SpawnHelper {
  private child: ChildProcess | undefined;
  private broken = false;
  private nextId = 1;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private reply: { id: number; code: number | null; signal: number | null; error?: string; outLen: number; errLen: number } | undefined;
  private readonly inFlight = new Map<number, Pending>();
  private readonly queue: Pending[] = [];

  get pid(): number | undefined {
    return this.child?.pid;
  }

  run(req: SpawnRequest): Promise<SpawnResult> {
    if (this.broken) return runDirect(req);
    return new Promise((resolve) => {
      this.queue.push({ req, resolve });
      this.pump();
    });
  }

  private ensure(): ChildProcess | undefined {
    if (this.child) return this.child;
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    let child: ChildProcess;
    try {
      // -I: ignore PYTHON* variables and the user's site dir; -S: no site import (faster start).
      child = spawn(python, ['-I', '-S', '-c', helperProgram()], { stdio: ['pipe', 'pipe', 'inherit'] });
    } catch {
      this.broken = true;
      return undefined;
    }
    child.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stdin!.on('error', () => undefined);
    const lost = (why: string) => {
      if (this.child !== child) return;
      this.child = undefined;
      // Never started (no python3): run commands directly from now on. Died later: a new one next time.
      if (why === 'error') this.broken = true;
      // Commands in flight may have run (their children outlive the helper): they fail rather
      // than run twice; callers retry what is idempotent.
      const pending = [...this.inFlight.values()];
      this.inFlight.clear();
      this.chunks = [];
      this.buffered = 0;
      this.reply = undefined;
      for (const p of pending) {
        if (why === 'error') void runDirect(p.req).then(p.resolve); // never ran
        else p.resolve({ code: null, signal: null, stdout: '', stderr: '', error: 'spawn helper died' });
      }
      this.pump();
    };
    child.on('error', () => lost('error'));
    child.on('exit', () => lost('exit'));
    this.child = child;
    return child;
  }

  private pump(): void {
    while (this.queue.length && this.inFlight.size < MAX_PENDING) {
      const child = this.ensure();
      if (!child) {
        for (const p of this.queue.splice(0)) void runDirect(p.req).then(p.resolve);
        return;
      }
      const p = this.queue.shift()!;
      const id = this.nextId++;
      this.inFlight.set(id, p);
      const args = p.req.argv.map((a) => Buffer.from(a));
      const input = Buffer.from(p.req.input ?? '');
      const env = p.req.env ? Buffer.from(Object.entries(p.req.env).map(([k, v]) => `${k}=${v}\0`).join('')) : undefined;
      const header = [id, p.req.timeoutMs, p.req.maxBytes, p.req.detach ? 'd' : '-', env ? env.length : -1, input.length, ...args.map((a) => a.length)].join(' ') + '\n';
      child.stdin!.write(Buffer.concat([Buffer.from(header), ...args, ...(env ? [env] : []), input]));
    }
    this.setRef(this.inFlight.size > 0);
  }

  /** The helper keeps the agent's event loop alive only while commands are in flight. */
  private setRef(on: boolean): void {
    const c = this.child;
    if (!c) return;
    for (const s of [c.stdin, c.stdout] as (Socket | null)[]) {
      if (on) s?.ref?.();
      else s?.unref?.();
    }
    if (on) c.ref();
    else c.unref();
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (!this.reply) {
        const head = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        this.chunks = [head];
        const nl = head.indexOf(10);
        if (nl < 0) break;
        const [id, code, signal, error, outLen, errLen] = head.subarray(0, nl).toString('latin1').split(' ');
        this.reply = { id: Number(id), code: code === '-' ? null : Number(code), signal: signal === '-' ? null : Number(signal), error: error === '-' ? undefined : Buffer.from(error, 'base64').toString('utf8'), outLen: Number(outLen), errLen: Number(errLen) };
        this.chunks = [head.subarray(nl + 1)];
        this.buffered -= nl + 1;
      }
      const r = this.reply;
      if (this.buffered < r.outLen + r.errLen) break;
      const body = Buffer.concat(this.chunks);
      this.chunks = [body.subarray(r.outLen + r.errLen)];
      this.buffered -= r.outLen + r.errLen;
      this.reply = undefined;
      const p = this.inFlight.get(r.id);
      if (!p) continue;
      this.inFlight.delete(r.id);
      p.resolve({
        code: r.code,
        signal: r.signal === null ? null : signalName(r.signal),
        stdout: body.subarray(0, r.outLen).toString('utf8'),
        stderr: body.subarray(r.outLen, r.outLen + r.errLen).toString('utf8'),
        error: r.error,
      });
    }
    this.pump();
  }
}

function signalName(n: number): string {
  return Object.entries(osConstants.signals).find(([, v]) => v === n)?.[0] ?? `signal ${n}`;
}

/** The same request run by Node itself (the fallback, and the reference the tests compare with). */
function runDirect(req: SpawnRequest): Promise<SpawnResult> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(req.argv[0], req.argv.slice(1), { env: req.env ?? process.env, detached: !!req.detach, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ code: 127, signal: null, stdout: '', stderr: `exec ${req.argv[0]}: ${(e as Error).message}\n`, error: `exec: ${(e as Error).message}` });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let error: string | undefined;
    let exited: { code: number | null; signal: string | null } | undefined;
    let open = 2;
    let answered = false;
    const timer = setTimeout(() => {
      error ??= 'timeout';
      child.kill('SIGTERM');
    }, req.timeoutMs);
    const answer = () => {
      if (answered || open > 0 || (!exited && !req.detach)) return;
      answered = true;
      clearTimeout(timer);
      if (req.detach) child.unref();
      resolve({ code: exited?.code ?? null, signal: exited?.signal ?? null, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), error });
    };
    for (const [stream, into] of [[child.stdout!, out], [child.stderr!, err]] as const) {
      stream.on('data', (b: Buffer) => {
        into.push(b);
        size += b.length;
        if (size > req.maxBytes && !error) {
          error = 'maxBuffer';
          child.kill('SIGKILL');
        }
      });
      stream.on('close', () => {
        open--;
        answer();
      });
    }
    child.on('error', (e: NodeJS.ErrnoException) => {
      error ??= `exec: ${e.code ?? e.message}`;
      exited ??= { code: 127, signal: null };
      err.push(Buffer.from(`exec ${req.argv[0]}: ${e.message}\n`));
      answer();
    });
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      answer();
    });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(req.input ?? '');
  });
}

let shared: SpawnHelper | undefined;

/** Runs a command through the process-wide helper (started on first use). */
export function spawnViaHelper(req: SpawnRequest): Promise<SpawnResult> {
  shared ??= new SpawnHelper();
  return shared.run(req);
}

/** The helper's pid, if one runs (tests kill it: commands in flight fail, later ones run). */
export function spawnHelperPid(): number | undefined {
  return shared?.pid;
}

/** The same run by Node itself, for comparison and where the helper must not be used. */
export { runDirect as spawnDirect };
