// Garbage collection by ownerReferences, across every kind the API serves.
//
// An object whose owners are all gone (no object has the referenced uid) is deleted in the
// background. An owner deleted with propagationPolicy Foreground carries the
// 'foregroundDeletion' finalizer: its dependents are deleted, and the finalizer is removed
// once no dependent that says blockOwnerDeletion is left. An owner deleted with Orphan carries
// 'orphan': the references to it are removed from its dependents, then the finalizer. When
// the last finalizer goes, the API removes the object.
//
// Owners are found through a uid index kept across all informers. An owner missing from the
// caches is looked up in the API before anything is deleted (a dependent's informer may hear
// of it before the owner's informer hears of the owner), and a reference to a kind this
// collector does not know is treated as a live owner: never delete on doubt.
import type { Obj } from '../client/resource-client.ts';
import { isNotFound } from '../client/resource-client.ts';
import { KINDS, kindOf } from '../api/kinds.ts';
import { keyOf, type Informer } from '../informer/informer.ts';
import { ignoreNotFound, QueueController, resourceKey, splitResourceKey } from './queue-controller.ts';

export const GC_RESOURCES: string[] = KINDS.map((k) => k.resource);

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';
/** A foreground owner whose blocking dependents linger is looked at again this often anyway. */
const FOREGROUND_RECHECK_MS = 5000;

type OwnerState = 'solid' | 'dangling' | 'waiting';

const refsOf = (o: Obj): Obj[] => o.metadata?.ownerReferences ?? [];
const finalizersOf = (o: Obj): string[] => o.metadata?.finalizers ?? [];
const deleting = (o: Obj): boolean => !!o.metadata?.deletionTimestamp;
const waitsForDependents = (o: Obj): boolean => deleting(o) && finalizersOf(o).includes(FOREGROUND);
const hasGcFinalizer = (o: Obj): boolean => finalizersOf(o).some((f) => f === ORPHAN || f === FOREGROUND);
const sameRefs = (a: Obj, b: Obj): boolean => JSON.stringify(refsOf(a)) === JSON.stringify(refsOf(b));

export class GarbageCollector extends QueueController {
  readonly name = 'garbage-collector';
  protected override workers = 4;
  private informers = new Map<string, Informer>();
  /** uid -> where the object with that uid is cached. */
  private byUid = new Map<string, { resource: string; key: string }>();

  protected setup(): void {
    this.informers = new Map();
    this.byUid = new Map();
    for (const resource of GC_RESOURCES) {
      const inf = this.watch(resource, {
        add: (o) => this.observe(resource, undefined, o),
        update: (old, o) => this.observe(resource, old, o),
        delete: (o) => this.forget(resource, o),
      });
      this.informers.set(resource, inf);
    }
  }

  protected override teardown(): void {
    this.byUid.clear();
  }

  // ---- event handling -----------------------------------------------------------------------

  private enqueue(resource: string, o: Obj): void {
    this.queue.add(resourceKey(resource, keyOf(o)));
  }

  private observe(resource: string, old: Obj | undefined, o: Obj): void {
    const uid = o.metadata?.uid;
    if (uid) this.byUid.set(uid, { resource, key: keyOf(o) });
    // Its owners need checking: it is new, or its references changed.
    if (refsOf(o).length > 0 && (!old || !sameRefs(old, o))) this.enqueue(resource, o);
    // Its finalizers are ours to run.
    if (deleting(o) && hasGcFinalizer(o)) this.enqueue(resource, o);
    // It just started waiting for its dependents: they are to be deleted.
    if (waitsForDependents(o) && !(old && waitsForDependents(old))) this.enqueueDependents(uid);
    // A reference dropped from a dependent may be what an owner in deletion waits for.
    if (old) for (const r of refsOf(old)) if (!refsOf(o).some((x) => x.uid === r.uid)) this.enqueueOwnerInDeletion(r.uid);
  }

  private forget(resource: string, o: Obj): void {
    const uid = o.metadata?.uid;
    if (uid && this.byUid.get(uid)?.key === keyOf(o) && this.byUid.get(uid)?.resource === resource) this.byUid.delete(uid);
    this.enqueueDependents(uid);
    for (const r of refsOf(o)) this.enqueueOwnerInDeletion(r.uid);
  }

  private enqueueDependents(uid: string | undefined): void {
    if (!uid) return;
    for (const [resource, inf] of this.informers) for (const d of inf.byIndex('owner', uid)) this.enqueue(resource, d);
  }

  private enqueueOwnerInDeletion(uid: string): void {
    const at = this.byUid.get(uid);
    if (!at) return;
    const owner = this.informers.get(at.resource)?.getByKey(at.key);
    if (owner && deleting(owner) && hasGcFinalizer(owner)) this.queue.add(resourceKey(at.resource, at.key));
  }

  private dependents(uid: string): { resource: string; obj: Obj }[] {
    const out: { resource: string; obj: Obj }[] = [];
    for (const [resource, inf] of this.informers) for (const obj of inf.byIndex('owner', uid)) out.push({ resource, obj });
    return out;
  }

  // ---- reconcile ----------------------------------------------------------------------------

