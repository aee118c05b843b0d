// The replica manager that ReplicaSet and ReplicationController share: keep spec.replicas
// pods of the template alive, owned through a controlling ownerReference. Pods are created in
// slow-start batches (1, 2, 4, ...) up to a burst per reconcile, surplus pods deleted in the
// order Kubernetes uses (unscheduled, pending, not ready first), orphans that match adopted and
// owned pods that stopped matching released. Expectations hold back a second count until the
// informer has seen this reconcile's creations and deletions, so a slow watch never leads to
// creating twice; status (replicas, fullyLabeled, ready, available, observedGeneration) is
// written through the status subresource only from such a settled count.
import type { Obj } from '../client/resource-client.ts';
import { reasonOf } from '../client/resource-client.ts';
import { keyOf, type Informer } from '../informer/informer.ts';
import type { SharedInformers } from '../informer/shared-informers.ts';
import type { Requirement } from '../labels.ts';
import { deepEqual } from '../api/merge-patch.ts';
import {
  BURST_REPLICAS,
  checkTerm,
  claim,
  controllerRefOf,
  errMessage,
  isPodActive,
  isPodAvailable,
  isPodReady,
  msUntilAvailable,
  nowStamp,
  ownerRefTo,
  podsToDelete,
  ReconcileLoop,
  removeCondition,
  selects,
  setCondition,
  slowStartBatch,
  TrackedExpectations,
  type Term,
} from './workload-common.ts';

/** What differs between the kinds a replica manager can run. */
export interface ReplicaKind {
  resource: string;
  kind: string;
  apiVersion: string;
  /** The owner's selector as requirements; undefined matches nothing. */
  selector(owner: Obj): Requirement[] | undefined;
}

export interface ReplicaManagerOptions {
  workers?: number;
  /** Most pods created or deleted per reconcile (Kubernetes: 500). */
  burstReplicas?: number;
  /** An expectation never met lapses after this long (Kubernetes: 5 min). */
  expectationsTtlMs?: number;
}

/** While expectations are pending, the key is looked at again this often (a lapse has no event). */
const EXPECTATIONS_RECHECK_MS = 1000;

interface ReplicaTerm extends Term {
  exp: TrackedExpectations;
}

export class ReplicaManager extends ReconcileLoop<ReplicaTerm> {
  private owners?: Informer;
  private pods?: Informer;
  private readonly burst: number;
  private readonly ttlMs: number;

  constructor(
    readonly name: string,
    private readonly k: ReplicaKind,
    opts: ReplicaManagerOptions = {},
  ) {
    super(opts.workers ?? 4);
    this.burst = opts.burstReplicas ?? BURST_REPLICAS;
    this.ttlMs = opts.expectationsTtlMs ?? 30_000;
  }

  protected newTerm(base: Term): ReplicaTerm {
    return { ...base, exp: new TrackedExpectations(this.ttlMs, base.ctx.now) };
  }

  protected wire(informers: SharedInformers): void {
    this.pods = informers.get('pods');
    this.owners = this.on(informers, this.k.resource, {
      add: (o) => this.enqueue(keyOf(o)),
      update: (_old, o) => this.enqueue(keyOf(o)),
      delete: (o) => {
        this.term?.exp.forget(keyOf(o));
        this.enqueue(keyOf(o));
      },
    });
    this.on(informers, 'pods', {
      add: (pod) => this.podAdded(pod),
      update: (old, pod) => this.podUpdated(old, pod),
      delete: (pod) => this.podDeleted(pod),
    });
  }

  // ---- event handlers ---------------------------------------------------------------------

  /** The owner a controller reference names, if it is ours and still the same object. */
  private ownerOf(pod: Obj, ref: Obj | undefined = controllerRefOf(pod)): Obj | undefined {
    if (!ref || ref.kind !== this.k.kind || !this.owners) return undefined;
    const owner = this.owners.get(pod.metadata.namespace, ref.name);
    return owner && owner.metadata.uid === ref.uid ? owner : undefined;
  }

