// Namespace deletion. A deleted namespace is Terminating (deletionTimestamp set, its
// spec.finalizers still holding 'kubernetes'); this controller deletes every namespaced object
// in it, waits until none is left (pods on nodes go when their agents confirm, or when the
// node lifecycle controller gives up on their node), checks the API itself rather than only
// its caches, and then removes 'kubernetes' from spec.finalizers, upon which the API removes
// the namespace.
//
// While it waits it writes Kubernetes' status conditions (NamespaceContentRemaining,
// NamespaceDeletionContentFailure, ...); `writeConditions: false` turns that off.
import type { Obj } from '../client/resource-client.ts';
import { reasonOf } from '../client/resource-client.ts';
import { timestamp } from '../api/codec.ts';
import { KINDS } from '../api/kinds.ts';
import type { Informer } from '../informer/informer.ts';
import { deepEqual } from '../validation/common.ts';
import { QueueController, setCondition, type ConditionLike } from './queue-controller.ts';

export const NAMESPACED_RESOURCES: string[] = KINDS.filter((k) => k.namespaced).map((k) => k.resource);
export const NAMESPACE_RESOURCES: string[] = ['namespaces', ...NAMESPACED_RESOURCES];

const FINALIZER = 'kubernetes';
/** While content remains, look again at least this often (deletions also wake it). */
const RECHECK_MS = 1000;

export interface NamespaceControllerOptions {
  /** Write status conditions while waiting (default true). */
  writeConditions?: boolean;
}

export class NamespaceController extends QueueController {
  readonly name = 'namespace-controller';
  private namespaces!: Informer;
  private informers = new Map<string, Informer>();

  constructor(private readonly opts: NamespaceControllerOptions = {}) {
    super();
  }

  protected setup(): void {
    this.namespaces = this.watch('namespaces', {
      add: (ns) => this.nsChanged(ns),
      update: (_old, ns) => this.nsChanged(ns),
    });
    this.informers = new Map();
    for (const resource of NAMESPACED_RESOURCES) {
      const wake = (o: Obj) => {
        const ns = this.namespaces.get('', o.metadata?.namespace ?? '');
        if (ns?.metadata?.deletionTimestamp) this.queue.add(ns.metadata.name);
      };
      this.informers.set(resource, this.watch(resource, { add: wake, delete: wake }));
    }
  }

  private nsChanged(ns: Obj): void {
    if (ns.metadata?.deletionTimestamp) this.queue.add(ns.metadata.name);
  }

  protected async reconcile(name: string): Promise<void> {
    const ns = this.namespaces.get('', name);
    if (!ns?.metadata?.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER)) return;

    const remaining: Record<string, number> = {};
    const failures: string[] = [];
    for (const [resource, inf] of this.informers) {
      const items = inf.byIndex('namespace', name);
      if (items.length > 0) remaining[resource] = items.length;
      for (const o of items) {
        if (o.metadata.deletionTimestamp) continue;
        try {
          await this.client.delete(resource, name, o.metadata.name, { preconditionUid: o.metadata.uid });
        } catch (err) {
          const r = reasonOf(err);
          if (r === 'Fenced' || r === 'Stopped') throw err;
          // NotFound: gone already; Conflict: a new object of the same name, seen next time.
          if (r !== 'NotFound' && r !== 'Conflict') failures.push(`${resource} "${o.metadata.name}": ${(err as Error).message}`);
        }
      }
    }
    if (Object.keys(remaining).length > 0) {
      await this.report(ns, remaining, failures);
      this.queue.addAfter(name, RECHECK_MS);
      return;
    }
    // The caches say empty; an object created just before the namespace began terminating may
    // not have reached them yet. Ask the API.
    for (const resource of NAMESPACED_RESOURCES) {
      const page = await this.client.list(resource, name, { limit: 1 });
      if (page.items.length > 0) {
        this.queue.addAfter(name, 100);
        return;
      }
    }
    const fresh = structuredClone(ns);
    fresh.spec = { ...fresh.spec, finalizers: (ns.spec?.finalizers ?? []).filter((f: string) => f !== FINALIZER) };
    await this.client.update('namespaces', '', fresh);
    this.log.info({ event: 'namespace-emptied', namespace: name }, 'namespace content deleted; finalizer removed');
  }

  /** Kubernetes' conditions of a terminating namespace. */
  private async report(ns: Obj, remaining: Record<string, number>, failures: string[]): Promise<void> {
    if (this.opts.writeConditions === false) return;
    const at = timestamp(this.ctx.now());
    const left = Object.entries(remaining)
      .map(([r, n]) => `${r} has ${n} resource instances`)
      .join(', ');
    let conditions: ConditionLike[] = ns.status?.conditions ?? [];
    conditions = setCondition(conditions, { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${left}` }, at);
    conditions = setCondition(
      conditions,
      failures.length > 0
        ? { type: 'NamespaceDeletionContentFailure', status: 'True', reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${failures.length} remaining: ${failures.join('; ')}` }
        : { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
      at,
    );
    if (deepEqual(conditions, ns.status?.conditions ?? [])) return;
    await this.client.update('namespaces', '', { ...ns, status: { ...ns.status, conditions } }, { subresource: 'status' });
  }
}
