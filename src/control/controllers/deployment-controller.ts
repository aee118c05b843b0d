// The Deployment controller (apps/v1): a deployment owns ReplicaSets named
// <deployment>-<pod-template-hash>, one per pod template it has had; the one whose template
// equals the deployment's is the new one (an old one becomes new again on rollback), the rest
// are old. A rolling update scales the new one up and the old ones down within maxSurge and
// maxUnavailable; Recreate scales the old ones to zero, waits until their pods are gone, then
// scales the new one up. A change of spec.replicas mid-rollout is shared out proportionally.
//
// How the bounds hold at every moment, not only in the long run (Kubernetes counts
// ReplicaSet specs, which can briefly lag the pods that exist):
//  - No ReplicaSet is resized or created until every ReplicaSet of the deployment is settled
//    (status.observedGeneration has caught up with its generation; the ReplicaSet controller
//    reports only once its own creations and deletions are seen) and until the cache shows
//    this controller's own last writes.
//  - A ReplicaSet may hold as many pods as max(spec, status.replicas, active pods cached); the
//    new one grows only while the sum of those stays within replicas + maxSurge.
//  - A ReplicaSet scaled to s keeps at least min(available, s) available pods (the ReplicaSet
//    controller deletes unready pods first), so old ones shrink only while the sum of those
//    minimums stays at or above replicas - maxUnavailable.
import type { Obj } from '../client/resource-client.ts';
import { reasonOf } from '../client/resource-client.ts';
import { deepEqual } from '../api/merge-patch.ts';
import { keyOf, type Informer } from '../informer/informer.ts';
import type { SharedInformers } from '../informer/shared-informers.ts';
import {
  byCreation,
  byRevision,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  desiredReplicasOf,
  equalIgnoreHash,
  findNewReplicaSet,
  HASH_LABEL,
  hasProgressDeadline,
  isRollingUpdate,
  maxRevision,
  maxSurge,
  maxUnavailable,
  proportion,
  REVISION_ANNOTATION,
  replicasAnnotationsNeedUpdate,
  revisionOf,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  templateHash,
} from './deployment-util.ts';
import {
  checkTerm,
  claim,
  conditionOf,
  controllerRefOf,
  errMessage,
  isPodActive,
  isPodAvailable,
  nowStamp,
  ownerRefTo,
  ReconcileLoop,
  removeCondition,
  selectorReqs,
  selects,
  setCondition,
  type Term,
} from './workload-common.ts';

/** A write of ours the cache has not shown yet is waited for at most this long. */
const OWN_WRITE_TTL_MS = 30_000;

/** ReplicaSets this controller wrote, until the cache shows the version written. */
class OwnWrites {
  private readonly m = new Map<string, { rv: number; owner: string; at: number }>();

  note(rsKey: string, rv: string, owner: string, now: number): void {
    this.m.set(rsKey, { rv: Number(rv), owner, at: now });
  }

  /** Whether some write for `owner` is not in the cache yet. */
  pending(owner: string, cached: (rsKey: string) => Obj | undefined, now: number): boolean {
    let waiting = false;
    for (const [k, w] of this.m) {
      if (w.owner !== owner) continue;
      const c = cached(k);
      if (now - w.at > OWN_WRITE_TTL_MS || (c && Number(c.metadata.resourceVersion) >= w.rv)) this.m.delete(k);
      else waiting = true;
    }
    return waiting;
  }

  forget(rsKey: string): void {
    this.m.delete(rsKey);
  }
}

interface DeployTerm extends Term {
  writes: OwnWrites;
}

/** One ReplicaSet as a reconcile sees it, with its pods from the cache. */
interface RsView {
  rs: Obj;
  /** Pods that count (not terminating, not finished). */
  active: Obj[];
  /** Pods not finished (terminating ones included). */
  present: Obj[];
  available: number;
}