  protected async reconcile(rk: string): Promise<void> {
    const { resource, key } = splitResourceKey(rk);
    const obj = this.informers.get(resource)?.getByKey(key);
    if (!obj) return;
    if (deleting(obj)) {
      if (hasGcFinalizer(obj)) await this.finalize(resource, obj);
      return;
    }
    if (refsOf(obj).length > 0) await this.checkOwners(resource, obj);
  }

  /** Deletes `obj` if none of its owners is left; drops references to owners that are gone. */
  private async checkOwners(resource: string, obj: Obj): Promise<void> {
    const refs = refsOf(obj);
    const states = new Map<string, OwnerState>();
    for (const r of refs) states.set(r.uid, await this.ownerState(obj, r));
    const solid = refs.filter((r) => states.get(r.uid) === 'solid');
    const waiting = refs.filter((r) => states.get(r.uid) === 'waiting');
    const m = obj.metadata;
    if (solid.length > 0) {
      // Still owned: just forget the owners that are gone or going.
      if (solid.length < refs.length) {
        await ignoreNotFound(this.client.patch(resource, m.namespace ?? '', m.name, { metadata: { resourceVersion: m.resourceVersion, ownerReferences: solid } }));
        this.log.debug({ event: 'gc-refs-dropped', resource, key: keyOf(obj), kept: solid.length }, 'dropped references to owners that are gone');
      }
      return;
    }
    // Every owner is gone, or waits for its dependents to go: this one goes. One that has
    // dependents of its own and an owner waiting on it is deleted in the foreground too, so
    // the wait covers the whole tree (as Kubernetes does).
    const hasOwnDependents = this.dependents(m.uid).length > 0;
    const policy = waiting.length > 0 && hasOwnDependents ? 'Foreground' : 'Background';
    await ignoreNotFound(this.client.delete(resource, m.namespace ?? '', m.name, { propagationPolicy: policy, preconditionUid: m.uid }));
    this.log.info({ event: 'gc-deleted', resource, key: keyOf(obj), policy, owners: refs.map((r) => `${r.kind}/${r.name}`) }, 'deleted an object whose owners are gone');
  }

  private async ownerState(dep: Obj, ref: Obj): Promise<OwnerState> {
    const stateOf = (o: Obj): OwnerState => (waitsForDependents(o) ? 'waiting' : 'solid');
    const at = this.byUid.get(ref.uid);
    const cached = at && this.informers.get(at.resource)?.getByKey(at.key);
    if (cached && cached.metadata.uid === ref.uid) return stateOf(cached);
    const spec = kindOf(ref.kind);
    if (!spec) return 'solid';
    const depNs = dep.metadata?.namespace ?? '';
    // A namespaced owner lives in its dependent's namespace; a cluster-scoped dependent cannot have one.
    if (spec.namespaced && !depNs) return 'dangling';
    try {
      const live = await this.client.get(spec.resource, spec.namespaced ? depNs : '', ref.name);
      return live.metadata?.uid === ref.uid ? stateOf(live) : 'dangling';
    } catch (err) {
      if (isNotFound(err)) return 'dangling';
      throw err;
    }
  }

  /** Runs the orphan and foregroundDeletion finalizers of an object being deleted. */
  private async finalize(resource: string, obj: Obj): Promise<void> {
    const m = obj.metadata;
    // A namespace whose content is still being removed (spec.finalizers) must outlive our
    // finalizers: the API would remove it as soon as its last metadata finalizer goes.
    if (resource === 'namespaces' && (obj.spec?.finalizers?.length ?? 0) > 0) return;
    const uid: string = m.uid;
    const fins = finalizersOf(obj);
    if (fins.includes(ORPHAN)) {
      for (const { resource: r, obj: d } of this.dependents(uid)) {
        const kept = refsOf(d).filter((x) => x.uid !== uid);
        await ignoreNotFound(this.client.patch(r, d.metadata.namespace ?? '', d.metadata.name, { metadata: { resourceVersion: d.metadata.resourceVersion, ownerReferences: kept.length > 0 ? kept : null } }));
      }
      await this.removeFinalizer(resource, obj, ORPHAN);
      this.log.info({ event: 'gc-orphaned', resource, key: keyOf(obj) }, 'dependents orphaned');
      return; // the update comes back through the informer if foregroundDeletion is there too
    }
    if (fins.includes(FOREGROUND)) {
      const deps = this.dependents(uid);
      // Dependents are deleted (or let go of this owner) by their own reconcile.
      for (const { resource: r, obj: d } of deps) this.enqueue(r, d);
      const blocking = deps.filter(({ obj: d }) => refsOf(d).some((x) => x.uid === uid && x.blockOwnerDeletion));
      if (blocking.length > 0) {
        this.queue.addAfter(resourceKey(resource, keyOf(obj)), FOREGROUND_RECHECK_MS);
        return;
      }
      await this.removeFinalizer(resource, obj, FOREGROUND);
      this.log.info({ event: 'gc-foreground-done', resource, key: keyOf(obj), nonBlocking: deps.length }, 'blocking dependents gone; owner released');
    }
  }

  private async removeFinalizer(resource: string, obj: Obj, finalizer: string): Promise<void> {
    const m = obj.metadata;
    const rest = finalizersOf(obj).filter((f) => f !== finalizer);
    await ignoreNotFound(this.client.patch(resource, m.namespace ?? '', m.name, { metadata: { resourceVersion: m.resourceVersion, finalizers: rest.length > 0 ? rest : null } }));
  }
}
