// The Docker runtime (dockerode): a pod is a "pause" holder container that owns the pod's
// network, IPC and UTS namespaces (created with --network none and given its address by the
// PodNetwork, as kubelet's dockershim did with CNI), and the pod's app containers join it with
// NetworkMode/IpcMode `container:<pause id>`. The PID namespace is not shared (Kubernetes'
// default, shareProcessNamespace: false).
//
// Nothing is kept in memory that a restarted agent would need: every container carries labels
// (pod uid/name/namespace, role, container name, attempt, node) and listSandboxes /
// listContainers read them back from the engine, so a new DockerRuntime adopts what an earlier
// one started. In memory there are only caches and bookkeeping that a new process rebuilds by
// itself: container statuses keyed by the engine's list state (so that a steady listContainers
// is one list call, not one inspect per container), a CPU sample per container (stats), a lock
// per pod that serializes runSandbox/removeSandbox, and the open streams that close() ends.

import { createReadStream } from 'node:fs';
import { stat, readdir, readFile } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import Docker from 'dockerode';
import { pino, type Logger } from 'pino';
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

/** Label keys; shared with anything that looks at shoal's containers (e.g. garbage collection). */
export const LABELS = {
  podUid: 'io.shoal.pod.uid',
  podName: 'io.shoal.pod.name',
  podNamespace: 'io.shoal.pod.namespace',
  role: 'io.shoal.role',
  containerName: 'io.shoal.container.name',
  attempt: 'io.shoal.container.attempt',
  sandboxId: 'io.shoal.sandbox.id',
  node: 'io.shoal.node',
} as const;

export const DEFAULT_PAUSE_IMAGE = 'busybox:shoal';
/** Output kept per stream by execSync (probes); the rest is read and dropped. */
export const EXEC_SYNC_OUTPUT_LIMIT = 16 * 1024;

// The holder's process: exits at once on TERM/INT (a bare `sleep` as PID 1 ignores TERM and
// would cost the whole stop timeout), otherwise sleeps forever.
const PAUSE_SCRIPT = "trap 'exit 0' TERM INT; while :; do sleep 2147483647 & wait $!; done";

export interface DockerRuntimeOptions {
  /** The engine's unix socket (the agent's --docker-socket), e.g. /run/shoal-docker.sock. */
  socketPath: string;
  /** Gives each pod its address; undefined = pods have no network of their own (ip ''). */
  network?: PodNetwork;
  logger?: Logger;
  /**
   * The node's name. When set, everything created is labelled io.shoal.node=NODE and only
   * such containers are listed, so that several agents can share one engine (e.g. `shoal up`).
   */
  node?: string;
  /** Image of the holder container (must be present locally, and have /bin/sh and sleep). */
  pauseImage?: string;
  /** Bound on an image pull (policy Always). Default 120 s. */
  pullTimeoutMs?: number;
  /** json-file log rotation per container: size of one file and number of files. */
  logMaxSize?: string;
  logMaxFiles?: number;
}

type DockerError = Error & { statusCode?: number; json?: { message?: string } | null };

function statusOf(err: unknown): number | undefined {
  return (err as DockerError | undefined)?.statusCode;
}

/** Docker's own message (e.g. "No such image: x:y") rather than dockerode's wrapper text. */
export function dockerMessage(err: unknown): string {
  const e = err as DockerError | undefined;
  const m = e?.json && typeof e.json === 'object' && typeof e.json.message === 'string' ? e.json.message : undefined;
  if (m) return m.trim();
  // dockerode's "(HTTP code 500) server error - <the engine's words> "
  if (e && typeof e.message === 'string') return e.message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
  return String(err);
}

function ignoreStatus(...codes: number[]) {
  return (err: unknown): void => {
    if (!codes.includes(statusOf(err) ?? -1)) throw err;
  };
}

/** Docker's zero time "0001-01-01T00:00:00Z" and empty strings are "never". */
function parseDockerTime(s: string | undefined): number | undefined {
  if (!s || s.startsWith('0001-01-01')) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

/** Nanoseconds from b to a, RFC 3339 timestamps with up to 9 fractional digits. */
function timeDeltaNs(a: string, b: string): number {
  const split = (s: string): [number, number] => {
    const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(.*)$/.exec(s);
    if (!m) return [Date.parse(s) / 1000, 0];
    const frac = m[2] ? Number(m[2].slice(0, 9).padEnd(9, '0')) : 0;
    return [Date.parse(m[1] + m[3]) / 1000, frac];
  };
  const [sa, fa] = split(a);
  const [sb, fb] = split(b);
  return (sa - sb) * 1e9 + (fa - fb);
}

function mapState(status: string | undefined): ContainerState {
  switch (status) {
    case 'created':
      return 'created';
    case 'running':
    case 'paused':
    case 'restarting':
      return 'running';
    case 'exited':
    case 'dead':
      return 'exited';
    default:
      return 'unknown';
  }
}

/**
 * Splits "name[:tag]" into repository and tag; a colon before the last slash belongs to a
 * registry host:port ("localhost:5000/app" has no tag). Digests (@sha256:...) are refused.
 */
export function parseImageName(name: string): { repo: string; tag: string } {
  if (!name || /\s/.test(name)) throw new RuntimeError('InvalidImageName', `invalid image name ${JSON.stringify(name)}`);
  if (name.includes('@')) throw new RuntimeError('InvalidImageName', `cannot import as a digest reference: ${name}`);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) return { repo: name.slice(0, colon), tag: name.slice(colon + 1) || 'latest' };
  return { repo: name, tag: 'latest' };
}

