// Hollow nodes for control-plane tests (as Kubernetes' kubemark): in-process fakes that
// register Node objects, renew their node Leases, mark the pods bound to them Running and
// Ready, and finish the deletion of terminating pods. `kill(name)` makes one go silent, as a
// dead machine: no renewals, no status, no deletions.
import pino from 'pino';
import { isConflict, type Obj, type ResourceClient } from '../src/control/client/resource-client.ts';
import { Informer } from '../src/control/informer/informer.ts';
import { microTimestamp, timestamp } from '../src/control/api/codec.ts';

export interface HollowNodeOptions {
  /** Node capacity (default cpu 4, memory 8Gi, pods 110). */
  capacity?: Record<string, string>;
  labels?: Record<string, string>;
  /** Node lease renewal period (default 250 ms) and duration (default 1 s). */
  renewMs?: number;
  leaseSeconds?: number;
  /** A stand-in scheduler: bind pending pods to these nodes round-robin (only for tests that run no scheduler). */
  bindUnscheduled?: boolean;
  /** Delay before a pod on a node turns Running (default 20 ms). */
  startDelayMs?: number;
  /**
   * A separate client for lease renewals, as each real agent has its own connection: many
   * hollow nodes sharing one busy client would renew late and be judged dead.
   */
  leaseClient?: ResourceClient;
}

const ts = () => timestamp(Date.now());
const micro = () => microTimestamp(Date.now());

export class HollowNodes {
  private readonly alive = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  private pods?: Informer;
  private ipSeq = 1;
  private rr = 0;
  private readonly busy = new Set<string>();
  private readonly renewals = new Map<string, number>();
  /** Pods that changed while being handled: handled again, at their latest, afterwards. */
  private readonly again = new Set<string>();
  stopped = false;

  constructor(
    private readonly client: ResourceClient,
    readonly names: string[],
    private readonly opts: HollowNodeOptions = {},
  ) {}

  async start(): Promise<void> {
    // Renewals run from the start: a node registered first must not go silent while the
    // others register.
    const renew = setInterval(() => {
      for (const n of this.alive) void this.renewLease(n).catch(() => undefined);
    }, this.opts.renewMs ?? 250);
    this.timers.push(renew);
    for (const name of this.names) this.alive.add(name);
    await Promise.all(this.names.map((name) => this.register(name)));
    // An informer, so the fakes ride out a master's death like a real agent (resume, relist).
    this.pods = new Informer(this.client, 'pods', {}, pino({ level: 'silent' }));
    const onPod = (pod: Obj) => void this.handle(pod).catch(() => undefined);
    this.pods.on({ add: onPod, update: (_old, pod) => onPod(pod) });
    this.pods.start();
    // A pod whose status write failed (a master died under it) is tried again.
    this.timers.push(setInterval(() => this.pods && this.pods.hasSynced && this.pods.list().forEach(onPod), 1000));
  }

  /** The node goes silent (a dead machine). */
  kill(name: string): void {
    this.alive.delete(name);
  }

  /** It comes back: renews again and re-reports Ready. */
  async revive(name: string): Promise<void> {
    this.alive.add(name);
    await this.register(name);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.pods?.stop();
  }

