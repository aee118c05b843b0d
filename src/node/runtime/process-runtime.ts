// The process runtime: where no Docker engine runs, a pod's containers are child processes of
// the host, run from the host's filesystem.
//
// Sandboxes. As root with a PodNetwork, a pod's sandbox is a network namespace this runtime
// makes (`ip netns add <prefix><uid prefix>`, default prefix `shoal-`) and attaches to the node's
// pod network (veth on the node bridge, an IP from the node's pod CIDR); its containers run in it
// (spawned through `nsenter --net=/var/run/netns/NAME`). With `warmSandboxes` N, up to N such
// namespaces are made ahead of time and handed to new pods (process/warm-sandboxes.ts). Otherwise (not root, or no pod network
// given) pods share the host's network and their IP is '' (logged once).
//
// Images. An image name is only a label here: commands run from the host's filesystem, so an
// image has no entrypoint of its own and a container needs a command (or args). Every image is
// "present" unless `images` lists the names that are (then any other is ErrImagePull, or
// ErrImageNeverPull under pull policy Never), which lets tests see the missing-image path.
//
// Containers. Each runs under a shim (process/shim.ts, a small Perl program started in its own
// session by the agent's spawn helper, util/spawn-helper.ts) that outlives the agent: it
// writes the container's stdout and stderr, timestamped, to a log file in the data dir, and
// its exit status (exit code, or 128+n after signal n) to an exit file. The container process leads its own session and process group; a stop sends
// SIGTERM to the group, then SIGKILL to the group, the session and the cgroup after the grace
// period. Environment: PATH (default), HOSTNAME (the pod's hostname), HOME, then the spec's env,
// nothing of the agent's. Working directory: the spec's (must exist) or /. Volumes: as root, a
// container with volume mounts or pod DNS settings runs in a mount namespace of its own where
// each volume is bind-mounted at its mountPath (read-only if asked) and the pod's resolv.conf
// over /etc/resolv.conf (process/mount-ns.ts: nothing reaches the host's mounts; a mountPath
// the host lacks is created there, empty). Each mount is also announced in the environment as
// SHOAL_MOUNT_<CONTAINER_PATH> (e.g. /etc/config -> SHOAL_MOUNT_ETC_CONFIG) = host path, all of
// them as JSON in SHOAL_MOUNTS: without root, that is all there is. CPU and memory limits:
// cgroups (process/cgroups.ts) when available, else logged as not enforced. Pods without DNS
// settings see the host's resolv.conf. Not done
// here: tty (no pseudo-terminal), hostPorts, and the kernel hostname (HOSTNAME is only an
// environment variable); exec'd processes do not join the container's cgroups.
//
// State, kept in `<dataDir>/process-runtime/`: per sandbox and per container a JSON record (pid
// and start time of the container and of its shim, pod, name, attempt, paths), the log and the
// exit file. A new ProcessRuntime (say after an agent restart) reads them back and adopts: a
// container whose pid is alive with the recorded start time (field 22 of /proc/PID/stat, so a
// recycled pid is never taken for it) is running; one that ended has its exit code from the
// shim's exit file. Only when the shim itself died too (killed, or the machine rebooted) is
// the exit code unknowable: the container is then reported exited with reason 'Unknown' and no
// exit code.
import { KeyedLock } from '../util/keyed-lock.ts';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { constants as osConstants, homedir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino, type Logger } from 'pino';
import { CommandRunner } from '../network/command.ts';
import { spawnViaHelper } from '../util/spawn-helper.ts';
import { readJsonSync, writeJsonAtomicSync } from '../util/json-file.ts';
import { Cgroups } from './process/cgroups.ts';
import { readLog } from './process/log-reader.ts';
import { clockTicksPerSecond, isSameProcess, readProcStat, recentSessionMembers, sessionMembers, systemPageSize } from './process/procfs.ts';
import { withContainerMounts, writePodResolvConf } from './process/mount-ns.ts';
import { WarmSandboxes } from './process/warm-sandboxes.ts';
import { clockGettimeSyscall, installShim, setsidSyscall } from './process/shim.ts';
import {
  RuntimeError,
  type ContainerSpec,
  type ContainerState,
  type ContainerStats,
  type ContainerStatus,
  type ExecResult,
  type ExecStream,
  type LogOptions,
  type PodNetwork,
  type PodRef,
  type Runtime,
  type Sandbox,
  type SandboxSpec,
} from './runtime.ts';

export const PROCESS_RUNTIME_VERSION = '0.1.0';