/**
 * Reads Docker's multiplexed stdout/stderr stream (8-byte frame headers: stream type, 3 zero
 * bytes, big-endian length) and hands each payload on; with `raw` (TTY containers/execs, which
 * are not multiplexed) everything is stdout.
 */
class Demuxer {
  private buf: Buffer = Buffer.alloc(0);
  constructor(
    private raw: boolean,
    private readonly onData: (stream: 'stdout' | 'stderr', chunk: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.raw) {
      this.onData('stdout', chunk);
      return;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 8) {
      const type = this.buf[0];
      const len = this.buf.readUInt32BE(4);
      if (type > 2 || this.buf[1] !== 0 || this.buf[2] !== 0 || this.buf[3] !== 0) {
        // Not a frame header: the stream was not multiplexed after all; pass it on as is.
        this.raw = true;
        const rest = this.buf;
        this.buf = Buffer.alloc(0);
        this.onData('stdout', rest);
        return;
      }
      if (this.buf.length < 8 + len) return;
      const payload = this.buf.subarray(8, 8 + len);
      this.buf = this.buf.subarray(8 + len);
      if (len > 0) this.onData(type === 2 ? 'stderr' : 'stdout', payload);
    }
  }
}

/** Keeps the first `limit` bytes written to it and counts the rest. */
class BoundedBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  dropped = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    const room = this.limit - this.size;
    if (room <= 0) {
      this.dropped += chunk.length;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(Buffer.from(part));
    this.size += part.length;
    this.dropped += chunk.length - part.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Host pids of `pid` and all its descendants (from /proc), children first. */
async function processTree(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = await readdir('/proc');
  } catch {
    return [pid];
  }
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (e) => {
        try {
          const s = await readFile(`/proc/${e}/stat`, 'utf8');
          // pid (comm) state ppid ...; comm may contain spaces and parentheses
          const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
          const kids = parents.get(ppid) ?? [];
          kids.push(Number(e));
          parents.set(ppid, kids);
        } catch {
          /* gone */
        }
      }),
  );
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const c of parents.get(p) ?? []) walk(c);
    out.push(p);
  };
  walk(pid);
  return out;
}

/** Linux limits hostnames to 64 bytes; Kubernetes cuts pod hostnames to 63 characters. */
function podHostname(h: string): string {
  return h.length > 63 ? h.slice(0, 63).replace(/[-.]+$/, '') : h;
}

interface CpuSample {
  totalNs: number;
  read: string;
  at: number;
}

export class DockerRuntime implements Runtime {
  readonly name = 'docker' as const;
  /** The dockerode client (e.g. for importImage). */
  readonly docker: Docker;
  private readonly network?: PodNetwork;
  private readonly log: Logger;
  private readonly node?: string;
  private readonly pauseImage: string;
  private readonly pullTimeoutMs: number;
  private readonly logConfig: { Type: string; Config: Record<string, string> };
  private readonly cpuSamples = new Map<string, CpuSample>();
  /** Status by container id, valid while the engine's list shows the same state. */
  private readonly statusCache = new Map<string, { listState: string; status: ContainerStatus }>();
  private readonly podLocks = new Map<string, Promise<unknown>>();
  private readonly open = new Set<{ destroy(): void }>();
  private closed = false;

  constructor(opts: DockerRuntimeOptions) {
    this.docker = new Docker({ socketPath: opts.socketPath });
    this.network = opts.network;
    this.log = (opts.logger ?? pino({ level: 'silent' })).child({ component: 'docker-runtime' });
    this.node = opts.node;
    this.pauseImage = opts.pauseImage ?? DEFAULT_PAUSE_IMAGE;
    this.pullTimeoutMs = opts.pullTimeoutMs ?? 120_000;
    this.logConfig = {
      Type: 'json-file',
      Config: { 'max-size': opts.logMaxSize ?? '10m', 'max-file': String(opts.logMaxFiles ?? 2) },
    };
  }

  async version(): Promise<string> {
    const v = await this.docker.version();
    return `docker://${v.Version}`;
  }

  // ------------------------------------------------------------------------------- sandboxes

  private baseLabels(pod: PodRef): Record<string, string> {
    const l: Record<string, string> = {
      [LABELS.podUid]: pod.uid,
      [LABELS.podName]: pod.name,
      [LABELS.podNamespace]: pod.namespace,
    };
    if (this.node !== undefined) l[LABELS.node] = this.node;
    return l;
  }