  private async register(name: string): Promise<void> {
    const capacity = this.opts.capacity ?? { cpu: '4', memory: '8Gi', pods: '110' };
    const status = {
      capacity,
      allocatable: capacity,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'hollow node is ready', lastHeartbeatTime: ts(), lastTransitionTime: ts() }],
      addresses: [{ type: 'InternalIP', address: `10.0.0.${this.names.indexOf(name) + 1}` }, { type: 'Hostname', address: name }],
      nodeInfo: { kubeletVersion: 'hollow', operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'hollow://1', osImage: 'hollow', kernelVersion: 'hollow', machineID: name },
    };
    try {
      await this.client.create('nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...this.opts.labels } }, spec: {}, status });
    } catch {
      // The node-lifecycle controller may write the node (taints, conditions) at the same
      // moment: on a conflict, read it again and retry, as a real agent would.
      for (let attempt = 1; ; attempt++) {
        const node = await this.client.get('nodes', '', name);
        try {
          await this.client.update('nodes', '', { ...node, status: { ...node.status, ...status } }, { subresource: 'status' });
          break;
        } catch (err) {
          if (attempt >= 5 || !isConflict(err)) throw err;
        }
      }
    }
    await this.renewLease(name);
  }

  private async repostReady(name: string): Promise<void> {
    const node = await this.client.get('nodes', '', name);
    const ready = (node.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
    // Only what the control plane concluded (Unknown): a test may set False on purpose.
    if (ready?.status !== 'Unknown' || !this.alive.has(name)) return;
    const conditions = [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'hollow node is ready', lastHeartbeatTime: ts(), lastTransitionTime: ts() }];
    await this.client.update('nodes', '', { ...node, status: { ...node.status, conditions } }, { subresource: 'status' });
  }

  private async renewLease(name: string): Promise<void> {
    if (!this.alive.has(name) || this.stopped) return;
    const c = this.opts.leaseClient ?? this.client;
    // As a kubelet re-posts its status: a node judged NotReady during a hiccup says Ready again.
    if ((this.renewals.get(name) ?? 0) % 4 === 3) void this.repostReady(name).catch(() => undefined);
    this.renewals.set(name, (this.renewals.get(name) ?? 0) + 1);
    const spec = { holderIdentity: name, leaseDurationSeconds: this.opts.leaseSeconds ?? 1, renewTime: micro() };
    try {
      const lease = await c.get('leases', 'kube-node-lease', name);
      await c.update('leases', 'kube-node-lease', { ...lease, spec: { ...lease.spec, ...spec } });
    } catch {
      await c.create('leases', 'kube-node-lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease' }, spec }).catch(() => undefined);
    }
  }

  private async handle(pod: Obj): Promise<void> {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (this.stopped) return;
    if (this.busy.has(key)) {
      this.again.add(key);
      return;
    }
    try {
      await this.handleOnce(key, pod);
    } finally {
      if (this.again.delete(key)) {
        const latest = this.pods?.getByKey(key);
        if (latest) void this.handle(latest).catch(() => undefined);
      }
    }
  }

  private async handleOnce(key: string, pod: Obj): Promise<void> {
    const node = pod.spec?.nodeName as string | undefined;
    if (!node) {
      if (!this.opts.bindUnscheduled || pod.metadata.deletionTimestamp) return;
      const live = [...this.alive];
      if (live.length === 0) return;
      const target = live[this.rr++ % live.length];
      this.busy.add(key);
      try {
        await this.client.create('pods', pod.metadata.namespace, { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name, uid: pod.metadata.uid }, target: { kind: 'Node', name: target } }, { subresource: 'binding' });
      } finally {
        this.busy.delete(key);
      }
      return;
    }
    if (!this.alive.has(node) || !this.names.includes(node)) return;
    this.busy.add(key);
    try {
      if (pod.metadata.deletionTimestamp) {
        await this.client.delete('pods', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0, preconditionUid: pod.metadata.uid });
        return;
      }
      if (pod.status?.phase === 'Running') return;
      await new Promise((r) => setTimeout(r, this.opts.startDelayMs ?? 20));
      const now = ts();
      const containers = (pod.spec.containers ?? []).map((c: Obj) => ({ name: c.name, image: c.image, ready: true, restartCount: 0, started: true, state: { running: { startedAt: now } } }));
      await this.client.update(
        'pods',
        pod.metadata.namespace,
        {
          ...pod,
          status: {
            ...pod.status,
            phase: 'Running',
            hostIP: `10.0.0.${this.names.indexOf(node) + 1}`,
            podIP: `10.244.${this.names.indexOf(node)}.${(this.ipSeq++ % 250) + 2}`,
            startTime: now,
            conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({ type, status: 'True', lastTransitionTime: now })),
            containerStatuses: containers,
          },
        },
        { subresource: 'status' },
      );
    } finally {
      this.busy.delete(key);
    }
  }
}
