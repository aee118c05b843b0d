// Runs short commands (ip, nsenter, nft, conntrack, sysctl) for the agent through one small
// long-lived Perl process instead of forking the agent itself.
//
// Why: Node forks the whole agent for every child process, on the agent's own thread. Measured
// here (2 cores): ~6.8 ms of the parent's CPU per spawn from a 160 MB process, ~0.7 ms through
// this helper; under bench:podstart the agent spent 12-18 s of 30-40 s inside spawn(), which is
// what bounded how fast a node starts pods. A 4 MB Perl process forks cheaply and off the
// agent's event loop.
//
// Protocol (binary-safe, no parsing of payloads: JSON in Perl's core module took a second for
// a 3 MB nft ruleset): a request is a header line `ID TIMEOUT_MS MAX_BYTES INPUT_LEN ARG_LEN...`
// then the argument bytes back to back, then the input bytes; a reply is `ID CODE SIGNAL ERROR
// STDOUT_LEN STDERR_LEN` then the output bytes, sent once the command exited and both its outputs
// closed (as execFile). CODE and SIGNAL are `-` when not set, ERROR is `-` or base64 text. A
// command past its timeout gets SIGTERM (error `timeout`); one writing more than MAX_BYTES is
// killed (`maxBuffer`); an exec failure is exit 127 with the reason on stderr.
// Limits: at most MAX_PENDING commands in flight (the rest wait here, in order).
//
// The helper reads requests until stdin closes (the agent died or closed it), finishes what runs
// and exits. If it cannot be started, commands run through execFile (slower, same results); if
// it dies, the commands it was running fail (they may have run: never twice) and a new helper
// takes the next ones. Perl because it is always there on Debian (perl-base is Essential); core modules only.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { constants as osConstants } from 'node:os';

const HELPER_SOURCE = String.raw`
use strict;
use warnings;
use POSIX ();
use IO::Select;
use IO::Handle;
use MIME::Base64 ();
use Time::HiRes ();
$0 = 'shoal-spawn-helper';
$SIG{PIPE} = 'IGNORE';
my $sel_r = IO::Select->new();
my $sel_w = IO::Select->new();
my (%jobs, %fh_job);
my $inbuf = '';
my $stdin_open = 1;
STDIN->blocking(0);
$sel_r->add(\*STDIN);
STDOUT->autoflush(1);
binmode STDIN; binmode STDOUT;

sub reply {
  my ($j) = @_;
  my $st = $j->{status} // 0;
  my ($code, $sig) = (($st & 127) != 0) ? ('-', $st & 127) : ($st >> 8, '-');
  ($code, $sig) = ('-', '-') if !defined $j->{status};
  my $err = defined $j->{error} ? MIME::Base64::encode_base64($j->{error}, '') : '-';
  print STDOUT join(' ', $j->{id}, $code, $sig, $err, length($j->{out}), length($j->{err})), "\n", $j->{out}, $j->{err};
}

sub start_job {
  my ($req) = @_;
  # $req: { id, argv, input, timeoutMs, maxBytes }
  my ($in_r, $in_w, $out_r, $out_w, $err_r, $err_w);
  pipe($in_r, $in_w) or return fail_now($req, "pipe: $!");
  pipe($out_r, $out_w) or return fail_now($req, "pipe: $!");
  pipe($err_r, $err_w) or return fail_now($req, "pipe: $!");
  my $pid = fork();
  if (!defined $pid) { return fail_now($req, "fork: $!") }
  if ($pid == 0) {
    POSIX::dup2(fileno($in_r), 0); POSIX::dup2(fileno($out_w), 1); POSIX::dup2(fileno($err_w), 2);
    POSIX::close($_) for grep { $_ > 2 } map { fileno($_) } ($in_r, $in_w, $out_r, $out_w, $err_r, $err_w);
    my @argv = @{$req->{argv}};
    { no warnings 'exec'; exec { $argv[0] } @argv; }
    my $why = "$!";
    syswrite(STDERR, "exec $argv[0]: $why\n");
    POSIX::_exit(127);
  }
  close $in_r; close $out_w; close $err_w;
  my $j = { id => $req->{id}, pid => $pid, out => '', err => '', open => 2, status => undef,
            input => $req->{input}, in => $in_w,
            deadline => Time::HiRes::time() + ($req->{timeoutMs} // 15000) / 1000, max => $req->{maxBytes} // 16777216 };
  $jobs{$pid} = $j;
  for my $pair ([$out_r, 'out'], [$err_r, 'err']) {
    $pair->[0]->blocking(0);
    $fh_job{fileno($pair->[0])} = [$j, $pair->[1], $pair->[0]];
    $sel_r->add($pair->[0]);
  }
  if (length $j->{input}) { $in_w->blocking(0); $fh_job{fileno($in_w)} = [$j, 'in', $in_w]; $sel_w->add($in_w) }
  else { close $in_w; $j->{in} = undef }
}

sub fail_now {
  my ($req, $why) = @_;
  reply({ id => $req->{id}, status => undef, out => '', err => '', error => $why });
}

sub close_fh {
  my ($fh) = @_;
  delete $fh_job{fileno($fh)};
  $sel_r->remove($fh); $sel_w->remove($fh);
  close $fh;
}

sub finish_if_done {
  my ($j) = @_;
  return unless defined $j->{status} && $j->{open} == 0;
  close_fh($j->{in}) if $j->{in};
  delete $jobs{$j->{pid}};
  reply($j);
}

while ($stdin_open || %jobs) {
  my ($r, $w) = IO::Select->select($sel_r, $sel_w, undef, 0.02);
  for my $fh (@{$w || []}) {
    my $e = $fh_job{fileno($fh)} or next;
    my $j = $e->[0];
    my $n = syswrite($fh, $j->{input});
    if (!defined $n) { next if $!{EAGAIN}; close_fh($fh); $j->{in} = undef; next }
    substr($j->{input}, 0, $n) = '';
    if (!length $j->{input}) { close_fh($fh); $j->{in} = undef }
  }
  for my $fh (@{$r || []}) {
    if (fileno($fh) == 0) {
      my $n = sysread(STDIN, my $buf, 65536);
      if (!defined $n) { next if $!{EAGAIN}; $n = 0 }
      if ($n == 0) { $stdin_open = 0; $sel_r->remove(\*STDIN); next }
      $inbuf .= $buf;
      for (;;) {
        my $nl = index($inbuf, "\n");
        last if $nl < 0;
        my ($id, $timeout, $max, $inlen, @arglens) = split / /, substr($inbuf, 0, $nl);
        my $need = $nl + 1 + $inlen;
        $need += $_ for @arglens;
        last if length($inbuf) < $need;
        my $pos = $nl + 1;
        my @argv;
        for my $l (@arglens) { push @argv, substr($inbuf, $pos, $l); $pos += $l }
        my $input = substr($inbuf, $pos, $inlen);
        substr($inbuf, 0, $need) = '';
        start_job({ id => $id, argv => \@argv, input => $input, timeoutMs => $timeout, maxBytes => $max });
      }
      next;
    }
    my $e = $fh_job{fileno($fh)} or next;
    my ($j, $which) = @$e;
    my $n = sysread($fh, my $buf, 65536);
    if (!defined $n) { next if $!{EAGAIN}; $n = 0 }
    if ($n == 0) { close_fh($fh); $j->{open}--; finish_if_done($j); next }
    $j->{$which} .= $buf;
    if (length($j->{out}) + length($j->{err}) > $j->{max} && !defined $j->{error}) { $j->{error} = 'maxBuffer'; kill 'KILL', $j->{pid} }
  }
  while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) {
    my $j = $jobs{$pid} or next;
    $j->{status} = $?;
    finish_if_done($j);
  }
  my $now = Time::HiRes::time();
  for my $j (values %jobs) {
    next if defined $j->{status} || $now < $j->{deadline} || $j->{killed};
    $j->{error} //= 'timeout'; $j->{killed} = 1; kill 'TERM', $j->{pid};
  }
}
`;