  private labelFilters(...more: string[]): { label: string[] } {
    const label = [...more];
    if (this.node !== undefined) label.push(`${LABELS.node}=${this.node}`);
    return { label };
  }

  /** Serializes work on one pod (runSandbox/removeSandbox) within this process. */
  private async withPodLock<T>(uid: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.podLocks.get(uid) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(fn);
    this.podLocks.set(uid, run);
    try {
      return await run;
    } finally {
      if (this.podLocks.get(uid) === run) this.podLocks.delete(uid);
    }
  }

  private async findPause(uid: string): Promise<Docker.ContainerInfo | undefined> {
    const list = await this.docker.listContainers({
      all: true,
      filters: this.labelFilters(`${LABELS.role}=sandbox`, `${LABELS.podUid}=${uid}`),
    });
    // Should be one; if a crash left two, the newest wins (the older ones go with removeSandbox).
    list.sort((a, b) => b.Created - a.Created);
    return list[0];
  }

  private podOf(labels: Record<string, string>): PodRef {
    return {
      uid: labels[LABELS.podUid] ?? '',
      name: labels[LABELS.podName] ?? '',
      namespace: labels[LABELS.podNamespace] ?? '',
    };
  }

  /** The pod's IP from the pod network: its own record, else an (idempotent) attach. */
  private async podIp(pod: PodRef, running: boolean, pauseId: string): Promise<string> {
    if (!this.network) return '';
    const known = this.network.allocations().get(pod.uid);
    if (known) return known;
    if (!running) return '';
    const info = await this.docker.getContainer(pauseId).inspect();
    if (!info.State.Running || !info.State.Pid) return '';
    return this.network.attach(pod, `/proc/${info.State.Pid}/ns/net`);
  }

  runSandbox(spec: SandboxSpec): Promise<Sandbox> {
    return this.withPodLock(spec.uid, () => this.runSandboxLocked(spec));
  }

  private async runSandboxLocked(spec: SandboxSpec): Promise<Sandbox> {
    const pod: PodRef = { uid: spec.uid, name: spec.name, namespace: spec.namespace };
    const existing = await this.findPause(spec.uid);
    if (existing) {
      if (existing.State === 'running') {
        const ip = await this.podIp(pod, true, existing.Id).catch((err: unknown) => {
          throw new RuntimeError('SandboxError', `pod network for ${spec.namespace}/${spec.name}: ${dockerMessage(err)}`);
        });
        return { ...pod, id: existing.Id, ip, createdAt: existing.Created * 1000, ready: true };
      }
      // A dead holder: its namespaces are gone. Replace it (as kubelet does, the agent then
      // restarts the pod's containers in the new sandbox: the id changed).
      this.log.info({ pod: `${spec.namespace}/${spec.name}`, old: existing.Id.slice(0, 12) }, 'replacing dead sandbox');
      if (this.network) {
        await this.network.detach(pod).catch((err: unknown) => {
          throw new RuntimeError('SandboxError', `pod network for ${spec.namespace}/${spec.name}: ${dockerMessage(err)}`);
        });
      }
      await this.docker.getContainer(existing.Id).remove({ force: true, v: true }).catch(ignoreStatus(404, 409));
    }

    try {
      await this.docker.getImage(this.pauseImage).inspect();
    } catch (err) {
      if (statusOf(err) === 404) {
        throw new RuntimeError(
          'SandboxError',
          `pause image ${this.pauseImage} is not present on this engine (import it: scripts/dockerd.sh import-busybox, or shoal image import)`,
        );
      }
      throw new RuntimeError('SandboxError', `pause image ${this.pauseImage}: ${dockerMessage(err)}`);
    }

    const name = `shoal_pause_${spec.name}_${spec.namespace}_${spec.uid}`;
    const hostConfig: Docker.HostConfig = {
      NetworkMode: 'none',
      IpcMode: 'shareable',
      RestartPolicy: { Name: 'no' },
      LogConfig: this.logConfig,
      // hostPorts: with --network none Docker cannot publish ports; the node's proxy does that.
    };
    if (spec.dns) {
      hostConfig.Dns = spec.dns.nameservers;
      hostConfig.DnsSearch = spec.dns.searches;
      hostConfig.DnsOptions = spec.dns.options;
    }
    let container: Docker.Container;
    try {
      container = await this.docker.createContainer({
        name,
        Image: this.pauseImage,
        Entrypoint: ['/bin/sh', '-c', PAUSE_SCRIPT],
        Cmd: [],
        Hostname: podHostname(spec.hostname),
        Labels: { ...this.baseLabels(pod), [LABELS.role]: 'sandbox' },
        HostConfig: hostConfig,
      });
    } catch (err) {
      if (statusOf(err) === 409) {
        // A holder of the same name exists but did not match our filter (another node label?).
        throw new RuntimeError('SandboxError', `sandbox name conflict for ${spec.namespace}/${spec.name}: ${dockerMessage(err)}`);
      }
      throw new RuntimeError('SandboxError', `create sandbox for ${spec.namespace}/${spec.name}: ${dockerMessage(err)}`);
    }
    try {
      await container.start();
      const info = await container.inspect();
      if (!info.State.Running || !info.State.Pid) throw new Error(`holder is not running (${info.State.Status})`);
      let ip = '';
      if (this.network) ip = await this.network.attach(pod, `/proc/${info.State.Pid}/ns/net`);
      this.log.info({ pod: `${spec.namespace}/${spec.name}`, id: container.id.slice(0, 12), ip }, 'sandbox running');
      return { ...pod, id: container.id, ip, createdAt: parseDockerTime(info.Created) ?? Date.now(), ready: true };
    } catch (err) {
      if (this.network) await this.network.detach(pod).catch(() => undefined);
      await container.remove({ force: true, v: true }).catch(() => undefined);
      throw err instanceof RuntimeError
        ? err
        : new RuntimeError('SandboxError', `start sandbox for ${spec.namespace}/${spec.name}: ${dockerMessage(err)}`);
    }
  }

