// The scheduler loop: a queue of unbound pods, each placed by the algorithm against the
// informers' view of nodes and pods plus the placements this loop has made but not yet seen
// come back (assumed pods), then bound by a compare-and-swap on the pod (pods/binding with the
// pod's uid and resourceVersion). Binds run in the background so one slow write does not stall
// the queue. A pod that fits nowhere stays Pending with a PodScheduled=False condition and a
// FailedScheduling event saying why, and is tried again when nodes change.
//
// That view is a NodeInfoCache kept between cycles: informer events and the loop's own
// placements update the one or two nodes they touch, with each node's aggregates (requests,
// host ports, spreading counts), so a cycle costs what filtering and scoring the sampled nodes
// costs (algorithm.ts: a share of the nodes, round-robin), not a walk over every pod. The one
// worker places pods several per turn without waiting on I/O (binds and status writes run in
// the background, at most MAX_BINDS_IN_FLIGHT binds at once), then lets the event loop run.
import type { Logger } from 'pino';
import { timestamp } from '../api/codec.ts';
import { reasonOf, type Obj } from '../client/resource-client.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import { keyOf, type Informer } from '../informer/informer.ts';
import { WorkQueue } from '../informer/work-queue.ts';
import { defaultAlgorithm, type SchedulingAlgorithm } from './algorithm.ts';
import { NodeInfoCache } from './node-cache.ts';
import { copyPodFacts } from './pod-cache.ts';
import { DEFAULT_SCHEDULER_NAME, needsScheduling } from './node-info.ts';

/** An assumed placement is dropped if its pod has not come back bound by then. */
const ASSUME_TTL_MS = 30_000;
/** Unschedulable pods are also retried this often, in case a change went unnoticed. */
const UNSCHEDULABLE_RETRY_MS = 5000;
/** Binds and status writes in flight at once; placing waits beyond that (the store is then the bottleneck). */
const MAX_BINDS_IN_FLIGHT = 256;
/** A turn places pods until the queue is empty, or this many, or this long; then I/O runs. */
const MAX_PLACEMENTS_PER_TURN = 128;
const TURN_BUDGET_MS = 4;

/** What the loop has done (for benchmarks and debugging); counters only grow. */
export interface SchedulerStats {
  /** Turns of the worker (each places one or more pods without yielding). */
  turns: number;
  /** Scheduling cycles (algorithm runs). */
  cycles: number;
  scheduled: number;
  unschedulable: number;
  /** Nodes run through the filters, over all cycles. */
  nodesExamined: number;
  /** Time placing pods (choosing nodes, assuming placements, starting binds), synchronous work only. */
  busyMs: number;
  /** Time keeping the node cache up to date from informer events. */
  eventMs: number;
}

interface Assumed {
  pod: Obj;
  at: number;
}

