// What the workload controllers (ReplicaSet, ReplicationController, Deployment) share: a
// reconcile loop bound to one term of leadership, pod readiness and availability, owner
// references, claiming (adoption and release) by selector, the order in which surplus pods go,
// slow-start batches, and expectations that remember which deletions are still to be seen.
import type { Logger } from 'pino';
import { timestamp } from '../api/codec.ts';
import { reasonOf, type Obj } from '../client/resource-client.ts';
import { Expectations } from '../informer/expectations.ts';
import type { Informer, InformerHandlers } from '../informer/informer.ts';
import type { SharedInformers } from '../informer/shared-informers.ts';
import { runWorkers, WorkQueue } from '../informer/work-queue.ts';
import { labelSelectorRequirements, matches, type Requirement } from '../labels.ts';
import type { Controller, ControllerContext } from './controller.ts';

// ---- the loop -----------------------------------------------------------------------------

/** One term of leadership: its context, its queue, and whether it has ended. */
export interface Term {
  ctx: ControllerContext;
  queue: WorkQueue;
  log: Logger;
  stopped: boolean;
}

/** Thrown (and not logged as a failure) when a term ends while a reconcile is under way. */
export class TermEnded extends Error {
  readonly reason = 'Fenced';
}

/**
 * A level-triggered controller: informer handlers queue keys, workers reconcile them. Each
 * start() is a term: its handlers are registered afresh (hearing every cached object as an
 * add, so nothing that happened between terms is missed) and removed by stop().
 */
export abstract class ReconcileLoop<T extends Term = Term> implements Controller {
  abstract readonly name: string;
  protected term?: T;
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly workers = 4) {}

  /** A fresh term (expectations and other per-term memory start empty). */
  protected abstract newTerm(base: Term): T;
  /** Registers the informer handlers (with on()); called by start(). */
  protected abstract wire(informers: SharedInformers): void;
  protected abstract reconcile(term: T, key: string): Promise<void>;

  start(ctx: ControllerContext): void {
    if (this.term) this.stop();
    const base: Term = { ctx, queue: new WorkQueue({ baseDelayMs: 20, maxDelayMs: 5000 }), log: ctx.logger.child({ controller: this.name }), stopped: false };
    const term = this.newTerm(base);
    this.term = term;
    this.wire(ctx.informers);
    void runWorkers(
      term.queue,
      this.workers,
      (key) => (term.stopped ? Promise.resolve() : this.reconcile(term, key)),
      (key, err) => {
        if (reasonOf(err) === 'Fenced' || term.stopped) return;
        term.log.debug({ event: 'reconcile-failed', key, reason: reasonOf(err), err: (err as Error).message }, 'reconcile failed; retrying');
      },
    );
  }

  stop(): void {
    const term = this.term;
    if (!term) return;
    for (const off of this.unsubscribe.splice(0)) off();
    term.stopped = true;
    term.queue.shutdown();
    this.term = undefined;
  }

  /** Queues a key in the current term (ignored between terms). */
  protected enqueue(key: string): void {
    this.term?.queue.add(key);
  }

  protected enqueueAfter(key: string, ms: number): void {
    this.term?.queue.addAfter(key, ms);
  }

  /** Registers handlers on a shared informer for this term. */
  protected on(informers: SharedInformers, resource: string, h: InformerHandlers): Informer {
    const inf = informers.get(resource);
    this.unsubscribe.push(inf.on(h));
    return inf;
  }
}

/** Throws TermEnded once the term is over, so a reconcile stops writing. */
export function checkTerm(term: Term): void {
  if (term.stopped) throw new TermEnded('leadership term ended');
}

// ---- pods ---------------------------------------------------------------------------------