let idSeq = 0;
/** Six hex digits that differ between containers of one pod attempt (the time and a counter: no entropy needed). */
function uniqueSuffix(): string {
  return ((Date.now() * 4096 + ++idSeq) % 0x1000000).toString(16).padStart(6, '0');
}
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/**
 * Records are not fsynced: what they describe (processes, network namespaces) does not outlive
 * the machine, and an agent that dies leaves them whole (atomic rename); unreadable ones are
 * ignored at load. An fsync per record cost the agent ~10 ms of its event loop per container.
 */
const NOT_DURABLE = { durable: false };
/** How long a listing may take a container seen running as still running (see toStatus). */
const LIST_FRESH_MS = 100;
/** How old a /proc scan usage figures may share (well under the stats window, so its two samples differ). */
const USAGE_SCAN_MS = 100;

export interface ProcessRuntimeOptions {
  /** The agent's data directory; the runtime keeps its state in `<dataDir>/process-runtime`. */
  dataDir: string;
  /** The node's pod network: as root, each pod gets its own network namespace attached to it. */
  podNetwork?: PodNetwork;
  logger?: Logger;
  /** Network namespace names are `<netnsPrefix><uid prefix>` (default `shoal-`). */
  netnsPrefix?: string;
  /** Image names that are present (with or without tag); undefined = every image is. */
  images?: string[];
  /** Container cgroups go under `<agent's cgroup>/<cgroupName>` (default `shoal`). */
  cgroupName?: string;
  /** Instead of the agent's own cgroup (see process/cgroups.ts). */
  cgroupParent?: string;
  /** CPU usage is averaged over at least this window (default 500 ms). */
  statsWindowMs?: number;
  /** execSync keeps at most this much of each of stdout and stderr (default 64 KiB). */
  execOutputLimitBytes?: number;
  /** How long startContainer waits for the shim to report (default 10 s). */
  startTimeoutMs?: number;
  /**
   * Network namespaces kept attached and ready for new pods (default 0; needs the pod network).
   * Named `<netnsPrefix>warm-*`: the prefix must be this runtime's alone on the host.
   */
  warmSandboxes?: number;
}

interface SandboxRecord {
  id: string;
  uid: string;
  namespace: string;
  name: string;
  hostname: string;
  /** Network namespace name and path, when the pod has its own. */
  netns?: string;
  netnsPath?: string;
  ip: string;
  /** The pod's resolv.conf, bind-mounted over /etc/resolv.conf in its containers' mount namespaces. */
  resolvConf?: string;
  createdAt: number;
}

interface ContainerRecord {
  id: string;
  pod: PodRef;
  sandboxId: string;
  name: string;
  attempt: number;
  image: string;
  imageId: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  netnsPath?: string;
  /** Runs in a mount namespace of its own (the pod's resolv.conf): exec joins it. */
  mountNs?: boolean;
  cgroups?: string[];
  createdAt: number;
  startedAt?: number;
  shimPid?: number;
  shimStart?: string;
  pid?: number;
  pidStart?: string;
  /** Set once the end is known (exit file read, or the end found unknowable). */
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
}

interface ExitFile {
  exitCode: number;
  signal: number;
  finishedAt: number;
}

function sanitize(s: string): string {
  return s.replace(/[^A-Za-z0-9]/g, '');
}

/** `NAME:TAG` with `docker.io/library/` and a `:latest` tag dropped, for comparing image names. */
function normalizeImage(image: string): { repo: string; tag: string } {
  let s = image.trim().replace(/^(docker\.io\/)?(library\/)?/, '');
  let tag = 'latest';
  const at = s.indexOf('@');
  if (at >= 0) {
    tag = s.slice(at + 1);
    s = s.slice(0, at);
  } else {
    const colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      tag = s.slice(colon + 1);
      s = s.slice(0, colon);
    }
  }
  return { repo: s, tag };
}

export class ProcessRuntime implements Runtime {
  readonly name = 'process' as const;

  private readonly root: string;
  private readonly log: Logger;
  private readonly cmd: CommandRunner;
  private readonly shimPath: string;
  private readonly perl: string;
  private readonly cgroups: Cgroups;
  private readonly netnsPrefix: string;
  private readonly useNetns: boolean;
  private readonly sandboxes = new Map<string, SandboxRecord>();
  private readonly containers = new Map<string, ContainerRecord>();
  /** Container id -> when a listing last found it running. */
  private readonly runningSeenAt = new Map<string, number>();
  private warm: WarmSandboxes | undefined;
  private readonly samples = new Map<string, { ticks: number; at: number }>();
  private readonly podLocks = new KeyedLock();