  removeSandbox(uid: string): Promise<void> {
    return this.withPodLock(uid, () => this.removeSandboxLocked(uid));
  }

  private async removeSandboxLocked(uid: string): Promise<void> {
    const all = await this.docker.listContainers({ all: true, filters: this.labelFilters(`${LABELS.podUid}=${uid}`) });
    const apps = all.filter((c) => c.Labels[LABELS.role] !== 'sandbox');
    const holders = all.filter((c) => c.Labels[LABELS.role] === 'sandbox');
    // App containers first (force = SIGKILL: the agent stops them with their grace before).
    await Promise.all(apps.map((c) => this.removeContainer(c.Id)));
    if (this.network && holders.length > 0) {
      // Release the address before the holder goes, so that a failure can be retried with the
      // pod's name still known from the holder's labels.
      await this.network.detach(this.podOf(holders[0].Labels));
    }
    await Promise.all(
      holders.map((c) => this.docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreStatus(404, 409))),
    );
    if (all.length) this.log.info({ uid, removed: all.length }, 'sandbox removed');
  }

  async listSandboxes(): Promise<Sandbox[]> {
    const list = await this.docker.listContainers({ all: true, filters: this.labelFilters(`${LABELS.role}=sandbox`) });
    return Promise.all(
      list.map(async (c) => {
        const pod = this.podOf(c.Labels);
        const ready = c.State === 'running';
        let ip = '';
        try {
          // A pod being created or removed right now: its address is runSandbox's business.
          if (this.network && this.podLocks.has(pod.uid)) ip = this.network.allocations().get(pod.uid) ?? '';
          else ip = await this.podIp(pod, ready, c.Id);
        } catch (err) {
          this.log.warn({ pod: `${pod.namespace}/${pod.name}`, err: dockerMessage(err) }, 'pod network: no address for sandbox');
        }
        return { ...pod, id: c.Id, ip, createdAt: c.Created * 1000, ready };
      }),
    );
  }

  // ---------------------------------------------------------------------------------- images

  async ensureImage(image: string, policy: ContainerSpec['imagePullPolicy']): Promise<string> {
    if (policy !== 'Always') {
      try {
        const info = await this.docker.getImage(image).inspect();
        return info.Id;
      } catch (err) {
        if (statusOf(err) !== 404) throw new RuntimeError('ErrImagePull', `image ${image}: ${dockerMessage(err)}`);
      }
      if (policy === 'Never') {
        throw new RuntimeError(
          'ErrImageNeverPull',
          `container image "${image}" is not present with pull policy of Never (import it with: shoal image import ${image} ROOTFS.tar)`,
        );
      }
    }
    // Always, or IfNotPresent with the image missing: a pull (no registry is reachable here,
    // so this is expected to fail; it must fail cleanly, bounded in time).
    await this.pull(image);
    try {
      return (await this.docker.getImage(image).inspect()).Id;
    } catch (err) {
      throw new RuntimeError('ErrImagePull', `image ${image} not present after pull: ${dockerMessage(err)}`);
    }
  }

  private async pull(image: string): Promise<void> {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), this.pullTimeoutMs);
    try {
      const stream = (await this.docker.pull(image, { abortSignal: ac.signal })) as Readable;
      await new Promise<void>((resolve, reject) => {
        this.docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve()));
      });
    } catch (err) {
      const why = ac.signal.aborted ? `timed out after ${this.pullTimeoutMs} ms` : dockerMessage(err);
      throw new RuntimeError('ErrImagePull', `failed to pull image "${image}": ${why}`);
    } finally {
      clearTimeout(timer);
    }
  }

  // ------------------------------------------------------------------------------ containers

  async startContainer(sandbox: Sandbox, spec: ContainerSpec): Promise<string> {
    const pod: PodRef = { uid: sandbox.uid, name: sandbox.name, namespace: sandbox.namespace };
    const name = `shoal_${spec.name}_${sandbox.name}_${sandbox.namespace}_${sandbox.uid}_${spec.attempt}`;
    const hostConfig: Docker.HostConfig = {
      NetworkMode: `container:${sandbox.id}`,
      IpcMode: `container:${sandbox.id}`,
      RestartPolicy: { Name: 'no' },
      LogConfig: this.logConfig,
      Binds: spec.mounts.map((m) => `${m.hostPath}:${m.containerPath}:${m.readOnly ? 'ro' : 'rw'}`),
    };
    if (spec.cpuLimit > 0) hostConfig.NanoCpus = Math.round(spec.cpuLimit * 1e9);
    if (spec.memoryLimitBytes > 0) {
      hostConfig.Memory = Math.floor(spec.memoryLimitBytes);
      hostConfig.MemorySwap = hostConfig.Memory; // no swap on top, as Kubernetes
    }
    const createOpts: Docker.ContainerCreateOptions = {
      name,
      Image: spec.image,
      Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
      Labels: {
        ...this.baseLabels(pod),
        [LABELS.role]: 'container',
        [LABELS.containerName]: spec.name,
        [LABELS.attempt]: String(spec.attempt),
        [LABELS.sandboxId]: sandbox.id,
      },
      Tty: spec.tty ?? false,
      HostConfig: hostConfig,
    };
    // Kubernetes: command replaces the image's ENTRYPOINT (and then its CMD is not used),
    // args replace its CMD. The engine drops the image's CMD when Entrypoint is given.
    if (spec.command.length) createOpts.Entrypoint = spec.command;
    if (spec.args.length) createOpts.Cmd = spec.args;
    if (spec.workingDir) createOpts.WorkingDir = spec.workingDir;

    let container: Docker.Container;
    try {
      container = await this.docker.createContainer(createOpts);
    } catch (err) {
      if (statusOf(err) !== 409) {
        const reason = statusOf(err) === 404 && /image/i.test(dockerMessage(err)) ? 'ErrImageNeverPull' : 'CreateContainerError';
        throw new RuntimeError(reason, `create container ${spec.name} of ${sandbox.namespace}/${sandbox.name}: ${dockerMessage(err)}`);
      }
      // The same attempt exists (an earlier call got this far): carry on with it if it never ran.
      const prior = await this.docker.getContainer(name).inspect().catch(() => undefined);
      if (prior?.State.Running) return prior.Id;
      if (!prior || prior.State.Status !== 'created') {
        throw new RuntimeError('CreateContainerError', `container ${name} already exists and has run (use a new attempt number)`);
      }
      container = this.docker.getContainer(prior.Id);
    }
    try {
      await container.start();
    } catch (err) {
      if (statusOf(err) !== 304) {
        // The container stays (listed as created/exited with the engine's message) until the
        // agent removes it, as a failed start does in Kubernetes.
        throw new RuntimeError('RunContainerError', `start container ${spec.name} of ${sandbox.namespace}/${sandbox.name}: ${dockerMessage(err)}`);
      }
    }
    this.log.debug({ pod: `${sandbox.namespace}/${sandbox.name}`, container: spec.name, attempt: spec.attempt, id: container.id.slice(0, 12) }, 'container started');
    return container.id;
  }

  async stopContainer(id: string, graceSeconds: number): Promise<void> {
    const t = Math.max(0, Math.ceil(graceSeconds));
    // The engine sends the image's stop signal (SIGTERM by default), waits t seconds, then
    // SIGKILL, and answers when the container has exited. 304 = already stopped.
    await this.docker.getContainer(id).stop({ t }).catch(ignoreStatus(304, 404));
  }

  async removeContainer(id: string): Promise<void> {
    this.cpuSamples.delete(id);
    this.statusCache.delete(id);
    await this.docker.getContainer(id).remove({ force: true, v: true }).catch(ignoreStatus(404, 409));
  }

  async listContainers(): Promise<ContainerStatus[]> {
    const list = await this.docker.listContainers({ all: true, filters: this.labelFilters(`${LABELS.role}=container`) });
    const seen = new Set(list.map((c) => c.Id));
    for (const id of this.statusCache.keys()) if (!seen.has(id)) this.statusCache.delete(id);
    const out = await Promise.all(
      list.map(async (c) => {
        // Exit codes, reasons and start/finish times only come with an inspect; they do not
        // change while the container stays in the state the list shows, so one inspect per
        // state change is enough.
        const hit = this.statusCache.get(c.Id);
        if (hit && hit.listState === c.State) return hit.status;
        try {
          const status = this.statusFromInspect(await this.docker.getContainer(c.Id).inspect());
          // Cache only what the inspect confirms (a container may have moved on since the list).
          // ('created' is not cached: a failed start leaves it there with the engine's error.)
          const settled = c.State === 'running' || c.State === 'exited' || c.State === 'dead';
          if (settled && mapState(c.State) === status.state) this.statusCache.set(c.Id, { listState: c.State, status });
          return status;
        } catch (err) {
          if (statusOf(err) === 404) return undefined; // removed in between
          throw err;
        }
      }),
    );
    return out.filter((s): s is ContainerStatus => s !== undefined).map((s) => ({ ...s, pod: { ...s.pod } }));
  }

  private statusFromInspect(info: Docker.ContainerInspectInfo): ContainerStatus {
    const labels = info.Config.Labels ?? {};
    const state = mapState(info.State.Status);
    const st: ContainerStatus = {
      id: info.Id,
      pod: this.podOf(labels),
      name: labels[LABELS.containerName] ?? '',
      attempt: Number(labels[LABELS.attempt] ?? 0) || 0,
      image: info.Config.Image,
      imageId: info.Image,
      state,
      createdAt: parseDockerTime(info.Created) ?? 0,
    };
    const started = parseDockerTime(info.State.StartedAt);
    const finished = parseDockerTime(info.State.FinishedAt);
    if (started !== undefined) st.startedAt = started;
    const engineError = info.State.Error;
    if (state === 'exited') {
      // The engine stamps StartedAt when its start call returns and FinishedAt from the exit
      // event, so a process that exits at once can "finish" a moment before it "started".
      if (finished !== undefined) st.finishedAt = started !== undefined ? Math.max(finished, started) : finished;
      st.exitCode = info.State.ExitCode;
      if (info.State.OOMKilled) st.reason = 'OOMKilled';
      else if (engineError) st.reason = 'ContainerCannotRun';
      else st.reason = info.State.ExitCode === 0 ? 'Completed' : 'Error';
      if (engineError) st.message = engineError;
    } else if (state === 'created' && engineError) {
      st.reason = 'ContainerCannotRun';
      st.message = engineError;
    }
    return st;
  }

  // ------------------------------------------------------------------------------------ exec

  private async startExec(
    id: string,
    cmd: string[],
    opts: { stdin?: boolean; tty?: boolean },
  ): Promise<{ exec: Docker.Exec; stream: NodeJS.ReadWriteStream | NodeJS.ReadableStream }> {
    if (!cmd.length) throw new RuntimeError('ExecError', 'exec: empty command');
    let exec: Docker.Exec;
    try {
      exec = await this.docker.getContainer(id).exec({
        Cmd: cmd,
        AttachStdin: !!opts.stdin,
        AttachStdout: true,
        AttachStderr: true,
        Tty: !!opts.tty,
      });
    } catch (err) {
      const s = statusOf(err);
      const reason = s === 404 ? 'NotFound' : s === 409 ? 'ContainerNotRunning' : 'ExecError';
      throw new RuntimeError(reason, `exec in ${id.slice(0, 12)}: ${dockerMessage(err)}`);
    }
    try {
      // hijack (a raw upgraded socket) only when stdin is wanted; otherwise the response body.
      const stream = await exec.start({ hijack: !!opts.stdin, stdin: !!opts.stdin, Tty: !!opts.tty });
      return { exec, stream };
    } catch (err) {
      const s = statusOf(err);
      throw new RuntimeError(s === 409 ? 'ContainerNotRunning' : 'ExecError', `exec in ${id.slice(0, 12)}: ${dockerMessage(err)}`);
    }
  }

  /** Exit code once the engine has seen the exec end (it may lag the stream's end a little). */
  private async execExitCode(exec: Docker.Exec): Promise<number> {
    for (let i = 0; i < 50; i++) {
      try {
        const info = await exec.inspect();
        if (!info.Running) return info.ExitCode ?? -1;
      } catch {
        return -1;
      }
      await new Promise((r) => setTimeout(r, 20 + i * 5));
    }
    return -1;
  }

  /** SIGKILL an exec'd process and its children (the engine has no exec-kill call). */
  private async killExec(exec: Docker.Exec): Promise<void> {
    let pid = 0;
    try {
      const info = await exec.inspect();
      if (!info.Running) return;
      pid = info.Pid; // a host pid: dockerd runs in the agent's PID namespace
    } catch {
      return;
    }
    if (!pid) return;
    const denied: number[] = [];
    const tree = await processTree(pid);
    // Frozen first, then killed: killed one by one, a shell whose child died first would run
    // its next command before its own SIGKILL lands.
    for (const p of tree) {
      try {
        process.kill(p, 'SIGSTOP');
      } catch {
        /* gone, or not ours: the SIGKILL pass reports it */
      }
    }
    for (const p of tree) {
      try {
        process.kill(p, 'SIGKILL');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EPERM') denied.push(p);
      }
    }
    if (!denied.length) return;
    // Not allowed from here (an agent that is not root): kill them from inside the container,
    // by their pids in its namespace (the last NSpid of /proc/PID/status).
    const inner: string[] = [];
    for (const p of denied) {
      try {
        const m = /^NSpid:\s*(.*)$/m.exec(await readFile(`/proc/${p}/status`, 'utf8'));
        const last = m?.[1].trim().split(/\s+/).pop();
        if (last) inner.push(last);
      } catch {
        /* gone */
      }
    }
    const info = await exec.inspect().catch(() => undefined);
    if (!inner.length || !info) return;
    const k = await this.docker
      .getContainer(info.ContainerID)
      .exec({ Cmd: ['kill', '-9', ...inner], AttachStdout: false, AttachStderr: false })
      .catch(() => undefined);
    await k?.start({ Detach: true }).catch(() => undefined);
  }

  async exec(id: string, cmd: string[], opts: { stdin?: boolean; tty?: boolean; timeoutMs?: number }): Promise<ExecStream> {
    const { exec, stream } = await this.startExec(id, cmd, opts);
    const src = stream as Readable;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const handle = { destroy: () => src.destroy() };
    this.open.add(handle);
    const demux = new Demuxer(!!opts.tty, (which, chunk) => (which === 'stderr' ? stderr : stdout).write(chunk));
    src.on('data', (chunk: Buffer) => demux.push(chunk));
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const ended = new Promise<void>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        stdout.end();
        stderr.end();
        resolve();
      };
      src.on('end', finish);
      src.on('close', finish);
      src.on('error', finish);
    });
    const exit = ended.then(async () => {
      if (timer) clearTimeout(timer);
      this.open.delete(handle);
      const code = await this.execExitCode(exec);
      return killed && code === -1 ? 137 : code;
    });
    const kill = (): void => {
      if (killed) return;
      killed = true;
      void this.killExec(exec).finally(() => {
        // a grandchild that escaped the kill may hold the output open: stop reading after a moment
        setTimeout(() => src.destroy(), 500).unref();
      });
    };
    if (opts.timeoutMs && opts.timeoutMs > 0) timer = setTimeout(kill, opts.timeoutMs);
    const result: ExecStream = { stdout, stderr, exit, kill };
    if (opts.stdin) result.stdin = src as unknown as NodeJS.WritableStream;
    return result;
  }

  async execSync(id: string, cmd: string[], timeoutMs: number): Promise<ExecResult> {
    const { exec, stream } = await this.startExec(id, cmd, {});
    const src = stream as Readable;
    const out = new BoundedBuffer(EXEC_SYNC_OUTPUT_LIMIT);
    const err = new BoundedBuffer(EXEC_SYNC_OUTPUT_LIMIT);
    const demux = new Demuxer(false, (which, chunk) => (which === 'stderr' ? err : out).push(chunk));
    src.on('data', (chunk: Buffer) => demux.push(chunk));
    const handle = { destroy: () => src.destroy() };
    this.open.add(handle);
    let timedOut = false;
    const ended = new Promise<void>((resolve) => {
      src.on('end', resolve);
      src.on('close', resolve);
      src.on('error', resolve);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      void this.killExec(exec).finally(() => setTimeout(() => src.destroy(), 500).unref());
    }, Math.max(1, timeoutMs));
    try {
      await ended;
    } finally {
      clearTimeout(timer);
      this.open.delete(handle);
    }
    if (timedOut) {
      throw new RuntimeError('ExecTimeout', `command ${JSON.stringify(cmd)} timed out after ${timeoutMs} ms`);
    }
    return { exitCode: await this.execExitCode(exec), stdout: out.text(), stderr: err.text() };
  }

  // ------------------------------------------------------------------------------------ logs

  async logs(id: string, opts: LogOptions): Promise<NodeJS.ReadableStream> {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await this.docker.getContainer(id).inspect();
    } catch (err) {
      throw new RuntimeError(statusOf(err) === 404 ? 'NotFound' : 'LogsError', `logs of ${id.slice(0, 12)}: ${dockerMessage(err)}`);
    }
    if (opts.previous) info = await this.previousOf(info);

    const query: Record<string, unknown> = {
      stdout: true,
      stderr: true,
      follow: !!opts.follow,
      timestamps: !!opts.timestamps,
      tail: opts.tailLines === undefined ? 'all' : String(Math.max(0, Math.floor(opts.tailLines))),
    };
    // Through modem.dial so that the answer is a stream with or without follow (dockerode's
    // logs() buffers a non-follow answer and may even parse it as JSON).
    const src = await new Promise<Readable>((resolve, reject) => {
      this.docker.modem.dial(
        {
          path: `/containers/${info.Id}/logs?`,
          method: 'GET',
          isStream: true,
          statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
          options: query,
        },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as Readable)),
      );
    }).catch((err: unknown) => {
      throw new RuntimeError(statusOf(err) === 404 ? 'NotFound' : 'LogsError', `logs of ${info.Id.slice(0, 12)}: ${dockerMessage(err)}`);
    });
    const out = new PassThrough();
    const handle = { destroy: () => src.destroy() };
    this.open.add(handle);
    const demux = new Demuxer(!!info.Config.Tty, (_which, chunk) => out.write(chunk));
    src.on('data', (chunk: Buffer) => demux.push(chunk));
    const finish = (): void => {
      this.open.delete(handle);
      if (!out.writableEnded) out.end();
    };
    src.on('end', finish);
    src.on('close', finish);
    src.on('error', finish);
    // The reader giving up (e.g. `logs -f` interrupted) ends the engine's stream too.
    out.on('close', () => src.destroy());
    return out;
  }

  /** The instance of the same pod container with the highest attempt below this one's. */
  private async previousOf(info: Docker.ContainerInspectInfo): Promise<Docker.ContainerInspectInfo> {
    const labels = info.Config.Labels ?? {};
    const uid = labels[LABELS.podUid];
    const cname = labels[LABELS.containerName];
    const attempt = Number(labels[LABELS.attempt] ?? 0);
    const notFound = (): RuntimeError =>
      new RuntimeError(
        'NotFound',
        `previous terminated container "${cname ?? info.Name}" in pod "${labels[LABELS.podName] ?? '?'}" not found`,
      );
    if (!uid || !cname) throw notFound();
    const list = await this.docker.listContainers({
      all: true,
      filters: { label: [`${LABELS.podUid}=${uid}`, `${LABELS.containerName}=${cname}`, `${LABELS.role}=container`] },
    });
    const older = list
      .map((c) => ({ id: c.Id, attempt: Number(c.Labels[LABELS.attempt] ?? 0) }))
      .filter((c) => c.id !== info.Id && c.attempt < attempt)
      .sort((a, b) => b.attempt - a.attempt);
    if (!older.length) throw notFound();
    try {
      return await this.docker.getContainer(older[0].id).inspect();
    } catch {
      throw notFound();
    }
  }

  // ----------------------------------------------------------------------------------- stats

  async stats(id: string): Promise<ContainerStats | undefined> {
    const c = this.docker.getContainer(id);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await c.inspect();
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
    if (!info.State.Running) {
      this.cpuSamples.delete(id);
      return undefined;
    }
    const prev = this.cpuSamples.get(id);
    // With a recent sample of our own, one cheap one-shot read; otherwise the engine's own
    // two-sample read (about a second: it fills precpu_stats).
    const fresh = prev !== undefined && Date.now() - prev.at < 5 * 60_000;
    let s: Docker.ContainerStats;
    try {
      s = await c.stats(fresh ? { stream: false, 'one-shot': true } : { stream: false });
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
    const total = s.cpu_stats?.cpu_usage?.total_usage ?? 0;
    let cpuMillicores = 0;
    if (fresh && prev) {
      const wall = timeDeltaNs(s.read, prev.read);
      if (wall > 0) cpuMillicores = ((total - prev.totalNs) / wall) * 1000;
    } else {
      const preTotal = s.precpu_stats?.cpu_usage?.total_usage ?? 0;
      const preread = (s as { preread?: string }).preread;
      const wall = preread && !preread.startsWith('0001-01-01') ? timeDeltaNs(s.read, preread) : 0;
      if (wall > 0 && preTotal > 0) cpuMillicores = ((total - preTotal) / wall) * 1000;
    }
    this.cpuSamples.set(id, { totalNs: total, read: s.read, at: Date.now() });
    for (const [k, v] of this.cpuSamples) if (Date.now() - v.at > 10 * 60_000) this.cpuSamples.delete(k);
    // Working set, as Kubernetes reports it: usage less inactive page cache.
    const mem = s.memory_stats ?? ({} as Docker.MemoryStats);
    const st = (mem.stats ?? {}) as unknown as Record<string, number | undefined>;
    const inactive = st.total_inactive_file ?? st.inactive_file ?? 0;
    const memoryBytes = Math.max(0, (mem.usage ?? 0) - inactive);
    return { cpuMillicores: Math.max(0, Math.round(cpuMillicores)), memoryBytes };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const h of this.open) h.destroy();
    this.open.clear();
    this.cpuSamples.clear();
  }
}