/** Not terminating, and not finished (Succeeded/Failed): a pod that counts as a replica. */
export function isPodActive(pod: Obj): boolean {
  const phase = pod.status?.phase;
  return !pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

export function podReadyCondition(pod: Obj): Obj | undefined {
  return (pod.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
}

export function isPodReady(pod: Obj): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** When the pod last turned Ready (ms), or undefined when it is not ready. */
export function podReadySince(pod: Obj): number | undefined {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True') return undefined;
  const t = Date.parse(c.lastTransitionTime ?? '');
  return Number.isFinite(t) ? t : 0;
}

/** Ready for at least minReadySeconds. */
export function isPodAvailable(pod: Obj, minReadySeconds: number, now: number): boolean {
  const since = podReadySince(pod);
  if (since === undefined) return false;
  return minReadySeconds <= 0 || since + minReadySeconds * 1000 <= now;
}

/** Milliseconds until a ready pod becomes available (0 when it is; undefined when not ready). */
export function msUntilAvailable(pod: Obj, minReadySeconds: number, now: number): number | undefined {
  const since = podReadySince(pod);
  if (since === undefined) return undefined;
  return Math.max(0, since + minReadySeconds * 1000 - now);
}

function restarts(pod: Obj): number {
  return (pod.status?.containerStatuses ?? []).reduce((n: number, c: Obj) => Math.max(n, c.restartCount ?? 0), 0);
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Orders pods the way Kubernetes picks which to delete first: unscheduled before scheduled,
 * Pending before Unknown before Running, not ready before ready, more pods of the same owner
 * family on its node before fewer, ready for less time before longer, more restarts before
 * fewer, newer before older. `colocated` gives, per node, how many related pods run there.
 */
export function deletionOrder(colocated: Map<string, number>): (a: Obj, b: Obj) => number {
  return (a, b) => {
    const na = a.spec?.nodeName ?? '';
    const nb = b.spec?.nodeName ?? '';
    if (!na !== !nb) return !na ? -1 : 1;
    const pa = PHASE_RANK[a.status?.phase] ?? 0;
    const pb = PHASE_RANK[b.status?.phase] ?? 0;
    if (pa !== pb) return pa - pb;
    const ra = isPodReady(a);
    const rb = isPodReady(b);
    if (ra !== rb) return ra ? 1 : -1;
    const ca = na ? (colocated.get(na) ?? 0) : 0;
    const cb = nb ? (colocated.get(nb) ?? 0) : 0;
    if (ca !== cb) return cb - ca;
    if (ra && rb) {
      const ta = podReadySince(a) ?? 0;
      const tb = podReadySince(b) ?? 0;
      if (ta !== tb) return tb - ta; // more recently ready first
    }
    const xa = restarts(a);
    const xb = restarts(b);
    if (xa !== xb) return xb - xa;
    const ca2 = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
    const cb2 = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
    if (ca2 !== cb2) return cb2 - ca2; // newer first
    return String(b.metadata?.name).localeCompare(String(a.metadata?.name));
  };
}

/** The first `n` pods to delete from `pods`; `related` (same family, incl. `pods`) ranks nodes. */
export function podsToDelete(pods: Obj[], related: Obj[], n: number): Obj[] {
  const colocated = new Map<string, number>();
  for (const p of related) {
    const node = p.spec?.nodeName;
    if (node && isPodActive(p)) colocated.set(node, (colocated.get(node) ?? 0) + 1);
  }
  return [...pods].sort(deletionOrder(colocated)).slice(0, Math.max(0, n));
}

// ---- owners and selectors -----------------------------------------------------------------

export function controllerRefOf(obj: Obj): Obj | undefined {
  return (obj.metadata?.ownerReferences ?? []).find((r: Obj) => r.controller === true);
}

export function ownerRefTo(owner: Obj): Obj {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/** A LabelSelector's requirements; undefined (matches nothing) for a missing or broken one. */
export function selectorReqs(sel: Obj | undefined | null): Requirement[] | undefined {
  if (!sel || typeof sel !== 'object') return undefined;
  try {
    return labelSelectorRequirements(sel);
  } catch {
    return undefined;
  }
}

/** A plain map selector (ReplicationController); an empty one matches nothing. */
export function mapSelectorReqs(sel: Obj | undefined | null): Requirement[] | undefined {
  if (!sel || typeof sel !== 'object' || Object.keys(sel).length === 0) return undefined;
  return Object.entries(sel).map(([key, v]) => ({ key, op: '=' as const, values: [String(v)] }));
}

export function selects(reqs: Requirement[] | undefined, obj: Obj): boolean {
  return !!reqs && reqs.length > 0 && matches(reqs, obj.metadata?.labels);
}

export interface ClaimResult {
  owned: Obj[];
  /** Objects whose adoption or release failed (the reconcile retries). */
  errors: unknown[];
}

/**
 * Kubernetes' claim: of `candidates`, keep those the owner controls and still selects, release
 * those it controls but no longer selects, adopt the orphans it selects (not while it or they
 * are being deleted). Adoption and release are merge patches guarded by the object's
 * resourceVersion, so a concurrent change makes them fail instead of clobbering it.
 */
export async function claim(term: Term, resource: string, owner: Obj, reqs: Requirement[] | undefined, candidates: Obj[]): Promise<ClaimResult> {
  const uid = owner.metadata.uid;
  const owned: Obj[] = [];
  const errors: unknown[] = [];
  const ops: Promise<void>[] = [];
  for (const o of candidates) {
    const ref = controllerRefOf(o);
    const match = selects(reqs, o);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (match) {
        owned.push(o);
        continue;
      }
      if (owner.metadata.deletionTimestamp) continue;
      ops.push(
        (async () => {
          checkTerm(term);
          const refs = (o.metadata.ownerReferences ?? []).filter((r: Obj) => r.uid !== uid);
          try {
            await term.ctx.client.patch(resource, o.metadata.namespace, o.metadata.name, { metadata: { resourceVersion: o.metadata.resourceVersion, ownerReferences: refs.length ? refs : null } });
            term.log.debug({ event: 'released', resource, name: o.metadata.name, owner: owner.metadata.name }, 'released');
          } catch (err) {
            if (reasonOf(err) !== 'NotFound') errors.push(err);
          }
        })(),
      );
      continue;
    }
    if (!match || owner.metadata.deletionTimestamp || o.metadata.deletionTimestamp) continue;
    ops.push(
      (async () => {
        checkTerm(term);
        const refs = [...(o.metadata.ownerReferences ?? []), ownerRefTo(owner)];
        try {
          const adopted = await term.ctx.client.patch(resource, o.metadata.namespace, o.metadata.name, { metadata: { resourceVersion: o.metadata.resourceVersion, ownerReferences: refs } });
          owned.push(adopted);
          term.log.debug({ event: 'adopted', resource, name: o.metadata.name, owner: owner.metadata.name }, 'adopted');
        } catch (err) {
          if (reasonOf(err) !== 'NotFound') errors.push(err);
        }
      })(),
    );
  }
  await Promise.all(ops);
  return { owned, errors };
}

// ---- batches and expectations -------------------------------------------------------------

/** Most pods created (or deleted) by one reconcile of one owner. */
export const BURST_REPLICAS = 500;

/**
 * Runs `count` calls in batches of 1, 2, 4, ... (each batch in parallel), stopping after the
 * first batch with a failure, as Kubernetes' slowStartBatch: a template that cannot be created
 * fails once, not 500 times. Returns how many succeeded and the first error.
 */
export async function slowStartBatch(count: number, fn: () => Promise<void>): Promise<{ ok: number; err?: unknown }> {
  let remaining = count;
  let ok = 0;
  for (let size = Math.min(remaining, 1); size > 0; size = Math.min(2 * size, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: size }, () => fn()));
    let err: unknown;
    for (const r of results) {
      if (r.status === 'fulfilled') ok++;
      else err ??= r.reason;
    }
    if (err !== undefined) return { ok, err };
    remaining -= size;
  }
  return { ok };
}

/**
 * Expectations that know which deletions they wait for: a pod's deletion is seen twice (once
 * when it turns terminating, once when it is gone), and must count once. Creations are counted
 * (each new pod is added to the cache exactly once).
 */
export class TrackedExpectations {
  private readonly counts: Expectations;
  private readonly deletes = new Map<string, Set<string>>();

  constructor(ttlMs: number, now: () => number) {
    this.counts = new Expectations(ttlMs, now);
  }

  satisfied(key: string): boolean {
    const ok = this.counts.satisfied(key);
    if (ok) this.deletes.delete(key);
    return ok;
  }

  expectCreations(key: string, n: number): void {
    this.deletes.delete(key);
    this.counts.expect(key, n, 0);
  }

  expectDeletions(key: string, uids: string[]): void {
    this.deletes.set(key, new Set(uids));
    this.counts.expect(key, 0, uids.length);
  }

  creationObserved(key: string, n = 1): void {
    for (let i = 0; i < n; i++) this.counts.observedAdd(key);
  }

  deletionObserved(key: string, uid: string): void {
    if (this.deletes.get(key)?.delete(uid)) this.counts.observedDelete(key);
  }

  forget(key: string): void {
    this.counts.forget(key);
    this.deletes.delete(key);
  }
}

// ---- status helpers -----------------------------------------------------------------------

export const nowStamp = (ctx: ControllerContext): string => timestamp(ctx.now());

export function conditionOf(status: Obj | undefined, type: string): Obj | undefined {
  return (status?.conditions ?? []).find((c: Obj) => c.type === type);
}

/** Sets a condition in place; lastTransitionTime moves only when the status changes. */
export function setCondition(status: Obj, cond: Obj): void {
  const list: Obj[] = status.conditions ?? [];
  const old = list.find((c) => c.type === cond.type);
  if (old && old.status === cond.status && old.reason === cond.reason) return;
  const next = { ...cond };
  if (old && old.status === cond.status && old.lastTransitionTime) next.lastTransitionTime = old.lastTransitionTime;
  status.conditions = old ? list.map((c) => (c === old ? next : c)) : [...list, next];
}

export function removeCondition(status: Obj, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c: Obj) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

export function errMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