  constructor(private readonly opts: ProcessRuntimeOptions) {
    this.root = join(opts.dataDir, 'process-runtime');
    this.log = (opts.logger ?? pino({ level: 'silent' })).child({ component: 'process-runtime' });
    this.cmd = new CommandRunner(this.log);
    this.shimPath = installShim(this.root);
    this.perl = existsSync('/usr/bin/perl') ? '/usr/bin/perl' : 'perl';
    this.netnsPrefix = opts.netnsPrefix ?? 'shoal-';
    const root = process.getuid?.() === 0;
    this.useNetns = root && !!opts.podNetwork;
    if (!this.useNetns) {
      this.log.warn(
        { root, podNetwork: !!opts.podNetwork },
        `pods share the host network (no network namespace, pod IP ''): ${root ? 'no pod network was given' : 'not running as root'}`,
      );
    }
    this.cgroups = Cgroups.detect(opts.cgroupName ?? 'shoal', opts.cgroupParent);
    if (this.cgroups.mode === 'none') this.log.warn(this.cgroups.description);
    else this.log.info(`limits: ${this.cgroups.description}`);
    this.load();
    const network = opts.podNetwork;
    if (this.useNetns && (opts.warmSandboxes ?? 0) > 0 && network?.reassign) {
      this.warm = new WarmSandboxes({ size: opts.warmSandboxes!, prefix: this.netnsPrefix, network: network as PodNetwork & Required<Pick<PodNetwork, 'reassign'>>, cmd: this.cmd, log: this.log });
      void this.warm.start();
    }
  }

  /** Removes the warm sandboxes and makes no more (a node taken down for good; close() keeps them for the next runtime). */
  async dropWarmSandboxes(): Promise<void> {
    await this.warm?.drain();
  }

  /** Warm sandboxes ready now (see process/warm-sandboxes.ts). */
  get warmSandboxes(): number {
    return this.warm?.count ?? 0;
  }

  /** 'v1' | 'v2' | 'none', and what is enforced. */
  get limits(): { mode: string; description: string } {
    return { mode: this.cgroups.mode, description: this.cgroups.description };
  }

  async version(): Promise<string> {
    return `process://${PROCESS_RUNTIME_VERSION}`;
  }

  // ---- sandboxes -----------------------------------------------------------------------------

  runSandbox(spec: SandboxSpec): Promise<Sandbox> {
    return this.withPod(spec.uid, () => this.doRunSandbox(spec));
  }

  private async doRunSandbox(spec: SandboxSpec): Promise<Sandbox> {
    const existing = this.sandboxes.get(spec.uid);
    if (existing && (!existing.netnsPath || existsSync(existing.netnsPath))) return this.toSandbox(existing);
    const rec: SandboxRecord = existing ?? {
      id: '',
      uid: spec.uid,
      namespace: spec.namespace,
      name: spec.name,
      hostname: spec.hostname,
      ip: '',
      createdAt: Date.now(),
    };
    const warm = this.useNetns && !existing ? await this.warm?.take(spec) : undefined;
    if (warm) {
      Object.assign(rec, { netns: warm.netns, netnsPath: `/var/run/netns/${warm.netns}`, id: warm.netns, ip: warm.ip });
      this.log.info({ pod: `${spec.namespace}/${spec.name}`, uid: spec.uid, netns: rec.netns, ip: rec.ip }, 'sandbox created (warm)');
    } else if (this.useNetns) {
      rec.netns ??= this.netnsName(spec.uid);
      rec.netnsPath = `/var/run/netns/${rec.netns}`;
      rec.id = rec.netns;
      try {
        rec.ip = await this.opts.podNetwork!.attach(spec, rec.netnsPath); // makes the namespace too
      } catch (e) {
        await this.cmd.run(['ip', 'netns', 'delete', rec.netns], { tolerate: /No such file|not exist/ }).catch(() => undefined);
        throw new RuntimeError('SandboxError', `pod ${spec.namespace}/${spec.name}: ${(e as Error).message}`);
      }
      this.log.info({ pod: `${spec.namespace}/${spec.name}`, uid: spec.uid, netns: rec.netns, ip: rec.ip }, existing ? 'sandbox network namespace recreated' : 'sandbox created');
    } else {
      rec.id = `host-${sanitize(spec.uid).slice(0, 12) || createHash('sha1').update(spec.uid).digest('hex').slice(0, 12)}`;
      this.log.info({ pod: `${spec.namespace}/${spec.name}`, uid: spec.uid }, 'sandbox created (host network)');
    }
    if (spec.dns && process.getuid?.() === 0) {
      rec.resolvConf = writePodResolvConf(this.podDir(spec.uid), spec.dns);
    } else if (spec.dns) {
      this.log.warn({ pod: `${spec.namespace}/${spec.name}` }, "pod DNS settings not applied: a mount namespace for the pod's resolv.conf needs root; its containers see the host's");
    }
    this.sandboxes.set(spec.uid, rec);
    writeJsonAtomicSync(this.sandboxFile(spec.uid), rec, NOT_DURABLE);
    return this.toSandbox(rec);
  }

