// The scheduler loop: a queue of unbound pods, each placed by the algorithm against the
// informers' view of nodes and pods plus the placements this loop has made but not yet seen
// come back (assumed pods), then bound by a compare-and-swap on the pod (pods/binding with the
// pod's uid and resourceVersion). Binds run in the background so one slow write does not stall
// the queue. A pod that fits nowhere stays Pending with a PodScheduled=False condition and a
// FailedScheduling event saying why, and is tried again when nodes change.
import type { Logger } from 'pino';
import { timestamp } from '../api/codec.ts';
import { reasonOf, type Obj } from '../client/resource-client.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import { keyOf, type Informer } from '../informer/informer.ts';
import { runWorkers, WorkQueue } from '../informer/work-queue.ts';
import { defaultAlgorithm, type SchedulingAlgorithm } from './algorithm.ts';
import { buildNodeInfos, DEFAULT_SCHEDULER_NAME, needsScheduling } from './node-info.ts';

/** An assumed placement is dropped if its pod has not come back bound by then. */
const ASSUME_TTL_MS = 30_000;
/** Unschedulable pods are also retried this often, in case a change went unnoticed. */
const UNSCHEDULABLE_RETRY_MS = 5000;
/** Binds in flight at once; the queue waits beyond that. */
const MAX_BINDS_IN_FLIGHT = 64;

export class Scheduler implements Controller {
  readonly name = 'scheduler';
  private queue?: WorkQueue;
  private pods?: Informer;
  private nodes?: Informer;
  private ctx?: ControllerContext;
  private log?: Logger;
  /** pod key -> the pod as placed, until the informer shows it bound. */
  private readonly assumed = new Map<string, { pod: Obj; at: number }>();
  private readonly unschedulable = new Set<string>();
  private inFlight = 0;
  private slotWaiters: (() => void)[] = [];
  private active = false;

  constructor(
    private readonly algorithm: SchedulingAlgorithm = defaultAlgorithm(),
    private readonly schedulerName = DEFAULT_SCHEDULER_NAME,
  ) {}

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.active = true;
    this.log = ctx.logger.child({ component: 'scheduler' });
    const queue = (this.queue = new WorkQueue({ baseDelayMs: 20, maxDelayMs: UNSCHEDULABLE_RETRY_MS }));
    this.pods = ctx.informers.get('pods');
    this.nodes = ctx.informers.get('nodes');
    const onPod = (pod: Obj) => {
      const key = keyOf(pod);
      if (pod.spec?.nodeName) this.assumed.delete(key);
      if (needsScheduling(pod, this.schedulerName)) queue.add(key);
    };
    this.pods.on({ add: onPod, update: (_o, n) => onPod(n), delete: (p) => this.assumed.delete(keyOf(p)) });
    // Any node change may make room: every pod waiting for one is tried again.
    const onNode = () => {
      for (const key of this.unschedulable) queue.add(key);
      this.unschedulable.clear();
    };
    this.nodes.on({ add: onNode, update: onNode, delete: onNode });
    // One worker: placements are decided one after another against one view, so two pods
    // never both take the last free slot of a node.
    void runWorkers(queue, 1, (key) => this.scheduleOne(key), (key, err) =>
      this.log!.debug({ event: 'schedule-retry', pod: key, err: (err as Error).message }, 'scheduling attempt failed'),
    );
  }

  stop(): void {
    this.active = false;
    this.queue?.shutdown();
    this.assumed.clear();
    this.unschedulable.clear();
    for (const w of this.slotWaiters.splice(0)) w();
  }

  private async scheduleOne(key: string): Promise<void> {
    const pod = this.pods!.getByKey(key);
    if (!pod || !needsScheduling(pod, this.schedulerName) || this.assumed.has(key)) return;
    const now = this.ctx!.now();
    for (const [k, a] of this.assumed) if (now - a.at > ASSUME_TTL_MS) this.assumed.delete(k);
    const pods = [...this.pods!.list().filter((p) => !this.assumed.has(keyOf(p))), ...[...this.assumed.values()].map((a) => a.pod)];
    const result = this.algorithm.schedule(pod, buildNodeInfos(this.nodes!.list(), pods));
    if (!result.ok) {
      this.unschedulable.add(key);
      this.queue!.addAfter(key, UNSCHEDULABLE_RETRY_MS);
      await this.markUnschedulable(pod, result.message);
      return;
    }
    this.unschedulable.delete(key);
    const placed = { ...pod, spec: { ...pod.spec, nodeName: result.node } };
    this.assumed.set(key, { pod: placed, at: now });
    await this.slot();
    if (!this.active) return;
    this.inFlight++;
    void this.bind(pod, result.node).finally(() => {
      this.inFlight--;
      this.slotWaiters.shift()?.();
    });
  }

  private slot(): Promise<void> {
    if (this.inFlight < MAX_BINDS_IN_FLIGHT) return Promise.resolve();
    return new Promise((r) => this.slotWaiters.push(r));
  }

  private async bind(pod: Obj, node: string): Promise<void> {
    const key = keyOf(pod);
    const m = pod.metadata;
    try {
      await this.ctx!.client.create(
        'pods',
        m.namespace,
        { apiVersion: 'v1', kind: 'Binding', metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion }, target: { apiVersion: 'v1', kind: 'Node', name: node } },
        { subresource: 'binding' },
      );
      this.ctx!.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${m.namespace}/${m.name} to ${node}`);
    } catch (err) {
      this.assumed.delete(key);
      const reason = reasonOf(err);
      // The pod changed, went away, or was bound meanwhile: its next informer event decides.
      if (reason === 'Conflict' || reason === 'NotFound' || reason === 'Fenced') return;
      this.log!.info({ event: 'bind-failed', pod: key, node, err: (err as Error).message }, 'bind failed; will retry');
      this.queue?.addRateLimited(key);
    }
  }

  private async markUnschedulable(pod: Obj, message: string): Promise<void> {
    const cond = (pod.status?.conditions ?? []).find((c: Obj) => c.type === 'PodScheduled');
    this.ctx!.events.record(pod, 'Warning', 'FailedScheduling', message);
    if (cond && cond.status === 'False' && cond.message === message) return;
    const conditions = (pod.status?.conditions ?? []).filter((c: Obj) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: timestamp(this.ctx!.now()) });
    try {
      await this.ctx!.client.update('pods', pod.metadata.namespace, { ...pod, status: { ...pod.status, conditions } }, { subresource: 'status' });
    } catch (err) {
      this.log!.debug({ event: 'unschedulable-status-failed', pod: keyOf(pod), err: (err as Error).message }, 'could not record unschedulable status');
    }
  }
}
