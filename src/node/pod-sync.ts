// The pod sync loop: one level-triggered pass compares the pods bound to this node with what
// the runtime runs and converges, pod by pod: sandbox, image, environment and volumes,
// containers started, restarted by restartPolicy with crash-loop back-off, killed with their
// grace period, cleaned up; then each pod's status is computed from what is actually running
// and reported when it changed. Nothing is remembered that the runtime cannot tell again
// (containers carry the pod uid, name and attempt in labels), so a restarted agent adopts its
// pods instead of killing them.
import type { Logger } from 'pino';
import type { Obj } from '../control/client/resource-client.ts';
import { Backoff } from './backoff.ts';
import { podDnsConfig, type ClusterDnsConfig } from './dns/pod-dns.ts';
import { containerEnv, EnvError, type EnvSources } from './env.ts';
import { newProbes, tickProbes, type ContainerProbes } from './probes.ts';
import { RuntimeError, type ContainerStatus, type Runtime, type Sandbox } from './runtime/runtime.ts';
import { containerMounts, prepareVolumes, removePodDir } from './volumes.ts';
import { quantityToCores, quantityToBytes } from './units.ts';

export interface PodReport {
  pod: Obj;
  status: Obj;
  cpuMillicores: number;
  memoryBytes: number;
}

export interface PodSyncOptions {
  runtime: Runtime;
  dataDir: string;
  nodeIp: string;
  sources: EnvSources;
  logger: Logger;
  /** This node's cluster DNS (pods' resolv.conf by their dnsPolicy); undefined: pods keep the host's. */
  dns?: ClusterDnsConfig;
  /** A pod's status changed (or is reported for the first time). */
  report(r: PodReport): void;
  /** A terminating pod is fully stopped: the master may delete it. */
  gone(pod: Obj): void;
  /** How often pods' CPU and memory use is sampled and reported (default 5 s). */
  usageEveryMs?: number;
  now?: () => number;
  /**
   * Testing only (`shoal agent --unsafe-break=hide-dead-containers`): an exited container is
   * passed off as still running, so it is neither restarted nor reported dead. Exists so the
   * chaos harness can show that its recovery check catches an agent that lies.
   */
  unsafeHideDeadContainers?: boolean;
}

const USAGE_EVERY_MS = 5000;

/** Instances of a container kept for `logs --previous`: the running one and the one before. */
const KEEP_INSTANCES = 2;
/** Grace for containers of a pod that is no longer bound here at all (deleted outright). */
const ORPHAN_GRACE_SECONDS = 2;

interface Waiting {
  reason: string;
  message: string;
}

export class PodSync {
  private readonly desired = new Map<string, Obj>();
  private readonly backoff = new Backoff();
  private readonly waiting = new Map<string, Waiting>();
  private readonly probes = new Map<string, ContainerProbes>();
  private readonly started = new Map<string, string>();
  private readonly lastReport = new Map<string, string>();
  /** Per pod, the conditions (with their transition times) this agent reported last. */
  private readonly reportedConditions = new Map<string, Obj[]>();
  private readonly stopping = new Set<string>();
  private readonly log: Logger;
  private readonly now: () => number;
  private running = false;
  private again = false;
  private usageTimer?: NodeJS.Timeout;

  constructor(private readonly o: PodSyncOptions) {
    this.log = o.logger.child({ component: 'pod-sync' });
    this.now = o.now ?? Date.now;
    this.usageTimer = setInterval(() => void this.reportUsage().catch(() => undefined), o.usageEveryMs ?? USAGE_EVERY_MS);
  }

  /**
   * CPU and memory per pod (for `shoal top` and the autoscaler), sampled apart from the sync
   * passes: a Docker stats read can take a second, which a sync pass must not wait for.
   */
  private async reportUsage(): Promise<void> {
    const all = await this.o.runtime.listContainers();
    await Promise.all(
      [...this.desired.values()].map(async (pod) => {
        const last = this.lastReport.get(pod.metadata.uid);
        if (!last || pod.metadata.deletionTimestamp) return;
        const running = all.filter((c) => c.pod.uid === pod.metadata.uid && c.state === 'running');
        if (running.length === 0) return;
        const stats = await Promise.all(running.map((c) => this.o.runtime.stats(c.id).catch(() => undefined)));
        const cpu = stats.reduce((a, st) => a + (st?.cpuMillicores ?? 0), 0);
        const mem = stats.reduce((a, st) => a + (st?.memoryBytes ?? 0), 0);
        this.o.report({ pod, status: JSON.parse(last), cpuMillicores: Math.round(cpu), memoryBytes: Math.round(mem) });
      }),
    );
  }