  removeSandbox(uid: string): Promise<void> {
    return this.withPod(uid, () => this.doRemoveSandbox(uid));
  }

  private async doRemoveSandbox(uid: string): Promise<void> {
    const mine = [...this.containers.values()].filter((c) => c.pod.uid === uid);
    await Promise.all(mine.map((c) => this.removeContainer(c.id)));
    const rec = this.sandboxes.get(uid);
    if (rec?.netns) {
      // Whatever else still runs in the namespace (exec sessions): killed.
      const pids = await this.cmd.run(['ip', 'netns', 'pids', rec.netns], { tolerate: /No such file|not exist|Invalid/ });
      for (const pid of pids.stdout.split(/\s+/).filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      await this.opts.podNetwork?.detach({ uid, namespace: rec.namespace, name: rec.name });
      await this.cmd.run(['ip', 'netns', 'delete', rec.netns], { tolerate: /No such file|not exist/ });
    }
    if (rec) {
      this.sandboxes.delete(uid);
      rmSync(this.sandboxFile(uid), { force: true });
      rmSync(this.podDir(uid), { recursive: true, force: true });
      this.log.info({ pod: `${rec.namespace}/${rec.name}`, uid, containers: mine.length }, 'sandbox removed');
    }
  }

  async listSandboxes(): Promise<Sandbox[]> {
    return [...this.sandboxes.values()].map((r) => this.toSandbox(r));
  }

  private toSandbox(r: SandboxRecord): Sandbox {
    return {
      uid: r.uid,
      namespace: r.namespace,
      name: r.name,
      id: r.id,
      ip: r.ip,
      createdAt: r.createdAt,
      ready: !r.netnsPath || existsSync(r.netnsPath),
    };
  }

  private netnsName(uid: string): string {
    let name = this.netnsPrefix + (sanitize(uid).slice(0, 12) || 'x');
    const taken = [...this.sandboxes.values()].some((s) => s.netns === name && s.uid !== uid);
    if (taken) name = this.netnsPrefix + createHash('sha1').update(uid).digest('hex').slice(0, 12);
    return name;
  }

  // ---- images --------------------------------------------------------------------------------

  async ensureImage(image: string, policy: ContainerSpec['imagePullPolicy']): Promise<string> {
    if (this.opts.images) {
      const want = normalizeImage(image);
      const present = this.opts.images.some((i) => {
        const have = normalizeImage(i);
        return have.repo === want.repo && (!i.includes(':') || have.tag === want.tag);
      });
      if (!present) {
        if (policy === 'Never') throw new RuntimeError('ErrImageNeverPull', `image "${image}" is not present with pull policy of Never`);
        throw new RuntimeError('ErrImagePull', `image "${image}" is not known to the process runtime (known: ${this.opts.images.join(', ')}); nothing can be pulled`);
      }
    }
    return `process://${image}`;
  }

  // ---- containers ----------------------------------------------------------------------------

  async startContainer(sandbox: Sandbox, spec: ContainerSpec): Promise<string> {
    const sb = this.sandboxes.get(sandbox.uid);
    if (!sb) throw new RuntimeError('CreateContainerError', `no sandbox for pod ${sandbox.namespace}/${sandbox.name} (${sandbox.uid})`);
    const argv = [...spec.command, ...spec.args];
    if (argv.length === 0) {
      throw new RuntimeError('CreateContainerError', `container ${spec.name}: the process runtime runs host commands and image "${spec.image}" has no entrypoint here: give a command`);
    }
    const cwd = spec.workingDir || '/';
    try {
      if (!statSync(cwd).isDirectory()) throw new Error('not a directory');
    } catch (e) {
      throw new RuntimeError('CreateContainerError', `container ${spec.name}: working directory ${cwd}: ${(e as Error).message}`);
    }
    let id = `${sanitize(sb.uid).slice(0, 8)}-${sanitize(spec.name).slice(0, 24)}-${spec.attempt}-${uniqueSuffix()}`;
    while (existsSync(this.containerDir(id))) id = id.slice(0, -6) + uniqueSuffix();
    const dir = this.containerDir(id);
    const env = this.containerEnv(sb, spec);
    const rec: ContainerRecord = {
      id,
      pod: { uid: sb.uid, namespace: sb.namespace, name: sb.name },
      sandboxId: sb.id,
      name: spec.name,
      attempt: spec.attempt,
      image: spec.image,
      imageId: spec.image.startsWith('process://') ? spec.image : `process://${spec.image}`,
      argv,
      env,
      cwd,
      netnsPath: sb.netnsPath,
      // As root: the pod's resolv.conf and the volumes at their mountPaths (process/mount-ns.ts).
      mountNs: !!sb.resolvConf || (spec.mounts.length > 0 && process.getuid?.() === 0),
      createdAt: Date.now(),
    };
    let cg;
    try {
      cg = this.cgroups.create(id, spec.cpuLimit, spec.memoryLimitBytes);
    } catch (e) {
      throw new RuntimeError('CreateContainerError', `container ${spec.name}: cgroups: ${(e as Error).message}`);
    }
    if (!cg && (spec.cpuLimit > 0 || spec.memoryLimitBytes > 0)) {
      this.log.warn({ container: id, cpuLimit: spec.cpuLimit, memoryLimitBytes: spec.memoryLimitBytes }, `limits not enforced: ${this.cgroups.description}`);
    }
    rec.cgroups = cg?.dirs;
    this.containers.set(id, rec);
    this.persist(rec);
    writeFileSync(join(dir, 'env'), Object.entries(env).map(([k, v]) => `${k}=${v}\0`).join(''), { mode: 0o600 });

    const shimArgs = [
      this.shimPath,
      join(dir, 'log'),
      join(dir, 'exit.json'),
      join(dir, 'env'),
      cg?.procs.join(':') || '-',
      cwd,
      String(clockGettimeSyscall()),
      join(dir, 'shim.log'),
      String(setsidSyscall()),
      '--',
      ...argv,
    ];
    let shim = [this.perl, ...shimArgs];
    if (rec.mountNs) {
      try {
        shim = withContainerMounts({ resolvConf: sb.resolvConf, mounts: spec.mounts }, shim);
      } catch (e) {
        this.containers.delete(id);
        rmSync(dir, { recursive: true, force: true });
        if (rec.cgroups) await Cgroups.remove(rec.cgroups);
        throw e;
      }
    }
    // Through the agent's spawn helper (forking the agent per container cost it ~20 ms of its
    // event loop each), as a daemon with an environment of PATH only: answered once it reported.
    const full = sb.netnsPath ? ['nsenter', `--net=${sb.netnsPath}`, '--', ...shim] : shim;
    const r = await spawnViaHelper({ argv: full, env: { PATH: DEFAULT_PATH }, detach: true, timeoutMs: this.opts.startTimeoutMs ?? 10_000, maxBytes: 64 * 1024 });
    const line = r.stdout.split('\n')[0] ?? '';
    const m = /^started (\d+) (\d+) (\d+) (\d+)$/.exec(line);
    if (!m) {
      const why = r.error ? `shim: ${r.error}` : line.replace(/^failed /, '') || `shim exited (${r.signal ?? r.code}) without reporting`;
      const message = [why, r.stderr.trim(), readTail(join(dir, 'shim.log'))].filter(Boolean).join('; ');
      Object.assign(rec, { finishedAt: Date.now(), exitCode: 128, reason: 'StartError', message });
      this.persist(rec);
      if (rec.cgroups) await Cgroups.remove(rec.cgroups);
      this.log.warn({ container: id, pod: `${sb.namespace}/${sb.name}`, name: spec.name, message }, 'container failed to start');
      throw new RuntimeError('RunContainerError', `container ${spec.name}: ${message}`);
    }
    Object.assign(rec, { pid: Number(m[1]), pidStart: m[2], shimPid: Number(m[3]), shimStart: m[4], startedAt: Date.now() });
    this.persist(rec);
    this.log.info({ container: id, pod: `${sb.namespace}/${sb.name}`, name: spec.name, attempt: spec.attempt, pid: rec.pid }, 'container started');
    return id;
  }

  async stopContainer(id: string, graceSeconds: number): Promise<void> {
    const rec = this.mustGet(id);
    if (this.refresh(rec) !== 'running') return;
    this.signal(rec, 'SIGTERM');
    if (await this.waitExit(rec, Math.max(0, graceSeconds) * 1000)) return;
    this.log.info({ container: id, graceSeconds }, 'grace period over: SIGKILL');
    this.killAll(rec);
    if (!(await this.waitExit(rec, 10_000))) this.log.error({ container: id, pid: rec.pid }, 'container still running 10 s after SIGKILL');
  }

  async removeContainer(id: string): Promise<void> {
    const rec = this.containers.get(id);
    if (!rec) return;
    if (this.refresh(rec) === 'running') {
      this.killAll(rec);
      await this.waitExit(rec, 10_000);
    }
    if (rec.cgroups) await Cgroups.remove(rec.cgroups);
    this.containers.delete(id);
    this.runningSeenAt.delete(id);
    this.samples.delete(id);
    rmSync(this.containerDir(id), { recursive: true, force: true });
  }

  async listContainers(): Promise<ContainerStatus[]> {
    return [...this.containers.values()].map((r) => this.toStatus(r));
  }

  private toStatus(r: ContainerRecord): ContainerStatus {
    // Listings come in bursts (every pod finishing a start lists); a container seen running
    // within LIST_FRESH_MS is taken as running without reading /proc and its exit file again.
    const seen = this.runningSeenAt.get(r.id);
    let state: ContainerState;
    if (seen !== undefined && r.finishedAt === undefined && Date.now() - seen < LIST_FRESH_MS) state = 'running';
    else {
      state = this.refresh(r);
      if (state === 'running') this.runningSeenAt.set(r.id, Date.now());
      else this.runningSeenAt.delete(r.id);
    }
    return {
      id: r.id,
      pod: r.pod,
      name: r.name,
      attempt: r.attempt,
      image: r.image,
      imageId: r.imageId,
      state,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      exitCode: r.exitCode,
      reason: r.reason,
      message: r.message,
    };
  }

  // ---- exec, logs, stats ---------------------------------------------------------------------

  async exec(id: string, cmd: string[], opts: { stdin?: boolean; tty?: boolean; timeoutMs?: number }): Promise<ExecStream> {
    const rec = this.mustGet(id);
    if (this.refresh(rec) !== 'running') throw new RuntimeError('ContainerNotRunning', `container ${rec.name} (${id}) is not running`);
    if (cmd.length === 0) throw new RuntimeError('ExecError', 'empty command');
    const joins = [...(rec.netnsPath ? [`--net=${rec.netnsPath}`] : []), ...(rec.mountNs && rec.pid ? [`--mount=/proc/${rec.pid}/ns/mnt`, `--wd=${rec.cwd}`] : [])];
    const full = joins.length ? ['nsenter', ...joins, '--', ...cmd] : cmd;
    const child = spawn(full[0], full.slice(1), {
      env: rec.env,
      cwd: rec.cwd,
      detached: true,
      stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    child.stdout!.pipe(stdout);
    child.stderr!.pipe(stderr);
    let timer: NodeJS.Timeout | undefined;
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    };
    const exit = new Promise<number>((resolve) => {
      child.once('error', (e) => {
        stderr.end(`exec ${cmd[0]}: ${e.message}\n`);
        stdout.end();
        resolve(127);
      });
      child.once('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        resolve(code ?? 128 + signalNumber(signal));
      });
    });
    if (opts.timeoutMs) {
      timer = setTimeout(kill, opts.timeoutMs);
      timer.unref();
    }
    return { stdin: child.stdin ?? undefined, stdout, stderr, exit, kill };
  }

  async execSync(id: string, cmd: string[], timeoutMs: number): Promise<ExecResult> {
    const limit = this.opts.execOutputLimitBytes ?? 64 * 1024;
    const s = await this.exec(id, cmd, {});
    const collect = (stream: NodeJS.ReadableStream) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (b: Buffer) => {
        if (size >= limit) return;
        const part = b.subarray(0, limit - size);
        chunks.push(part);
        size += part.length;
      });
      return () => Buffer.concat(chunks).toString('utf8');
    };
    const out = collect(s.stdout);
    const err = collect(s.stderr);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      s.kill();
    }, timeoutMs);
    const exitCode = await s.exit;
    clearTimeout(timer);
    if (timedOut) throw new RuntimeError('DeadlineExceeded', `command ${JSON.stringify(cmd)} timed out after ${timeoutMs} ms`);
    return { exitCode, stdout: out(), stderr: err() };
  }

  async logs(id: string, opts: LogOptions): Promise<NodeJS.ReadableStream> {
    let rec = this.mustGet(id);
    if (opts.previous) {
      const prev = [...this.containers.values()]
        .filter((c) => c.pod.uid === rec.pod.uid && c.name === rec.name && c.id !== rec.id && (c.attempt < rec.attempt || (c.attempt === rec.attempt && c.createdAt < rec.createdAt)))
        .sort((a, b) => b.attempt - a.attempt || b.createdAt - a.createdAt)[0];
      if (!prev) throw new RuntimeError('NotFound', `previous terminated container "${rec.name}" in pod "${rec.pod.name}" not found`);
      rec = prev;
    }
    const r = rec;
    return readLog(join(this.containerDir(r.id), 'log'), {
      follow: opts.follow,
      tailLines: opts.tailLines,
      timestamps: opts.timestamps,
      stillWriting: () => this.refresh(r) === 'running' || (!!r.shimPid && isSameProcess(r.shimPid, r.shimStart ?? '')),
    });
  }

  async stats(id: string): Promise<ContainerStats | undefined> {
    const rec = this.containers.get(id);
    if (!rec || this.refresh(rec) !== 'running') return undefined;
    const window = this.opts.statsWindowMs ?? 500;
    let prev = this.samples.get(id);
    if (!prev || Date.now() - prev.at < window / 2 || Date.now() - prev.at > 300_000) {
      prev = this.sample(rec);
      await new Promise((r) => setTimeout(r, window));
      if (this.refresh(rec) !== 'running') return undefined;
    }
    const now = this.sample(rec);
    this.samples.set(id, now);
    const seconds = (now.at - prev.at) / 1000;
    const cpuSeconds = Math.max(0, now.ticks - prev.ticks) / clockTicksPerSecond();
    return {
      cpuMillicores: seconds > 0 ? Math.round((cpuSeconds / seconds) * 1000) : 0,
      memoryBytes: this.processes(rec, USAGE_SCAN_MS).reduce((sum, p) => sum + p.rssPages, 0) * systemPageSize(),
    };
  }

  async close(): Promise<void> {
    // Shims are detached and not this process's children; warm sandboxes stay for the next
    // runtime, which removes them.
    this.warm?.close();
  }

  // ---- internals -----------------------------------------------------------------------------

  /**
   * The container's processes: its session (the main process leads it), and its cgroups'.
   * `recentMs`: a scan of /proc that old may serve (usage figures); killing needs a fresh one.
   */
  private processes(rec: ContainerRecord, recentMs = 0) {
    const list = rec.pid ? (recentMs ? recentSessionMembers(rec.pid, recentMs) : sessionMembers(rec.pid)) : [];
    const seen = new Set(list.map((p) => p.pid));
    for (const pid of Cgroups.pids(rec.cgroups ?? [])) {
      if (seen.has(pid)) continue;
      const s = readProcStat(pid);
      if (s) list.push(s);
    }
    return list;
  }

  private sample(rec: ContainerRecord): { ticks: number; at: number } {
    return { ticks: this.processes(rec, USAGE_SCAN_MS).reduce((sum, p) => sum + p.cpuTicks, 0), at: Date.now() };
  }

  private signal(rec: ContainerRecord, sig: NodeJS.Signals): void {
    if (!rec.pid || !isSameProcess(rec.pid, rec.pidStart ?? '')) return;
    try {
      process.kill(-rec.pid, sig);
    } catch {
      /* the group is gone */
    }
  }

  /** SIGKILL to the container's process group, session and cgroups. */
  private killAll(rec: ContainerRecord): void {
    this.signal(rec, 'SIGKILL');
    for (const p of this.processes(rec)) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }

  private async waitExit(rec: ContainerRecord, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (this.refresh(rec) !== 'running') return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The container's state now; records its end once known. */
  private refresh(rec: ContainerRecord): ContainerState {
    if (rec.finishedAt !== undefined) return 'exited';
    if (!rec.pid) return 'created';
    const exitFile = join(this.containerDir(rec.id), 'exit.json');
    const recordExit = (exit: ExitFile): ContainerState => {
      rec.finishedAt = exit.finishedAt;
      rec.exitCode = exit.exitCode;
      rec.reason = exit.signal === 9 && rec.cgroups && Cgroups.oomKilled(rec.cgroups) ? 'OOMKilled' : exit.exitCode === 0 ? 'Completed' : 'Error';
      this.persist(rec);
      this.log.info({ container: rec.id, pod: `${rec.pod.namespace}/${rec.pod.name}`, name: rec.name, exitCode: rec.exitCode, reason: rec.reason }, 'container exited');
      return 'exited';
    };
    const exit = readJsonSync<ExitFile>(exitFile);
    if (exit) return recordExit(exit);
    if (isSameProcess(rec.pid, rec.pidStart ?? '')) return 'running';
    // The main process is gone; a live shim is about to write the exit file.
    if (rec.shimPid && isSameProcess(rec.shimPid, rec.shimStart ?? '')) return 'running';
    // Both are gone now. The shim writes the file before it exits, so read it again: the first
    // read may have come just before the write, and the shim may have exited since the check
    // above (CI saw an exit code lost that way).
    const late = readJsonSync<ExitFile>(exitFile);
    if (late) return recordExit(late);
    rec.finishedAt = Date.now();
    rec.reason = 'Unknown';
    rec.message = 'the container ended while its shim was not running: its exit code is unknown';
    this.persist(rec);
    this.log.warn({ container: rec.id, pod: `${rec.pod.namespace}/${rec.pod.name}`, name: rec.name }, rec.message);
    return 'exited';
  }

  private containerEnv(sb: SandboxRecord, spec: ContainerSpec): Record<string, string> {
    const env: Record<string, string> = { PATH: DEFAULT_PATH, HOSTNAME: sb.hostname, HOME: process.getuid?.() === 0 ? '/root' : homedir() };
    if (spec.mounts.length) {
      env.SHOAL_MOUNTS = JSON.stringify(spec.mounts);
      for (const m of spec.mounts) {
        const key = m.containerPath.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
        env[`SHOAL_MOUNT_${key}`] = m.hostPath;
      }
    }
    return { ...env, ...spec.env };
  }

  private mustGet(id: string): ContainerRecord {
    const rec = this.containers.get(id);
    if (!rec) throw new RuntimeError('NotFound', `no container ${id}`);
    return rec;
  }

  private containerDir(id: string): string {
    return join(this.root, 'containers', id);
  }

  /** Files of a pod that are not records (its resolv.conf). */
  private podDir(uid: string): string {
    return join(this.root, 'pods', createHash('sha1').update(uid).digest('hex'));
  }

  private sandboxFile(uid: string): string {
    return join(this.root, 'sandboxes', `${createHash('sha1').update(uid).digest('hex')}.json`);
  }

  private persist(rec: ContainerRecord): void {
    writeJsonAtomicSync(join(this.containerDir(rec.id), 'state.json'), rec, NOT_DURABLE);
  }

  private load(): void {
    for (const [sub, onRecord] of [
      ['sandboxes', (f: string) => {
        const r = readJsonSync<SandboxRecord>(join(this.root, 'sandboxes', f));
        if (r?.uid) this.sandboxes.set(r.uid, r);
      }],
      ['containers', (f: string) => {
        const r = readJsonSync<ContainerRecord>(join(this.containerDir(f), 'state.json'));
        if (r?.id) this.containers.set(r.id, r);
      }],
    ] as const) {
      let entries: string[] = [];
      try {
        entries = readdirSync(join(this.root, sub));
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.includes('.tmp-')) continue;
        try {
          onRecord(e);
        } catch (err) {
          this.log.error({ file: e, err: (err as Error).message }, 'unreadable runtime record ignored');
        }
      }
    }
    for (const c of this.containers.values()) {
      if (c.pid || c.finishedAt !== undefined) continue;
      // An earlier agent died between recording the container and its shim's report.
      Object.assign(c, { finishedAt: Date.now(), reason: 'Unknown', message: 'the agent stopped while this container was starting' });
      this.persist(c);
    }
    if (this.sandboxes.size || this.containers.size) {
      const running = [...this.containers.values()].filter((c) => this.refresh(c) === 'running').length;
      this.log.info({ sandboxes: this.sandboxes.size, containers: this.containers.size, running }, 'adopted what an earlier agent started');
    }
  }

  private withPod<T>(uid: string, fn: () => Promise<T>): Promise<T> {
    return this.podLocks.run(uid, fn);
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  if (!signal) return 0;
  const n = (osConstants.signals as Record<string, number>)[signal];
  return typeof n === 'number' ? n : 0;
}

function readTail(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-500).trim();
  } catch {
    return '';
  }
}