  private enqueueSelecting(pod: Obj): void {
    if (!this.owners) return;
    for (const o of this.owners.byIndex('namespace', pod.metadata.namespace ?? '')) {
      if (selects(this.k.selector(o), pod)) this.enqueue(keyOf(o));
    }
  }

  private podAdded(pod: Obj): void {
    const owner = this.ownerOf(pod);
    if (owner) {
      const key = keyOf(owner);
      if (pod.metadata.deletionTimestamp) this.term?.exp.deletionObserved(key, pod.metadata.uid);
      else this.term?.exp.creationObserved(key);
      this.enqueue(key);
      return;
    }
    if (!controllerRefOf(pod)) this.enqueueSelecting(pod);
  }

  private podUpdated(old: Obj, pod: Obj): void {
    const oldRef = controllerRefOf(old);
    const ref = controllerRefOf(pod);
    const refChanged = oldRef?.uid !== ref?.uid;
    const owner = this.ownerOf(pod, ref);
    if (owner) {
      const key = keyOf(owner);
      if (pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) this.term?.exp.deletionObserved(key, pod.metadata.uid);
      this.enqueue(key);
    }
    if (refChanged) {
      const before = this.ownerOf(old, oldRef);
      if (before) this.enqueue(keyOf(before));
    }
    if (!ref && (refChanged || !deepEqual(old.metadata.labels ?? {}, pod.metadata.labels ?? {}))) this.enqueueSelecting(pod);
  }

  private podDeleted(pod: Obj): void {
    const owner = this.ownerOf(pod);
    if (!owner) return;
    const key = keyOf(owner);
    this.term?.exp.deletionObserved(key, pod.metadata.uid);
    this.enqueue(key);
  }

  // ---- reconcile --------------------------------------------------------------------------

  protected async reconcile(term: ReplicaTerm, key: string): Promise<void> {
    const owner = this.owners?.getByKey(key);
    if (!owner) {
      term.exp.forget(key);
      return;
    }
    // Until this reconcile's earlier creations and deletions are seen, the cache undercounts
    // or overcounts: neither act nor report.
    if (!term.exp.satisfied(key)) {
      term.queue.addAfter(key, EXPECTATIONS_RECHECK_MS);
      return;
    }
    const ns = owner.metadata.namespace;
    const reqs = this.k.selector(owner);
    const candidates = this.pods!.byIndex('namespace', ns).filter(isPodActive);
    const claimed = await claim(term, 'pods', owner, reqs, candidates);
    const pods = claimed.owned;
    let manageErr: unknown;
    if (!owner.metadata.deletionTimestamp && claimed.errors.length === 0) manageErr = await this.manage(term, key, owner, pods);
    await this.writeStatus(term, owner, pods, manageErr);
    const minReady = owner.spec?.minReadySeconds ?? 0;
    if (minReady > 0) {
      const now = term.ctx.now();
      const waits = pods.map((p) => msUntilAvailable(p, minReady, now)).filter((ms): ms is number => ms !== undefined && ms > 0);
      if (waits.length > 0) term.queue.addAfter(key, Math.min(...waits) + 50);
    }
    if (claimed.errors.length > 0) throw claimed.errors[0];
    if (manageErr !== undefined) throw manageErr;
  }