export interface SpawnRequest {
  argv: string[];
  input?: string;
  timeoutMs: number;
  maxBytes: number;
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
    const perl = existsSync('/usr/bin/perl') ? '/usr/bin/perl' : 'perl';
    let child: ChildProcess;
    try {
      child = spawn(perl, ['-e', HELPER_SOURCE], { stdio: ['pipe', 'pipe', 'inherit'] });
    } catch {
      this.broken = true;
      return undefined;
    }
    child.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stdin!.on('error', () => undefined);
    const lost = (why: string) => {
      if (this.child !== child) return;
      this.child = undefined;
      // Never started (no perl): use execFile from now on. Died later: a new one next time.
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
      const header = [id, p.req.timeoutMs, p.req.maxBytes, input.length, ...args.map((a) => a.length)].join(' ') + '\n';
      child.stdin!.write(Buffer.concat([Buffer.from(header), ...args, input]));
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

/** The same request through execFile (the fallback). */
function runDirect(req: SpawnRequest): Promise<SpawnResult> {
  return new Promise((resolve) => {
    const child = execFile(req.argv[0], req.argv.slice(1), { encoding: 'utf8', timeout: req.timeoutMs, maxBuffer: req.maxBytes }, (err, stdout, stderr) => {
      if (!err) return resolve({ code: 0, signal: null, stdout, stderr });
      const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string };
      const error = e.killed ? 'timeout' : typeof e.code === 'string' ? (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' ? 'maxBuffer' : `exec: ${e.code}`) : undefined;
      resolve({ code: typeof e.code === 'number' ? e.code : null, signal: e.signal ?? null, stdout, stderr, error });
    });
    if (req.input !== undefined) {
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(req.input);
    }
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

/** The same through execFile, for comparison and where the helper must not be used. */
export { runDirect as spawnDirect };
