// Runs short commands (ip, nsenter, nft, conntrack, sysctl, and the process runtime's shims)
// for the agent through one small long-lived Python process that starts them with posix_spawn.
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
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { constants as osConstants } from 'node:os';

const HELPER_SOURCE = String.raw`# shoal-spawn-helper (src/node/util/spawn-helper.ts): runs commands with posix_spawn for the agent
import os, sys, signal, selectors, time, base64

sel = selectors.DefaultSelector()
jobs = {}      # pid -> job
inbuf = bytearray()
stdin_open = True

class Job:
    __slots__ = ('id', 'pid', 'out', 'err', 'open', 'status', 'error', 'input', 'in_fd', 'deadline', 'max', 'killed', 'detach')

def out_write(b):
    view = memoryview(b)
    while view:
        try:
            n = os.write(1, view)
        except BlockingIOError:
            selectors.select.select([], [1], [])
            continue
        view = view[n:]

def reply(j):
    if j.status is None:
        code = sig = '-'
    elif os.WIFSIGNALED(j.status):
        code, sig = '-', str(os.WTERMSIG(j.status))
    else:
        code, sig = str(os.WEXITSTATUS(j.status)), '-'
    err = base64.b64encode(j.error.encode()).decode() if j.error else '-'
    out_write(f'{j.id} {code} {sig} {err} {len(j.out)} {len(j.err)}\n'.encode() + bytes(j.out) + bytes(j.err))

def fail_now(rid, why, code=None, stderr=b''):
    j = Job(); j.id = rid; j.out = b''; j.err = stderr; j.error = why
    j.status = None if code is None else (code << 8)
    reply(j)

def close_fd(fd):
    try: sel.unregister(fd)
    except (KeyError, ValueError): pass
    try: os.close(fd)
    except OSError: pass

def start(rid, argv, data, timeout_ms, max_bytes, env, detach):
    in_r, in_w = os.pipe(); out_r, out_w = os.pipe(); err_r, err_w = os.pipe()
    fa = [(os.POSIX_SPAWN_DUP2, in_r, 0), (os.POSIX_SPAWN_DUP2, out_w, 1), (os.POSIX_SPAWN_DUP2, err_w, 2)]
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ if env is None else env, file_actions=fa, setsigdef=(signal.SIGPIPE, signal.SIGCHLD), setsid=detach)
    except OSError as e:
        for fd in (in_r, in_w, out_r, out_w, err_r, err_w): os.close(fd)
        fail_now(rid, f'exec: {e.strerror}', 127, f'exec {argv[0]}: {e.strerror}\n'.encode())
        return
    os.close(in_r); os.close(out_w); os.close(err_w)
    j = Job(); j.id = rid; j.pid = pid; j.out = bytearray(); j.err = bytearray(); j.open = 2; j.status = None
    j.error = None; j.input = memoryview(data); j.in_fd = in_w; j.killed = False
    j.deadline = time.monotonic() + timeout_ms / 1000; j.max = max_bytes; j.detach = detach
    jobs[pid] = j
    for fd, which in ((out_r, 'out'), (err_r, 'err')):
        os.set_blocking(fd, False)
        sel.register(fd, selectors.EVENT_READ, (j, which))
    if len(data):
        os.set_blocking(in_w, False)
        sel.register(in_w, selectors.EVENT_WRITE, (j, 'in'))
    else:
        os.close(in_w); j.in_fd = None

def finish_if_done(j):
    # A detached command (a daemon) is done starting once it closed its outputs; it is reaped
    # whenever it exits, and its exit is not reported.
    if j.open or (j.status is None and not j.detach): return
    if j.in_fd is not None: close_fd(j.in_fd); j.in_fd = None
    jobs.pop(j.pid, None)
    reply(j)

def read_requests():
    global inbuf, stdin_open
    try:
        chunk = os.read(0, 1 << 16)
    except BlockingIOError:
        return
    if not chunk:
        stdin_open = False; sel.unregister(0); return
    inbuf += chunk
    while True:
        nl = inbuf.find(b'\n')
        if nl < 0: return
        head = inbuf[:nl].decode().split(' ')
        rid, timeout_ms, max_bytes, flags, envlen, inlen = head[0], int(head[1]), int(head[2]), head[3], int(head[4]), int(head[5])
        arglens = [int(x) for x in head[6:]]
        need = nl + 1 + max(envlen, 0) + inlen + sum(arglens)
        if len(inbuf) < need: return
        pos = nl + 1; argv = []
        for l in arglens:
            argv.append(bytes(inbuf[pos:pos + l])); pos += l
        env = None
        if envlen >= 0:
            env = {}
            for kv in bytes(inbuf[pos:pos + envlen]).split(b'\0'):
                k, sep, v = kv.partition(b'=')
                if sep and k: env[k] = v
            pos += envlen
        data = bytes(inbuf[pos:pos + inlen])
        del inbuf[:need]
        start(rid, argv, data, timeout_ms, max_bytes, env, 'd' in flags)

def reap():
    while jobs:
        try:
            pid, st = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0: return
        j = jobs.get(pid)
        if j is None: continue  # a detached command already answered for
        j.status = st
        finish_if_done(j)

wake_r, wake_w = os.pipe()
os.set_blocking(wake_r, False); os.set_blocking(wake_w, False)
signal.set_wakeup_fd(wake_w)
signal.signal(signal.SIGCHLD, lambda *_: None)
signal.signal(signal.SIGPIPE, signal.SIG_IGN)
os.set_blocking(0, False)
sel.register(0, selectors.EVENT_READ, None)
sel.register(wake_r, selectors.EVENT_READ, 'wake')

while stdin_open or jobs:
    now = time.monotonic()
    pending = [j.deadline - now for j in jobs.values() if not j.killed and j.status is None]
    timeout = max(0.0, min(pending)) if pending else None
    for key, ev in sel.select(timeout):
        d = key.data
        if d is None:
            read_requests(); continue
        if d == 'wake':
            try:
                while os.read(wake_r, 512): pass
            except BlockingIOError: pass
            continue
        j, which = d
        if which == 'in':
            try:
                n = os.write(key.fd, j.input)
            except BlockingIOError:
                continue
            except OSError:
                close_fd(key.fd); j.in_fd = None; continue
            j.input = j.input[n:]
            if not len(j.input): close_fd(key.fd); j.in_fd = None
            continue
        try:
            chunk = os.read(key.fd, 1 << 16)
        except BlockingIOError:
            continue
        if not chunk:
            close_fd(key.fd); j.open -= 1; finish_if_done(j); continue
        (j.out if which == 'out' else j.err).extend(chunk)
        if len(j.out) + len(j.err) > j.max and j.error is None:
            j.error = 'maxBuffer'
            try: os.kill(j.pid, signal.SIGKILL)
            except ProcessLookupError: pass
    reap()
    now = time.monotonic()
    for j in list(jobs.values()):
        if j.status is None and not j.killed and now >= j.deadline:
            if j.error is None: j.error = 'timeout'
            j.killed = True
            try: os.kill(j.pid, signal.SIGTERM)
            except ProcessLookupError: pass
`;

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
      child = spawn(python, ['-I', '-S', '-c', HELPER_SOURCE], { stdio: ['pipe', 'pipe', 'inherit'] });
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

/** The helper's pid, if one runs (tests kill it to see commands survive). */
export function spawnHelperPid(): number | undefined {
  return shared?.pid;
}

/** The same run by Node itself, for comparison and where the helper must not be used. */
export { runDirect as spawnDirect };
