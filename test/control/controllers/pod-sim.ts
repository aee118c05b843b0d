// A stand-in scheduler and kubelet for workload controller tests: binds unbound pods to its
// nodes round-robin, turns bound pods Running (and Ready, unless told not to), and finishes the
// deletion of terminating pods. Each pod is handled by one loop at a time, always on its latest
// version, so no event is lost while an earlier one is being acted on (HollowNodes drops events
// that arrive while it is busy with the same pod; see the report).
import type { ClientWatch, Obj, ResourceClient } from '../../../src/control/client/resource-client.ts';

export interface PodSimOptions {
  nodes?: string[];
  /** Bind unbound pods (default true); can be switched off and on. */
  bind?: boolean;
  /** Delay before a bound pod turns Running (default 10 ms), plus up to jitterMs more at random. */
  startDelayMs?: number;
  jitterMs?: number;
  /** Whether a starting pod turns Ready (default: all). */
  ready?: (pod: Obj) => boolean;
}

const stamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class PodSim {
  bind: boolean;
  ready: (pod: Obj) => boolean;
  private readonly nodes: string[];
  private readonly latest = new Map<string, Obj>();
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private watch?: ClientWatch;
  private rr = 0;
  private stopped = false;

  constructor(
    private readonly client: ResourceClient,
    private readonly opts: PodSimOptions = {},
  ) {
    this.nodes = opts.nodes ?? ['sim-1', 'sim-2', 'sim-3'];
    this.bind = opts.bind ?? true;
    this.ready = opts.ready ?? (() => true);
  }

  start(): void {
    this.watch = this.client.watch('pods', '', {}, (type, pod) => {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (type === 'DELETED') this.latest.delete(key);
      else if (type === 'ADDED' || type === 'MODIFIED') this.latest.set(key, pod);
      else return;
      this.kick(key);
    });
  }

  stop(): void {
    this.stopped = true;
    this.watch?.cancel();
  }

  /** Looks at every pod again (after switching binding or readiness back on). */
  poke(): void {
    for (const key of this.latest.keys()) this.kick(key);
  }

  private kick(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    this.running.add(key);
    void (async () => {
      try {
        do {
          this.dirty.delete(key);
          await this.handle(key).catch(() => undefined);
        } while (this.dirty.has(key) && !this.stopped);
      } finally {
        this.running.delete(key);
      }
    })();
  }

  private async handle(key: string): Promise<void> {
    let pod = this.latest.get(key);
    if (!pod || this.stopped) return;
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name;
    if (pod.metadata.deletionTimestamp) {
      if (pod.spec?.nodeName && this.nodes.includes(pod.spec.nodeName)) {
        await this.client.delete('pods', ns, name, { gracePeriodSeconds: 0, preconditionUid: pod.metadata.uid });
      }
      return;
    }
    if (!pod.spec?.nodeName) {
      if (!this.bind) return;
      const node = this.nodes[this.rr++ % this.nodes.length];
      await this.client.create('pods', ns, { apiVersion: 'v1', kind: 'Binding', metadata: { name, uid: pod.metadata.uid }, target: { kind: 'Node', name: node } }, { subresource: 'binding' });
      return;
    }
    if (!this.nodes.includes(pod.spec.nodeName) || pod.status?.phase === 'Running') return;
    await new Promise((r) => setTimeout(r, (this.opts.startDelayMs ?? 10) + Math.random() * (this.opts.jitterMs ?? 0)));
    pod = this.latest.get(key);
    if (!pod || pod.metadata.deletionTimestamp || this.stopped) {
      this.dirty.add(key);
      return;
    }
    const now = stamp();
    const ready = this.ready(pod) ? 'True' : 'False';
    const conditions = [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      { type: 'Initialized', status: 'True', lastTransitionTime: now },
      { type: 'ContainersReady', status: ready, lastTransitionTime: now },
      { type: 'Ready', status: ready, lastTransitionTime: now },
    ];
    const containerStatuses = (pod.spec.containers ?? []).map((c: Obj) => ({ name: c.name, image: c.image, ready: ready === 'True', restartCount: 0, started: true, state: { running: { startedAt: now } } }));
    try {
      await this.client.update('pods', ns, { ...pod, status: { ...pod.status, phase: 'Running', startTime: now, podIP: '10.244.0.2', conditions, containerStatuses } }, { subresource: 'status' });
    } catch {
      this.dirty.add(key); // changed meanwhile: look at the newer version
    }
  }

  /** Makes a Running, not-ready pod Ready. */
  async makeReady(ns: string, name: string): Promise<void> {
    const pod = await this.client.get('pods', ns, name);
    const now = stamp();
    const conditions = (pod.status?.conditions ?? []).map((c: Obj) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'True', lastTransitionTime: now } : c));
    await this.client.update('pods', ns, { ...pod, status: { ...pod.status, conditions } }, { subresource: 'status' });
  }
}