/**
 * `docker import` of a root filesystem tarball as image NAME[:TAG] (for `shoal image import`);
 * returns the image id. `changes` are Dockerfile instructions applied on import, e.g.
 * 'CMD ["/bin/sh"]' or 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin'.
 */
export async function importImage(
  docker: Docker,
  name: string,
  rootfsTar: string,
  opts: { changes?: string[]; message?: string } = {},
): Promise<string> {
  const { repo, tag } = parseImageName(name);
  try {
    const st = await stat(rootfsTar);
    if (!st.isFile()) throw new Error('not a regular file');
  } catch (err) {
    throw new RuntimeError('ImageImportError', `cannot read ${rootfsTar}: ${(err as Error).message}`);
  }
  const query: Record<string, unknown> = { repo, tag };
  if (opts.changes?.length) query.changes = opts.changes;
  if (opts.message) query.message = opts.message;
  try {
    const out = (await docker.importImage(createReadStream(rootfsTar), query)) as Readable;
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(out, (err: Error | null) => (err ? reject(err) : resolve()));
    });
    return (await docker.getImage(`${repo}:${tag}`).inspect()).Id;
  } catch (err) {
    throw new RuntimeError('ImageImportError', `import ${rootfsTar} as ${repo}:${tag}: ${dockerMessage(err)}`);
  }
}