  /** Creates or deletes pods toward spec.replicas; returns the first error. */
  private async manage(term: ReplicaTerm, key: string, owner: Obj, pods: Obj[]): Promise<unknown> {
    const want = owner.spec?.replicas ?? 1;
    const diff = pods.length - want;
    const { ctx } = term;
    if (diff < 0) {
      const n = Math.min(-diff, this.burst);
      term.exp.expectCreations(key, n);
      const { ok, err } = await slowStartBatch(n, () => this.createPod(term, owner));
      if (ok < n) term.exp.creationObserved(key, n - ok);
      return err;
    }
    if (diff > 0) {
      const n = Math.min(diff, this.burst);
      const victims = podsToDelete(pods, this.family(owner, pods), n);
      term.exp.expectDeletions(
        key,
        victims.map((p) => p.metadata.uid),
      );
      let first: unknown;
      await Promise.all(
        victims.map(async (p) => {
          try {
            checkTerm(term);
            await ctx.client.delete('pods', p.metadata.namespace, p.metadata.name, { preconditionUid: p.metadata.uid });
            ctx.events.record(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
          } catch (err) {
            // Never to be seen deleted by this reconcile's doing: stop waiting for it.
            term.exp.deletionObserved(key, p.metadata.uid);
            if (reasonOf(err) === 'NotFound') return;
            if (reasonOf(err) !== 'Fenced') ctx.events.record(owner, 'Warning', 'FailedDelete', `Error deleting: ${errMessage(err)}`);
            first ??= err;
          }
        }),
      );
      return first;
    }
    return undefined;
  }

  private async createPod(term: ReplicaTerm, owner: Obj): Promise<void> {
    checkTerm(term);
    const t = owner.spec?.template ?? {};
    const tm = t.metadata ?? {};
    const pod: Obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${owner.metadata.name}-`,
        namespace: owner.metadata.namespace,
        labels: { ...(tm.labels ?? {}) },
        ownerReferences: [ownerRefTo(owner)],
      },
      spec: structuredClone(t.spec ?? {}),
    };
    if (tm.annotations) pod.metadata.annotations = { ...tm.annotations };
    if (tm.finalizers) pod.metadata.finalizers = [...tm.finalizers];
    try {
      const created = await term.ctx.client.create('pods', owner.metadata.namespace, pod);
      term.ctx.events.record(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (err) {
      if (reasonOf(err) !== 'Fenced') term.ctx.events.record(owner, 'Warning', 'FailedCreate', `Error creating: ${errMessage(err)}`);
      throw err;
    }
  }

  /**
   * Pods of the owner's family (a ReplicaSet's siblings under the same Deployment), used to
   * delete first where the family is doubled up on a node.
   */
  private family(owner: Obj, own: Obj[]): Obj[] {
    const parent = controllerRefOf(owner);
    if (!parent || this.k.resource !== 'replicasets' || !this.owners || !this.pods) return own;
    const out = [...own];
    for (const rs of this.owners.byIndex('controller', parent.uid)) {
      if (rs.metadata.uid === owner.metadata.uid) continue;
      out.push(...this.pods.byIndex('controller', rs.metadata.uid).filter(isPodActive));
    }
    return out;
  }

  private async writeStatus(term: ReplicaTerm, owner: Obj, pods: Obj[], manageErr: unknown): Promise<void> {
    const now = term.ctx.now();
    const minReady = owner.spec?.minReadySeconds ?? 0;
    const templateLabels: Record<string, string> = owner.spec?.template?.metadata?.labels ?? {};
    const fullyLabeled = pods.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length;
    const old = owner.status ?? {};
    const status: Obj = {
      ...old,
      replicas: pods.length,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: pods.filter(isPodReady).length,
      availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, now)).length,
      observedGeneration: owner.metadata.generation ?? 0,
    };
    if (old.conditions) status.conditions = [...old.conditions];
    if (manageErr !== undefined && reasonOf(manageErr) !== 'Fenced') {
      const diff = pods.length - (owner.spec?.replicas ?? 1);
      setCondition(status, { type: 'ReplicaFailure', status: 'True', reason: diff < 0 ? 'FailedCreate' : 'FailedDelete', message: errMessage(manageErr), lastTransitionTime: nowStamp(term.ctx) });
    } else if (manageErr === undefined) {
      removeCondition(status, 'ReplicaFailure');
    }
    if (deepEqual(status, owner.status ?? {})) return;
    checkTerm(term);
    try {
      await term.ctx.client.update(this.k.resource, owner.metadata.namespace, { ...owner, status }, { subresource: 'status' });
    } catch (err) {
      // A newer version is on its way through the informer; it queues the key again.
      if (reasonOf(err) === 'NotFound') return;
      throw err;
    }
  }
}