export class Scheduler implements Controller {
  readonly name = 'scheduler';
  readonly stats: SchedulerStats = { turns: 0, cycles: 0, scheduled: 0, unschedulable: 0, nodesExamined: 0, busyMs: 0, eventMs: 0 };
  private queue?: WorkQueue;
  private pods?: Informer;
  private nodes?: Informer;
  private ctx?: ControllerContext;
  private log?: Logger;
  /** Nodes with their pods (bound, and assumed), kept between cycles from informer events. */
  private cache = new NodeInfoCache();
  /** Where the next sampled cycle starts filtering (round-robin over the node list). */
  private nextStart = 0;
  /** pod key -> the pod as placed, until the informer shows it bound (insertion order = age). */
  private readonly assumed = new Map<string, Assumed>();
  private readonly unschedulable = new Set<string>();
  private unsubscribe: (() => void)[] = [];
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
    this.cache = new NodeInfoCache();
    this.nextStart = 0;
    this.assumed.clear();
    this.pods = ctx.informers.get('pods');
    this.nodes = ctx.informers.get('nodes');
    const timed = <A extends unknown[]>(fn: (...a: A) => void) => (...a: A) => {
      const t = performance.now();
      fn(...a);
      this.stats.eventMs += performance.now() - t;
    };
    const onPod = timed((pod: Obj) => {
      const key = keyOf(pod);
      if (this.assumed.has(key)) {
        // Our placement stands until the pod comes back bound (or its bind fails).
        if (!pod.spec?.nodeName) return;
        this.assumed.delete(key);
      }
      this.cache.setPod(pod);
      if (needsScheduling(pod, this.schedulerName)) queue.add(key);
    });
    const onPodDelete = timed((pod: Obj) => {
      const key = keyOf(pod);
      this.assumed.delete(key);
      this.cache.removePod(key);
    });
    // Any node change may make room: every pod waiting for one is tried again.
    const retryUnschedulable = () => {
      for (const key of this.unschedulable) queue.add(key);
      this.unschedulable.clear();
    };
    const onNode = timed((node: Obj) => {
      this.cache.setNode(node);
      retryUnschedulable();
    });
    const onNodeDelete = timed((node: Obj) => {
      this.cache.removeNode(node.metadata?.name);
      retryUnschedulable();
    });
    // The informers have synced: registering replays every object as an add.
    this.unsubscribe = [
      this.nodes.on({ add: onNode, update: (_o, n) => onNode(n), delete: onNodeDelete }),
      this.pods.on({ add: onPod, update: (_o, n) => onPod(n), delete: onPodDelete }),
    ];
    // One worker: placements are decided one after another against one view, so two pods
    // never both take the last free slot of a node.
    void this.work(queue);
  }

  stop(): void {
    this.active = false;
    this.queue?.shutdown();
    for (const u of this.unsubscribe.splice(0)) u();
    this.assumed.clear();
    this.unschedulable.clear();
    for (const w of this.slotWaiters.splice(0)) w();
  }

  /**
   * The worker: takes pods off the queue and places them, several per turn, without waiting on
   * any I/O in between (binds and status writes run in the background); between turns it lets
   * the event loop deliver watch events and bind answers.
   */
  private async work(queue: WorkQueue): Promise<void> {
    for (;;) {
      let key = await queue.get();
      if (key === undefined || !this.active) return;
      const t0 = performance.now();
      this.expireAssumed();
      for (let n = 1; ; n++) {
        const t = performance.now();
        try {
          this.scheduleOne(key);
          queue.forget(key);
        } catch (err) {
          this.log!.debug({ event: 'schedule-retry', pod: key, err: (err as Error).message }, 'scheduling attempt failed');
          queue.addRateLimited(key);
        } finally {
          queue.done(key);
        }
        const end = performance.now();
        this.stats.busyMs += end - t;
        if (!this.active || queue.length === 0 || n >= MAX_PLACEMENTS_PER_TURN || this.inFlight >= MAX_BINDS_IN_FLIGHT || end - t0 >= TURN_BUDGET_MS) break;
        key = await queue.get(); // at once: the queue is not empty
        if (key === undefined) return;
      }
      this.stats.turns++;
      await new Promise((r) => setImmediate(r));
      await this.slot();
    }
  }

  /** One scheduling cycle: choose a node, assume the placement, start the bind. Synchronous. */
  private scheduleOne(key: string): void {
    const pod = this.pods!.getByKey(key);
    if (!pod || !needsScheduling(pod, this.schedulerName) || this.assumed.has(key)) return;
    const nodes = this.cache.nodeInfos();
    const result = this.algorithm.schedule(pod, nodes, { startIndex: this.nextStart, scores: false, index: this.cache });
    const examined = result.examined ?? nodes.length;
    this.stats.cycles++;
    this.stats.nodesExamined += examined;
    if (nodes.length > 0) this.nextStart = (this.nextStart + examined) % nodes.length;
    if (!result.ok) {
      this.stats.unschedulable++;
      this.unschedulable.add(key);
      this.queue!.addAfter(key, UNSCHEDULABLE_RETRY_MS);
      // In the background too, counted with the binds (so a flood of them is bounded).
      this.inFlight++;
      void this.markUnschedulable(pod, result.message)
        .catch((err) => this.log!.debug({ event: 'unschedulable-status-failed', pod: key, err: (err as Error).message }, 'could not record unschedulable status'))
        .finally(() => this.release());
      return;
    }
    this.stats.scheduled++;
    this.unschedulable.delete(key);
    const placed = { ...pod, spec: { ...pod.spec, nodeName: result.node } };
    copyPodFacts(pod, placed);
    const entry: Assumed = { pod: placed, at: this.ctx!.now() };
    this.assumed.set(key, entry);
    this.cache.setPod(placed);
    this.inFlight++;
    void this.bind(pod, result.node, entry)
      .catch((err) => this.log!.warn({ event: 'bind-error', pod: key, err: (err as Error).message }, 'bind bookkeeping failed'))
      .finally(() => this.release());
  }

  /** A background write (bind or status) is done: its slot goes to a waiting worker. */
  private release(): void {
    this.inFlight--;
    this.slotWaiters.shift()?.();
  }

  /** Assumed placements whose pods never came back bound are forgotten (oldest first). */
  private expireAssumed(): void {
    const now = this.ctx!.now();
    for (const [key, a] of this.assumed) {
      if (now - a.at <= ASSUME_TTL_MS) break;
      this.forget(key, a, false);
    }
  }

  /**
   * Drops an assumed placement (if it is still this one): the cache goes back to the informer's
   * version of the pod, which is queued again if it still needs a node (after its back-off when
   * a bind just failed: the informer may not have caught up with the change yet).
   */
  private forget(key: string, entry: Assumed, backOff: boolean): void {
    if (this.assumed.get(key) !== entry) return;
    this.assumed.delete(key);
    const current = this.pods?.getByKey(key);
    if (current) this.cache.setPod(current);
    else this.cache.removePod(key);
    if (!current || !this.active || !needsScheduling(current, this.schedulerName)) return;
    if (backOff) this.queue?.addRateLimited(key);
    else this.queue?.add(key);
  }

  private slot(): Promise<void> {
    if (this.inFlight < MAX_BINDS_IN_FLIGHT || !this.active) return Promise.resolve();
    return new Promise((r) => this.slotWaiters.push(r));
  }

  private async bind(pod: Obj, node: string, entry: Assumed): Promise<void> {
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
      const reason = reasonOf(err);
      // The pod changed, went away, or was bound meanwhile: the informer's version decides.
      // Anything else (a timeout, a lost leader): the same, tried again after a back-off.
      if (reason !== 'Conflict' && reason !== 'NotFound' && reason !== 'Fenced') {
        this.log!.info({ event: 'bind-failed', pod: key, node, err: (err as Error).message }, 'bind failed; will retry');
      }
      this.forget(key, entry, true);
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