const spec = (v: RsView): number => v.rs.spec?.replicas ?? 0;
/** The most pods it may hold now. */
const bound = (v: RsView): number => Math.max(spec(v), v.rs.status?.replicas ?? 0, v.active.length);
/** The fewest available pods it keeps, whatever its controller deletes. */
const kept = (v: RsView): number => Math.min(v.available, spec(v));
const settled = (v: RsView): boolean => (v.rs.status?.observedGeneration ?? 0) >= (v.rs.metadata.generation ?? 1);
const sum = (vs: RsView[], f: (v: RsView) => number): number => vs.reduce((n, v) => n + f(v), 0);

/** The state of one reconcile of one deployment. */
interface Sync {
  term: DeployTerm;
  key: string;
  d: Obj;
  views: RsView[];
  newView?: RsView;
  oldViews: RsView[];
  /** The status being built (conditions set along the way); written once at the end. */
  work: Obj;
  now: number;
}

function condition(type: string, status: string, reason: string, message: string, at: string): Obj {
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

export class DeploymentController extends ReconcileLoop<DeployTerm> {
  readonly name = 'deployment-controller';
  private deployments?: Informer;
  private replicasets?: Informer;
  private pods?: Informer;

  constructor(opts: { workers?: number } = {}) {
    super(opts.workers ?? 4);
  }

  protected newTerm(base: Term): DeployTerm {
    return { ...base, writes: new OwnWrites() };
  }

  protected wire(informers: SharedInformers): void {
    this.pods = informers.get('pods');
    this.replicasets = informers.get('replicasets');
    this.deployments = this.on(informers, 'deployments', {
      add: (d) => this.enqueue(keyOf(d)),
      update: (_o, d) => this.enqueue(keyOf(d)),
      delete: (d) => this.enqueue(keyOf(d)),
    });
    this.on(informers, 'replicasets', {
      add: (rs) => this.rsChanged(undefined, rs),
      update: (old, rs) => this.rsChanged(old, rs),
      delete: (rs) => {
        this.term?.writes.forget(keyOf(rs));
        this.enqueueOwner(rs);
      },
    });
    this.on(informers, 'pods', {
      add: (p) => this.podChanged(p),
      update: (old, p) => {
        this.podChanged(p);
        if (controllerRefOf(old)?.uid !== controllerRefOf(p)?.uid) this.podChanged(old);
      },
      delete: (p) => this.podChanged(p),
    });
  }

  // ---- event handlers ---------------------------------------------------------------------

  private enqueueOwner(rs: Obj): boolean {
    const ref = controllerRefOf(rs);
    if (ref?.kind !== 'Deployment') return false;
    const d = this.deployments?.get(rs.metadata.namespace, ref.name);
    if (d && d.metadata.uid === ref.uid) this.enqueue(keyOf(d));
    return true;
  }

  private rsChanged(old: Obj | undefined, rs: Obj): void {
    if (old && controllerRefOf(old)?.uid !== controllerRefOf(rs)?.uid) this.enqueueOwner(old);
    if (this.enqueueOwner(rs) || controllerRefOf(rs)) return;
    // An orphan: every deployment that selects it may adopt it.
    if (old && deepEqual(old.metadata.labels ?? {}, rs.metadata.labels ?? {}) && !controllerRefOf(old) === !controllerRefOf(rs)) return;
    for (const d of this.deployments?.byIndex('namespace', rs.metadata.namespace ?? '') ?? []) {
      if (selects(selectorReqs(d.spec?.selector), rs)) this.enqueue(keyOf(d));
    }
  }

  private podChanged(pod: Obj): void {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.replicasets?.get(pod.metadata.namespace, ref.name);
    if (rs && rs.metadata.uid === ref.uid) this.enqueueOwner(rs);
  }

  // ---- reconcile --------------------------------------------------------------------------

  protected async reconcile(term: DeployTerm, key: string): Promise<void> {
    const d = this.deployments?.getByKey(key);
    if (!d) return;
    const reqs = selectorReqs(d.spec?.selector);
    if (!reqs || reqs.length === 0) return; // validation refuses these
    const ns = d.metadata.namespace;
    const claimed = await claim(term, 'replicasets', d, reqs, this.replicasets!.byIndex('namespace', ns));
    if (claimed.errors.length > 0) throw claimed.errors[0];
    const now = term.ctx.now();
    // Decisions from a cache that does not show our own last writes could repeat them.
    if (term.writes.pending(key, (k) => this.replicasets!.getByKey(k), now)) {
      term.queue.addAfter(key, 1000); // its watch event normally queues it sooner
      return;
    }
    const views = claimed.owned.map((rs) => this.view(d, rs, now));
    const s: Sync = { term, key, d, views, oldViews: views, work: structuredClone(d.status ?? {}), now };
    await this.findNewAndSyncRevision(s);
    if (d.metadata.deletionTimestamp) return this.syncStatus(s);
    this.checkPausedConditions(s);
    if (d.spec?.paused || this.isScalingEvent(s)) return this.sync(s);
    if (d.spec?.strategy?.type === 'Recreate') return this.rolloutRecreate(s);
    return this.rolloutRolling(s);
  }

  private view(d: Obj, rs: Obj, now: number): RsView {
    const pods = this.pods!.byIndex('controller', rs.metadata.uid);
    const active = pods.filter(isPodActive);
    const minReady = d.spec?.minReadySeconds ?? 0;
    return {
      rs,
      active,
      present: pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed'),
      available: active.filter((p) => isPodAvailable(p, minReady, now)).length,
    };
  }

  private allSettled(s: Sync): boolean {
    return s.views.every(settled);
  }

  // ---- the new ReplicaSet -----------------------------------------------------------------

  /**
   * Finds the ReplicaSet whose template is the deployment's; gives it the next revision if an
   * older one (a rollback), the deployment's annotations and minReadySeconds.
   */
  private async findNewAndSyncRevision(s: Sync): Promise<void> {
    const { d } = s;
    const rs = findNewReplicaSet(d, s.views.map((v) => v.rs));
    const nv = s.views.find((v) => v.rs === rs);
    s.newView = nv;
    s.oldViews = s.views.filter((v) => v !== nv);
    if (!nv) return;
    const copy = structuredClone(nv.rs);
    let changed = setNewReplicaSetAnnotations(d, copy, maxRevision(s.oldViews.map((v) => v.rs)) + 1, true);
    if ((copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
      copy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
      changed = true;
    }
    if (changed) nv.rs = await this.writeRs(s, copy);
    if (hasProgressDeadline(d) && !conditionOf(s.work, 'Progressing')) {
      setCondition(s.work, condition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${nv.rs.metadata.name}"`, nowStamp(s.term.ctx)));
    }
  }

  /** Creates the new ReplicaSet (sized within the surge); false when it cannot be made now. */
  private async createNewReplicaSet(s: Sync): Promise<boolean> {
    const { d, term } = s;
    const { ctx } = term;
    const ns = d.metadata.namespace;
    const collisions = d.status?.collisionCount ?? 0;
    const hash = templateHash(d.spec.template, collisions);
    const template = structuredClone(d.spec.template ?? {});
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [HASH_LABEL]: hash } };
    const selector = structuredClone(d.spec.selector);
    selector.matchLabels = { ...selector.matchLabels, [HASH_LABEL]: hash };
    const rs: Obj = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `${d.metadata.name}-${hash}`, namespace: ns, labels: { ...template.metadata.labels }, ownerReferences: [ownerRefTo(d)] },
      spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    };
    const replicas = this.newReplicas(s, { rs, active: [], present: [], available: 0 });
    rs.spec.replicas = replicas;
    setNewReplicaSetAnnotations(d, rs, maxRevision(s.oldViews.map((v) => v.rs)) + 1, false);
    checkTerm(term);
    let created: Obj;
    try {
      created = await ctx.client.create('replicasets', ns, rs);
    } catch (err) {
      if (reasonOf(err) === 'AlreadyExists') {
        const other = this.replicasets!.get(ns, rs.metadata.name);
        // Ours after all (the cache was behind), or not seen yet: look again when it shows.
        if (!other || (controllerRefOf(other)?.uid === d.metadata.uid && equalIgnoreHash(other.spec?.template, d.spec.template))) return false;
        // Someone else's object has the name: hash again with a higher collision count.
        s.work.collisionCount = collisions + 1;
        await this.writeStatus(s, { ...this.calculateStatus(s), collisionCount: collisions + 1 });
        throw err;
      }
      if (reasonOf(err) !== 'Fenced') {
        const msg = `Failed to create new replica set "${rs.metadata.name}": ${errMessage(err)}`;
        ctx.events.record(d, 'Warning', 'FailedCreate', msg);
        if (hasProgressDeadline(d)) {
          setCondition(s.work, condition('Progressing', 'False', 'ReplicaSetCreateError', msg, nowStamp(ctx)));
          await this.writeStatus(s, this.calculateStatus(s)).catch(() => undefined);
        }
      }
      throw err;
    }
    term.writes.note(keyOf(created), created.metadata.resourceVersion, s.key, ctx.now());
    if (replicas > 0) ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} to ${replicas}`);
    if (hasProgressDeadline(d)) setCondition(s.work, condition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`, nowStamp(ctx)));
    const nv: RsView = { rs: created, active: [], present: [], available: 0 };
    s.views = [...s.views, nv];
    s.newView = nv;
    return true;
  }

  /** What the new ReplicaSet may grow to now. */
  private newReplicas(s: Sync, nv: RsView): number {
    const replicas = s.d.spec.replicas ?? 1;
    if (!isRollingUpdate(s.d)) return replicas;
    const others = s.views.filter((v) => v !== nv);
    const current = sum(others, bound) + bound(nv);
    const maxTotal = replicas + maxSurge(s.d);
    if (current >= maxTotal) return spec(nv);
    return spec(nv) + Math.max(0, Math.min(maxTotal - current, replicas - spec(nv)));
  }

  // ---- writes -----------------------------------------------------------------------------

  private async writeRs(s: Sync, rs: Obj): Promise<Obj> {
    checkTerm(s.term);
    const updated = await s.term.ctx.client.update('replicasets', rs.metadata.namespace, rs);
    s.term.writes.note(keyOf(updated), updated.metadata.resourceVersion, s.key, s.term.ctx.now());
    return updated;
  }

  /** Sets a ReplicaSet's size (and replicas annotations); true when the size changed. */
  private async scaleRs(s: Sync, v: RsView, size: number): Promise<boolean> {
    const replicas = s.d.spec.replicas ?? 1;
    const max = replicas + maxSurge(s.d);
    const from = spec(v);
    const resize = from !== size;
    if (!resize && !replicasAnnotationsNeedUpdate(v.rs, replicas, max)) return false;
    const copy = structuredClone(v.rs);
    copy.spec.replicas = size;
    setReplicasAnnotations(copy, replicas, max);
    v.rs = await this.writeRs(s, copy);
    if (resize) s.term.ctx.events.record(s.d, 'Normal', 'ScalingReplicaSet', `Scaled ${size > from ? 'up' : 'down'} replica set ${v.rs.metadata.name} to ${size}`);
    return resize;
  }

  // ---- paused and scaling -----------------------------------------------------------------

  private checkPausedConditions(s: Sync): void {
    if (!hasProgressDeadline(s.d)) return;
    const cond = conditionOf(s.work, 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') return;
    const pausedNoted = cond?.reason === 'DeploymentPaused';
    const at = nowStamp(s.term.ctx);
    if (s.d.spec.paused && !pausedNoted) setCondition(s.work, condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', at));
    else if (!s.d.spec.paused && pausedNoted) setCondition(s.work, condition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', at));
  }

  /** A ReplicaSet with pods was last sized for another spec.replicas. */
  private isScalingEvent(s: Sync): boolean {
    const replicas = s.d.spec.replicas ?? 1;
    return s.views.some((v) => {
      if (spec(v) === 0) return false;
      const desired = desiredReplicasOf(v.rs);
      return desired !== undefined && desired !== replicas;
    });
  }

  /** Paused, or spec.replicas changed: resize only, no rollout step. */
  private async sync(s: Sync): Promise<void> {
    if (this.allSettled(s)) await this.scale(s);
    if (s.d.spec.paused) await this.cleanup(s);
    await this.syncStatus(s);
  }

  private activeOrLatest(s: Sync): RsView | undefined {
    const old = [...s.oldViews].sort((a, b) => byCreation(b.rs, a.rs));
    if (!s.newView && old.length === 0) return undefined;
    const active = [...old, ...(s.newView ? [s.newView] : [])].filter((v) => spec(v) > 0);
    if (active.length === 0) return s.newView ?? old[0];
    return active.length === 1 ? active[0] : undefined;
  }

  private async scale(s: Sync): Promise<void> {
    const { d } = s;
    const replicas = d.spec.replicas ?? 1;
    const only = this.activeOrLatest(s);
    if (only) {
      if (spec(only) !== replicas) await this.scaleRs(s, only, replicas);
      return;
    }
    const nv = s.newView;
    if (nv && desiredReplicasOf(nv.rs) === replicas && spec(nv) === replicas && nv.available >= replicas) {
      // The new one is saturated: the old ones go.
      for (const v of s.oldViews) if (spec(v) > 0) await this.scaleRs(s, v, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const active = s.views.filter((v) => spec(v) > 0);
    const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
    let toAdd = allowed - sum(active, spec);
    if (toAdd > 0) {
      // Grow only into room that pods still being removed have left.
      toAdd = Math.min(toAdd, allowed - sum(s.views, bound));
      if (toAdd <= 0) return;
    }
    const bySize = (older: boolean) => (a: RsView, b: RsView) => spec(b) - spec(a) || (older ? byCreation(a.rs, b.rs) : byCreation(b.rs, a.rs));
    active.sort(bySize(toAdd < 0));
    const sizes = new Map<RsView, number>();
    let added = 0;
    for (const v of active) {
      const p = toAdd !== 0 ? proportion(v.rs, d, toAdd, added) : 0;
      sizes.set(v, spec(v) + p);
      added += p;
    }
    if (toAdd !== 0 && active.length > 0) sizes.set(active[0], Math.max(0, sizes.get(active[0])! + toAdd - added));
    for (const v of active) await this.scaleRs(s, v, sizes.get(v)!);
  }

  // ---- rolling update ---------------------------------------------------------------------

  private async rolloutRolling(s: Sync): Promise<void> {
    if (!this.allSettled(s)) return this.syncRolloutStatus(s);
    if (!s.newView && !(await this.createNewReplicaSet(s))) return this.syncRolloutStatus(s);
    if (s.newView && !settled(s.newView)) return this.syncRolloutStatus(s);
    if (await this.reconcileNew(s)) return this.syncRolloutStatus(s);
    if (await this.reconcileOld(s)) return this.syncRolloutStatus(s);
    if (deploymentComplete(s.d, s.d.status ?? {})) await this.cleanup(s);
    return this.syncRolloutStatus(s);
  }

  private async reconcileNew(s: Sync): Promise<boolean> {
    const nv = s.newView!;
    const replicas = s.d.spec.replicas ?? 1;
    if (spec(nv) === replicas) return false;
    if (spec(nv) > replicas) return this.scaleRs(s, nv, replicas);
    return this.scaleRs(s, nv, this.newReplicas(s, nv));
  }

  private async reconcileOld(s: Sync): Promise<boolean> {
    const { d } = s;
    const nv = s.newView!;
    const old = s.oldViews.filter((v) => spec(v) > 0).sort((a, b) => byCreation(a.rs, b.rs));
    if (old.length === 0) return false;
    const minAvailable = (d.spec.replicas ?? 1) - maxUnavailable(d);
    const newUnavailable = spec(nv) - kept(nv);
    // Unhealthy old pods go first, but not below what could still become available.
    const maxScaledDown = sum(s.views, spec) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    let cleaned = 0;
    for (const v of old) {
      if (cleaned >= maxScaledDown) break;
      const unhealthy = spec(v) - kept(v);
      if (unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown - cleaned, unhealthy);
      await this.scaleRs(s, v, spec(v) - down);
      cleaned += down;
    }
    // Then available ones, as far as the minimum allows.
    let budget = sum(s.views, kept) - minAvailable;
    let scaled = 0;
    for (const v of old) {
      if (budget <= 0) break;
      if (spec(v) === 0) continue;
      const free = Math.max(0, spec(v) - v.available);
      const k = Math.min(spec(v), free + budget);
      if (k <= 0) continue;
      await this.scaleRs(s, v, spec(v) - k);
      budget -= Math.max(0, k - free);
      scaled += k;
    }
    return cleaned + scaled > 0;
  }

  // ---- recreate ---------------------------------------------------------------------------

  private async rolloutRecreate(s: Sync): Promise<void> {
    const settledAll = this.allSettled(s);
    const activeOld = s.oldViews.filter((v) => spec(v) > 0);
    if (activeOld.length > 0) {
      if (settledAll) for (const v of activeOld) await this.scaleRs(s, v, 0);
      return this.syncRolloutStatus(s);
    }
    // Not one old pod may remain, terminating ones included.
    if (s.oldViews.some((v) => !settled(v) || (v.rs.status?.replicas ?? 0) > 0 || v.present.length > 0)) return this.syncRolloutStatus(s);
    if (!settledAll) return this.syncRolloutStatus(s);
    if (!s.newView) {
      await this.createNewReplicaSet(s);
      return this.syncRolloutStatus(s);
    }
    const replicas = s.d.spec.replicas ?? 1;
    if (spec(s.newView) !== replicas) await this.scaleRs(s, s.newView, replicas);
    if (deploymentComplete(s.d, s.d.status ?? {})) await this.cleanup(s);
    return this.syncRolloutStatus(s);
  }

  // ---- history ----------------------------------------------------------------------------

  /** Deletes the oldest ReplicaSets beyond revisionHistoryLimit that have nothing left. */
  private async cleanup(s: Sync): Promise<void> {
    const limit = s.d.spec.revisionHistoryLimit;
    if (typeof limit !== 'number') return;
    const cleanable = s.oldViews.filter((v) => !v.rs.metadata.deletionTimestamp).sort((a, b) => byRevision(a.rs, b.rs));
    const diff = cleanable.length - limit;
    for (let i = 0; i < diff; i++) {
      const v = cleanable[i];
      const rs = v.rs;
      if ((rs.status?.replicas ?? 0) !== 0 || spec(v) !== 0 || !settled(v) || v.active.length > 0) continue;
      checkTerm(s.term);
      try {
        await s.term.ctx.client.delete('replicasets', rs.metadata.namespace, rs.metadata.name, { preconditionUid: rs.metadata.uid });
      } catch (err) {
        if (reasonOf(err) !== 'NotFound') throw err;
      }
    }
  }

  // ---- status -----------------------------------------------------------------------------

  private calculateStatus(s: Sync): Obj {
    const { d, views } = s;
    const replicas = d.spec.replicas ?? 1;
    const available = sum(views, (v) => v.rs.status?.availableReplicas ?? 0);
    const st: Obj = {
      ...structuredClone(s.work),
      observedGeneration: d.metadata.generation ?? 0,
      replicas: sum(views, (v) => v.rs.status?.replicas ?? 0),
      updatedReplicas: s.newView?.rs.status?.replicas ?? 0,
      readyReplicas: sum(views, (v) => v.rs.status?.readyReplicas ?? 0),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, sum(views, spec) - available),
    };
    const at = nowStamp(s.term.ctx);
    if (available >= replicas - maxUnavailable(d)) setCondition(st, condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', at));
    else setCondition(st, condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', at));
    return st;
  }

  /** Status without judging progress (paused, scaling, being deleted). */
  private async syncStatus(s: Sync): Promise<void> {
    await this.writeStatus(s, this.calculateStatus(s));
  }

  /** Status with the Progressing condition judged against the deadline. */
  private async syncRolloutStatus(s: Sync): Promise<void> {
    const { d } = s;
    const st = this.calculateStatus(s);
    const deadline = hasProgressDeadline(d);
    if (!deadline) removeCondition(st, 'Progressing');
    const current = conditionOf(s.work, 'Progressing');
    const name = s.newView?.rs.metadata.name ?? '';
    const at = nowStamp(s.term.ctx);
    const complete = st.replicas === st.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
    if (deadline && !complete) {
      if (deploymentComplete(d, st)) {
        setCondition(st, condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`, at));
      } else if (deploymentProgressing(d.status ?? {}, st)) {
        // Progress moves lastUpdateTime even when the reason stays.
        const c = condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`, at);
        if (current?.status === 'True' && current.lastTransitionTime) c.lastTransitionTime = current.lastTransitionTime;
        removeCondition(st, 'Progressing');
        setCondition(st, c);
      } else if (deploymentTimedOut(d, st, s.now)) {
        setCondition(st, condition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`, at));
      }
    }
    const failure = s.views.map((v) => conditionOf(v.rs.status, 'ReplicaFailure')).find((c) => c?.status === 'True');
    if (failure) setCondition(st, { type: 'ReplicaFailure', status: 'True', reason: failure.reason, message: failure.message, lastUpdateTime: at, lastTransitionTime: failure.lastTransitionTime ?? at });
    else removeCondition(st, 'ReplicaFailure');
    await this.writeStatus(s, st);
    this.requeueStuck(s, st);
  }

  /** Looks again when the progress deadline would pass. */
  private requeueStuck(s: Sync, st: Obj): void {
    const c = conditionOf(st, 'Progressing');
    if (!hasProgressDeadline(s.d) || !c || deploymentComplete(s.d, st) || c.reason === 'ProgressDeadlineExceeded') return;
    const from = Date.parse(c.lastUpdateTime ?? '');
    if (!Number.isFinite(from)) return;
    const after = from + s.d.spec.progressDeadlineSeconds * 1000 - s.term.ctx.now();
    s.term.queue.addAfter(s.key, Math.max(after + 1000, 250));
  }

  private async writeStatus(s: Sync, st: Obj): Promise<void> {
    const { d, term } = s;
    if (!deepEqual(st, d.status ?? {})) {
      checkTerm(term);
      try {
        s.d = await term.ctx.client.update('deployments', d.metadata.namespace, { ...d, status: st }, { subresource: 'status' });
      } catch (err) {
        if (reasonOf(err) === 'NotFound') return;
        throw err;
      }
    }
    // The deployment carries its current revision too.
    const revision = s.newView ? revisionOf(s.newView.rs) : 0;
    if (revision > 0 && d.metadata.annotations?.[REVISION_ANNOTATION] !== String(revision)) {
      checkTerm(term);
      await term.ctx.client.patch('deployments', d.metadata.namespace, d.metadata.name, { metadata: { annotations: { [REVISION_ANNOTATION]: String(revision) } } }).catch((err) => {
        if (reasonOf(err) !== 'NotFound') throw err;
      });
    }
  }
}
