// The common shape of the cluster controllers: informer handlers put keys on a work queue,
// workers reconcile one key at a time from the caches, writes go through the fenced client.
// Each start() is a session: handlers registered by an earlier session (an informer cannot
// forget a handler) turn into no-ops once it stops, and a reconcile still in flight when its
// session stops cannot write.
import type { Logger } from 'pino';
import { reasonOf, type ClientWatch, type DeleteOpts, type ListOpts, type ListReply, type Obj, type ResourceClient, type WatchOpts, type WriteOpts } from '../client/resource-client.ts';
import type { Informer, InformerHandlers } from '../informer/informer.ts';
import { runWorkers, WorkQueue } from '../informer/work-queue.ts';
import type { Controller, ControllerContext } from './controller.ts';

interface Session {
  stopped: boolean;
}

/** Reasons a reconcile fails that are part of normal life (retried quietly). */
const ROUTINE = new Set(['Fenced', 'Conflict', 'NotFound', 'AlreadyExists', 'Stopped']);

export abstract class QueueController implements Controller {
  abstract readonly name: string;
  /** Concurrent reconciles (never two of the same key). */
  protected workers = 2;
  protected ctx!: ControllerContext;
  /** The session's client: ctx.client, refusing writes once the session stopped. */
  protected client!: ResourceClient;
  protected queue!: WorkQueue;
  protected log!: Logger;
  private session?: Session;
  private timers: NodeJS.Timeout[] = [];

  start(ctx: ControllerContext): void {
    if (this.session) this.stop();
    const session: Session = { stopped: false };
    this.session = session;
    this.ctx = ctx;
    this.client = new SessionClient(ctx.client, session);
    this.log = ctx.logger.child({ controller: this.name });
    this.queue = new WorkQueue({ baseDelayMs: 20, maxDelayMs: 5000 });
    const queue = this.queue;
    this.setup();
    void runWorkers(
      queue,
      this.workers,
      (key) => (session.stopped ? Promise.resolve() : this.reconcile(key)),
      (key, err) => this.failed(key, err),
    );
  }

  stop(): void {
    if (!this.session) return;
    this.session.stopped = true;
    this.session = undefined;
    this.queue.shutdown();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.teardown();
  }

  /** Registers handlers (with watch()) and timers (with every()); called by start(). */
  protected abstract setup(): void;
  protected abstract reconcile(key: string): Promise<void>;
  /** Drops per-session state; called by stop(). */
  protected teardown(): void {}

  protected get stopped(): boolean {
    return !this.session || this.session.stopped;
  }

  /** The shared informer of `resource`, with handlers that fall silent when this session ends. */
  protected watch(resource: string, h: InformerHandlers = {}): Informer {
    const inf = this.ctx.informers.get(resource);
    const s = this.session!;
    inf.on({
      add: h.add && ((o) => void (s.stopped || h.add!(o))),
      update: h.update && ((old, o) => void (s.stopped || h.update!(old, o))),
      delete: h.delete && ((o) => void (s.stopped || h.delete!(o))),
    });
    return inf;
  }

  /** Runs fn every `ms` while the session lasts. */
  protected every(ms: number, fn: () => void): void {
    const s = this.session!;
    const t = setInterval(() => {
      if (!s.stopped) fn();
    }, ms);
    t.unref?.();
    this.timers.push(t);
  }

  private failed(key: string, err: unknown): void {
    const reason = reasonOf(err);
    if (reason && ROUTINE.has(reason)) this.log.debug({ event: 'reconcile-retry', key, reason, err: (err as Error).message }, 'reconcile will be retried');
    else this.log.warn({ event: 'reconcile-failed', key, err: (err as Error)?.message ?? String(err) }, 'reconcile failed; will retry');
  }
}

class StoppedError extends Error {
  readonly reason = 'Stopped';
}

/** ctx.client for one session: reads pass, writes fail once the session has stopped. */
class SessionClient implements ResourceClient {
  constructor(
    private readonly inner: ResourceClient,
    private readonly session: Session,
  ) {}

  private check(): void {
    if (this.session.stopped) throw new StoppedError('controller stopped: write refused');
  }

  async create(resource: string, namespace: string, obj: Obj, opts?: WriteOpts): Promise<Obj> {
    this.check();
    return this.inner.create(resource, namespace, obj, opts);
  }
  get(resource: string, namespace: string, name: string, subresource?: string): Promise<Obj> {
    return this.inner.get(resource, namespace, name, subresource);
  }
  list(resource: string, namespace: string, opts?: ListOpts): Promise<ListReply> {
    return this.inner.list(resource, namespace, opts);
  }
  async update(resource: string, namespace: string, obj: Obj, opts?: WriteOpts): Promise<Obj> {
    this.check();
    return this.inner.update(resource, namespace, obj, opts);
  }
  async patch(resource: string, namespace: string, name: string, patch: Obj, opts?: WriteOpts): Promise<Obj> {
    this.check();
    return this.inner.patch(resource, namespace, name, patch, opts);
  }
  async delete(resource: string, namespace: string, name: string, opts?: DeleteOpts): Promise<Obj> {
    this.check();
    return this.inner.delete(resource, namespace, name, opts);
  }
  watch(resource: string, namespace: string, opts: WatchOpts, onEvent: (type: string, obj: Obj) => void): ClientWatch {
    return this.inner.watch(resource, namespace, opts, onEvent);
  }
}

// ---- small helpers shared by the controllers ----------------------------------------------

/** Runs a write whose failure by NotFound (the object is gone already) is success. */
export async function ignoreNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (reasonOf(err) === 'NotFound') return undefined;
    throw err;
  }
}

export interface ConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  [k: string]: unknown;
}

/**
 * `conditions` with `c` set: lastTransitionTime moves only when the status changes (as
 * Kubernetes keeps it); other conditions are left as they are. Returns a new list.
 */
export function setCondition<C extends ConditionLike>(conditions: C[] | undefined, c: C, at: string): C[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((x) => x.type === c.type);
  const prior = i >= 0 ? list[i] : undefined;
  const next = { ...c, lastTransitionTime: prior && prior.status === c.status && prior.lastTransitionTime ? prior.lastTransitionTime : at };
  if (i >= 0) list[i] = next;
  else list.push(next);
  return list;
}

/** A pod's Ready condition is True. */
export function podIsReady(pod: Obj): boolean {
  return (pod.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
}

/** The queue key of an object of some resource: `<resource>/<namespace>/<name>` or `<resource>/<name>`. */
export const resourceKey = (resource: string, key: string): string => `${resource}/${key}`;

export function splitResourceKey(rk: string): { resource: string; key: string } {
  const i = rk.indexOf('/');
  return { resource: rk.slice(0, i), key: rk.slice(i + 1) };
}