  /** The full set of pods bound here (after a (re)connect). */
  setPods(pods: Obj[]): void {
    this.desired.clear();
    for (const p of pods) this.desired.set(p.metadata.uid, p);
    this.lastReport.clear();
    void this.sync();
  }

  upsert(pod: Obj): void {
    const isNew = !this.desired.has(pod.metadata.uid);
    if (isNew) this.log.debug({ event: 'pod-added', pod: `${pod.metadata.namespace}/${pod.metadata.name}` }, 'pod bound here');
    this.desired.set(pod.metadata.uid, pod);
    // A pod bound while a pass runs joins that pass at once instead of waiting for it to end
    // (a pass lasts as long as its slowest pod start: pods arriving in a stream, as when a dead
    // node's pods come here, waited for one another).
    if (isNew && this.passing && !this.passing.uids.has(pod.metadata.uid) && !pod.metadata.deletionTimestamp) {
      this.passing.uids.add(pod.metadata.uid);
      this.passing.joined.push(this.syncJoined(pod));
    }
    // The masters marked it not Ready (its node was judged NotReady) while this agent says
    // Ready: report again, or the pod would stay out of its services until something changed.
    // A pod from before this agent's last report (the stream lags its writes) is no reason.
    const mine = this.reportedConditions.get(pod.metadata.uid)?.find((c) => c.type === 'Ready');
    const theirs = (pod.status?.conditions as Obj[] | undefined)?.find((c) => c.type === 'Ready');
    if (mine && theirs && changedByMasters(theirs, mine)) this.lastReport.delete(pod.metadata.uid);
    void this.sync();
  }

  remove(uid: string): void {
    this.desired.delete(uid);
    void this.sync();
  }

  /** A pod bound here, by name. */
  pod(namespace: string, name: string): Obj | undefined {
    for (const p of this.desired.values()) if (p.metadata.namespace === namespace && p.metadata.name === name) return p;
    return undefined;
  }

  /** One pass; a pass asked for while one runs is done right after it (never two at once). */
  async sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.pass();
      } while (this.again);
    } catch (err) {
      this.log.warn({ event: 'sync-failed', err: (err as Error).message }, 'pod sync pass failed; will retry');
    } finally {
      this.running = false;
    }
  }

  /** The pass running now: the pods it covers, and the syncs of pods that joined it. */
  private passing: { uids: Set<string>; joined: Promise<void>[] } | undefined;

  private async syncJoined(pod: Obj): Promise<void> {
    const uid = pod.metadata.uid;
    try {
      const [sandboxes, containers] = await Promise.all([this.o.runtime.listSandboxes(), this.freshContainers()]);
      await this.syncPod(pod, sandboxes.find((s) => s.uid === uid), containers.filter((c) => c.pod.uid === uid));
    } catch (err) {
      this.log.warn({ event: 'pod-sync-failed', pod: `${pod.metadata.namespace}/${pod.metadata.name}`, err: (err as Error).message }, 'pod sync failed');
    }
  }

  private async pass(): Promise<void> {
    const covered = new Set(this.desired.keys());
    this.passing = { uids: covered, joined: [] };
    try {
      await this.passOnce([...covered]);
      for (let j = this.passing.joined; j.length; ) await Promise.all(j.splice(0));
    } finally {
      this.passing = undefined;
    }
  }

  /** `uids`: the pods bound when the pass began (those bound since join it on their own). */
  private async passOnce(uids: string[]): Promise<void> {
    const rt = this.o.runtime;
    const [sandboxes, containers] = await Promise.all([rt.listSandboxes(), this.listContainers()]);
    const byPod = new Map<string, ContainerStatus[]>();
    for (const c of containers) {
      const list = byPod.get(c.pod.uid) ?? [];
      list.push(c);
      byPod.set(c.pod.uid, list);
    }
    const sandboxOf = new Map(sandboxes.map((s) => [s.uid, s]));
    const pods = uids.map((uid) => this.desired.get(uid)).filter((p): p is Obj => p !== undefined);
    await Promise.all(
      pods.map((pod) =>
        this.syncPod(pod, sandboxOf.get(pod.metadata.uid), byPod.get(pod.metadata.uid) ?? []).catch((err) =>
          this.log.warn({ event: 'pod-sync-failed', pod: `${pod.metadata.namespace}/${pod.metadata.name}`, err: (err as Error).message }, 'pod sync failed'),
        ),
      ),
    );
    // Whatever runs here for a pod that is no longer bound to this node goes.
    const orphans = new Set([...sandboxOf.keys(), ...byPod.keys()].filter((uid) => !this.desired.has(uid)));
    await Promise.all([...orphans].map((uid) => this.kill(uid, byPod.get(uid) ?? [], ORPHAN_GRACE_SECONDS)));
  }

  private async syncPod(pod: Obj, sandbox: Sandbox | undefined, containers: ContainerStatus[]): Promise<void> {
    const uid = pod.metadata.uid;
    if (pod.metadata.deletionTimestamp) {
      if (this.stopping.has(uid)) return;
      const grace = Math.min(pod.metadata.deletionGracePeriodSeconds ?? 30, pod.spec.terminationGracePeriodSeconds ?? 30);
      await this.kill(uid, containers, grace);
      this.o.gone(pod);
      return;
    }
    if (!this.started.has(uid)) this.started.set(uid, new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const policy: string = pod.spec.restartPolicy ?? 'Always';
    const latest = (name: string) => containers.filter((c) => c.name === name).sort((a, b) => b.attempt - a.attempt);
    const done = this.finished(pod, containers);
    if (!done) {
      if (!sandbox) {
        try {
          sandbox = await this.o.runtime.runSandbox({ uid, namespace: pod.metadata.namespace, name: pod.metadata.name, hostname: pod.metadata.name, dns: podDnsConfig(pod, this.o.dns) });
        } catch (err) {
          for (const c of pod.spec.containers) this.waiting.set(`${uid}/${c.name}`, { reason: 'ContainerCreating', message: `sandbox: ${(err as Error).message}` });
          this.reportPod(pod, undefined, containers);
          throw err;
        }
      }
      let volumes: Map<string, string> | undefined;
      for (const c of pod.spec.containers as Obj[]) {
        const key = `${uid}/${c.name}`;
        const [cur] = latest(c.name);
        if (cur?.state === 'running') {
          await this.probe(pod, c, cur, sandbox);
          continue;
        }
        if (cur?.state === 'exited') {
          const again = policy === 'Always' || (policy === 'OnFailure' && cur.exitCode !== 0);
          if (!again) continue;
          const finishedAt = cur.finishedAt ?? this.now();
          if (this.backoff.until(key) < finishedAt) this.backoff.exited(key, finishedAt, finishedAt - (cur.startedAt ?? finishedAt));
          if (this.now() < this.backoff.until(key)) {
            this.waiting.set(key, { reason: 'CrashLoopBackOff', message: `back-off restarting failed container ${c.name} in pod ${pod.metadata.name}` });
            this.wakeAt(this.backoff.until(key));
            continue;
          }
        }
        // An image that failed to pull is tried again only after its back-off.
        const pulling = this.waiting.get(key);
        if ((pulling?.reason === 'ErrImagePull' || pulling?.reason === 'ImagePullBackOff') && this.now() < this.backoff.until(`${key}#image`)) {
          this.wakeAt(this.backoff.until(`${key}#image`));
          continue;
        }
        try {
          volumes ??= await prepareVolumes(this.o.dataDir, pod, this.o.sources);
          await this.start(pod, c, sandbox, cur ? cur.attempt + 1 : 0, volumes);
          this.waiting.delete(key);
        } catch (err) {
          this.noteStartFailure(pod, c, key, err);
        }
        // Old instances beyond the one `logs --previous` shows go.
        for (const old of latest(c.name).slice(KEEP_INSTANCES - 1)) if (old.state !== 'running') await this.o.runtime.removeContainer(old.id).catch(() => undefined);
      }
    }
    const fresh = await this.freshContainers().then((all) => all.filter((c) => c.pod.uid === uid));
    this.reportPod(pod, sandbox, fresh);
  }

  private listing?: Promise<ContainerStatus[]>;
  private nextListing?: Promise<ContainerStatus[]>;

  /**
   * The runtime's containers, read after this call began. Pods that finish starting together
   * share one read (a hundred pods starting at once would otherwise list a hundred times).
   */
  private freshContainers(): Promise<ContainerStatus[]> {
    if (!this.listing) {
      this.listing = this.listContainers().finally(() => (this.listing = undefined));
      return this.listing;
    }
    this.nextListing ??= this.listing
      .catch(() => undefined)
      .then(() => {
        this.nextListing = undefined;
        return this.freshContainers();
      });
    return this.nextListing;
  }

  /** What the sync loop believes runs: the runtime's word, unless the agent is broken on purpose. */
  private listContainers(): Promise<ContainerStatus[]> {
    const listed = this.o.runtime.listContainers();
    if (!this.o.unsafeHideDeadContainers) return listed;
    return listed.then((all) => all.map((c) => (c.state === 'exited' ? { ...c, state: 'running', finishedAt: undefined, exitCode: undefined, reason: undefined } : c)));
  }

  private async start(pod: Obj, c: Obj, sandbox: Sandbox, attempt: number, volumes: Map<string, string>): Promise<void> {
    const image = await this.o.runtime.ensureImage(c.image, c.imagePullPolicy ?? 'IfNotPresent');
    const env = await containerEnv(pod, c, sandbox.ip, this.o.sources);
    const limits = c.resources?.limits ?? {};
    const id = await this.o.runtime.startContainer(sandbox, {
      name: c.name,
      image,
      imagePullPolicy: c.imagePullPolicy ?? 'IfNotPresent',
      command: c.command ?? [],
      args: c.args ?? [],
      env,
      workingDir: c.workingDir,
      mounts: containerMounts(c, volumes),
      cpuLimit: limits.cpu ? quantityToCores(limits.cpu) : 0,
      memoryLimitBytes: limits.memory ? quantityToBytes(limits.memory) : 0,
      attempt,
    });
    this.probes.set(id, newProbes(id, c, this.now()));
    this.log.info({ event: 'container-started', pod: `${pod.metadata.namespace}/${pod.metadata.name}`, container: c.name, attempt, id: id.slice(0, 12) }, 'container started');
  }

  private noteStartFailure(pod: Obj, c: Obj, key: string, err: unknown): void {
    const prev = this.waiting.get(key);
    let w: Waiting;
    if (err instanceof RuntimeError && (err.reason === 'ErrImagePull' || err.reason === 'ErrImageNeverPull')) {
      // The first failure is ErrImagePull; then it is retried with back-off as ImagePullBackOff.
      const pulling = prev?.reason === 'ErrImagePull' || prev?.reason === 'ImagePullBackOff';
      w = { reason: err.reason === 'ErrImageNeverPull' ? 'ErrImageNeverPull' : pulling ? 'ImagePullBackOff' : 'ErrImagePull', message: err.message };
      this.wakeAt(this.backoff.exited(`${key}#image`, this.now(), 0));
    } else if (err instanceof EnvError) {
      w = { reason: 'CreateContainerConfigError', message: err.message };
      this.wakeAt(this.now() + 1000);
    } else if (err instanceof RuntimeError) {
      w = { reason: err.reason, message: err.message };
      this.wakeAt(this.now() + 1000);
    } else {
      w = { reason: 'CreateContainerError', message: (err as Error).message };
      this.wakeAt(this.now() + 1000);
    }
    if (prev?.reason !== w.reason) this.log.warn({ event: 'container-start-failed', pod: `${pod.metadata.namespace}/${pod.metadata.name}`, container: c.name, reason: w.reason, message: w.message }, 'container not started');
    this.waiting.set(key, w);
  }

  private async probe(pod: Obj, c: Obj, cur: ContainerStatus, sandbox: Sandbox): Promise<void> {
    let p = this.probes.get(cur.id);
    if (!p) {
      // Adopted after an agent restart: probes start over.
      p = newProbes(cur.id, c, cur.startedAt ?? this.now());
      this.probes.set(cur.id, p);
    }
    const r = await tickProbes(p, this.o.runtime, c, sandbox.ip, this.now());
    if (r.kill) {
      this.log.info({ event: 'container-unhealthy', pod: `${pod.metadata.namespace}/${pod.metadata.name}`, container: c.name, why: r.kill }, 'probe failed; killing the container');
      await this.o.runtime.stopContainer(cur.id, pod.spec.terminationGracePeriodSeconds ?? 30);
      this.again = true;
    }
    const states = Object.values(p.states);
    if (states.length > 0) this.wakeAt(Math.min(...states.map((s) => s!.next)));
  }

  /** All containers ended for good (restartPolicy Never/OnFailure): nothing more to start. */
  private finished(pod: Obj, containers: ContainerStatus[]): boolean {
    const policy: string = pod.spec.restartPolicy ?? 'Always';
    if (policy === 'Always') return false;
    return (pod.spec.containers as Obj[]).every((c) => {
      const [cur] = containers.filter((x) => x.name === c.name).sort((a, b) => b.attempt - a.attempt);
      return cur?.state === 'exited' && (policy === 'Never' || cur.exitCode === 0);
    });
  }

  private async kill(uid: string, containers: ContainerStatus[], grace: number): Promise<void> {
    if (this.stopping.has(uid)) return;
    this.stopping.add(uid);
    try {
      await Promise.all(containers.filter((c) => c.state === 'running').map((c) => this.o.runtime.stopContainer(c.id, grace).catch(() => undefined)));
      await this.o.runtime.removeSandbox(uid);
      await removePodDir(this.o.dataDir, uid);
      for (const c of containers) this.probes.delete(c.id);
      this.backoff.forget(`${uid}/`);
      for (const k of [...this.waiting.keys()]) if (k.startsWith(`${uid}/`)) this.waiting.delete(k);
      this.started.delete(uid);
      this.lastReport.delete(uid);
      this.reportedConditions.delete(uid);
      this.log.info({ event: 'pod-stopped', uid, grace }, 'pod stopped and cleaned up');
    } finally {
      this.stopping.delete(uid);
    }
  }

  private wakeTimer?: NodeJS.Timeout;
  private wakeAtMs = Infinity;

  private wakeAt(at: number): void {
    if (at >= this.wakeAtMs) return;
    this.wakeAtMs = at;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => {
      this.wakeAtMs = Infinity;
      void this.sync();
    }, Math.max(5, at - this.now()));
  }

  stop(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.usageTimer) clearInterval(this.usageTimer);
  }

  private reportPod(pod: Obj, sandbox: Sandbox | undefined, containers: ContainerStatus[]): void {
    const status = this.statusOf(pod, sandbox, containers);
    const key = JSON.stringify(status);
    if (this.lastReport.get(pod.metadata.uid) === key) return;
    this.lastReport.set(pod.metadata.uid, key);
    this.reportedConditions.set(pod.metadata.uid, status.conditions);
    this.log.debug({ event: 'pod-report', pod: `${pod.metadata.namespace}/${pod.metadata.name}`, phase: status.phase }, 'pod status reported');
    this.o.report({ pod, status, cpuMillicores: 0, memoryBytes: 0 });
  }

  private statusOf(pod: Obj, sandbox: Sandbox | undefined, containers: ContainerStatus[]): Obj {
    const uid = pod.metadata.uid;
    const iso = (ms?: number) => (ms ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);
    const idOf = (c: ContainerStatus) => `${this.o.runtime.name}://${c.id}`;
    const terminated = (c: ContainerStatus) => ({ terminated: { exitCode: c.exitCode ?? 0, reason: c.reason ?? (c.exitCode === 0 ? 'Completed' : 'Error'), ...(c.message ? { message: c.message } : {}), startedAt: iso(c.startedAt), finishedAt: iso(c.finishedAt), containerID: idOf(c) } });
    const statuses = (pod.spec.containers as Obj[]).map((spec) => {
      const [cur, prev] = containers.filter((c) => c.name === spec.name).sort((a, b) => b.attempt - a.attempt);
      const waiting = this.waiting.get(`${uid}/${spec.name}`);
      const probes = cur ? this.probes.get(cur.id) : undefined;
      const running = cur?.state === 'running';
      let state: Obj;
      if (running) state = { running: { startedAt: iso(cur.startedAt) } };
      else if (waiting) state = { waiting: { reason: waiting.reason, message: waiting.message } };
      else if (cur?.state === 'exited') state = terminated(cur);
      else state = { waiting: { reason: 'ContainerCreating' } };
      const last: Obj = running || waiting ? (cur?.state === 'exited' ? terminated(cur) : prev?.state === 'exited' ? terminated(prev) : {}) : prev?.state === 'exited' ? terminated(prev) : {};
      return {
        name: spec.name,
        state,
        lastState: last,
        ready: running && (probes ? probes.started && probes.ready : true),
        restartCount: cur ? cur.attempt : 0,
        image: spec.image,
        imageID: cur?.imageId ?? '',
        ...(cur ? { containerID: idOf(cur) } : {}),
        started: running && (probes ? probes.started : true),
      };
    });
    const policy: string = pod.spec.restartPolicy ?? 'Always';
    const allExited = statuses.every((s) => s.state.terminated);
    let phase = 'Pending';
    if (allExited && policy !== 'Always') phase = statuses.every((s) => s.state.terminated.exitCode === 0) ? 'Succeeded' : 'Failed';
    else if (statuses.some((s) => s.state.running || s.lastState.terminated || s.state.terminated)) phase = 'Running';
    const ready = statuses.every((s) => s.ready);
    const cond = (type: string, ok: boolean, reason?: string) => ({ type, status: ok ? 'True' : 'False', ...(reason && !ok ? { reason } : {}) });
    const conditions = [
      cond('Initialized', true),
      cond('Ready', ready && phase === 'Running', phase === 'Succeeded' || phase === 'Failed' ? 'PodCompleted' : 'ContainersNotReady'),
      cond('ContainersReady', ready && phase === 'Running', phase === 'Succeeded' || phase === 'Failed' ? 'PodCompleted' : 'ContainersNotReady'),
      cond('PodScheduled', true),
    ];
    // Transition times are kept while a condition holds: from what this agent reported last, not
    // from the pod as last received, which may predate that report (taking its times made
    // each report differ from the one before: a write through Raft every pass, for seconds).
    // A condition the masters changed after our report (say Ready=False for a NotReady node)
    // counts as a transition.
    const stored: Obj[] = pod.status?.conditions ?? [];
    const mine = this.reportedConditions.get(uid) ?? [];
    const at = iso(this.now());
    const withTimes = conditions.map((c) => {
      const s = stored.find((x) => x.type === c.type);
      const m = mine.find((x) => x.type === c.type);
      if (m && m.status === c.status && !(s && changedByMasters(s, m))) return { ...c, lastTransitionTime: m.lastTransitionTime };
      if (!m && s && s.status === c.status) return { ...c, lastTransitionTime: s.lastTransitionTime };
      return { ...c, lastTransitionTime: at };
    });
    return {
      phase,
      conditions: withTimes,
      hostIP: this.o.nodeIp,
      ...(sandbox?.ip ? { podIP: sandbox.ip, podIPs: [{ ip: sandbox.ip }] } : {}),
      startTime: pod.status?.startTime ?? this.started.get(uid),
      containerStatuses: statuses,
      qosClass: pod.status?.qosClass,
    };
  }
}

/**
 * Whether a condition as stored differs from what this agent reported and was set after that
 * report (by a master); an older stored one is only the stream catching up.
 */
function changedByMasters(stored: Obj, reported: Obj): boolean {
  return stored.status !== reported.status && String(stored.lastTransitionTime ?? '') >= String(reported.lastTransitionTime ?? '');
}
