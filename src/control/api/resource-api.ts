// The resource API's semantics, independent of the wire: validation and defaulting before
// anything is written, every write a compare-and-swap on the key's mod revision (which is the
// object's resourceVersion), graceful deletion and finalizers, subresources. The gRPC service
// (resources-service.ts) is a thin shell over this; so can be in-process callers.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Compare, KvClient, TxnOp } from '../../store/client/kv-client.ts';
import type { DeleteOpts, Fence } from '../client/resource-client.ts';
import { kindRules } from '../validation/index.ts';
import { FieldErrors } from '../validation/field-errors.ts';
import { ApiError, invalid, type FieldError } from './api-errors.ts';
import { decodeObject, encodeObject, timestamp, type Obj } from './codec.ts';
import { findKind, objectKey, type KindSpec } from './kinds.ts';
import { fromKvError } from './kv-errors.ts';
import { applyMergePatch, createMergePatch, deepEqual } from './merge-patch.ts';
import { checkMetadata, generatedName } from './meta.ts';
import { checkShape, isObject } from './schema.ts';
import { scaleOf } from './scale.ts';

export interface ResourceApiOptions {
  kv: KvClient;
  logger: Logger;
  /** Objects larger than this (as stored JSON) are refused (Kubernetes: 1.5 MiB in etcd). */
  maxObjectBytes?: number;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
}

export interface WriteOptions {
  dryRun?: boolean;
  subresource?: string;
  fence?: Fence;
}

export type DeleteOptions = DeleteOpts;


export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

export const DEFAULT_MAX_OBJECT_BYTES = 1024 * 1024;
export const LAST_APPLIED_ANNOTATION = 'shoal.io/last-applied-configuration';
/** How often a write that lost a compare-and-swap race it did not ask for is retried. */
const MAX_CAS_RETRIES = 8;
const DEFAULT_GRACE_SECONDS = 30;

export class ResourceApi {
  readonly kv: KvClient;
  private readonly log: Logger;
  private readonly maxObjectBytes: number;
  private readonly now: () => number;

  constructor(opts: ResourceApiOptions) {
    this.kv = opts.kv;
    this.log = opts.logger.child({ component: 'resource-api' });
    this.maxObjectBytes = opts.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    this.now = opts.now ?? Date.now;
  }

  kind(resource: string): KindSpec {
    const spec = findKind(resource);
    if (!spec) throw new ApiError('NotFound', `the server doesn't have a resource type "${resource}"`);
    return spec;
  }

  /** The object's namespace as the request and the object agree on it. */
  namespaceOf(spec: KindSpec, requested: string, obj?: Obj): string {
    if (!spec.namespaced) return '';
    const own = obj?.metadata?.namespace;
    if (own && requested && own !== requested) {
      throw new ApiError('BadRequest', `the namespace of the object (${own}) does not match the namespace of the request (${requested})`);
    }
    return own || requested || 'default';
  }

  // ---- reads ------------------------------------------------------------------------------

  async get(resource: string, namespace: string, name: string, subresource = ''): Promise<Obj> {
    const spec = this.kind(resource);
    const ns = this.namespaceOf(spec, namespace);
    const { obj } = await this.read(spec, ns, name);
    if (!obj) throw notFound(spec, name);
    if (subresource === 'scale') return this.scaleView(spec, obj);
    if (subresource && subresource !== 'status') throw noSubresource(spec, subresource);
    return obj;
  }

  /** The stored object and its mod revision (0 and undefined when absent). */
  async read(spec: KindSpec, ns: string, name: string, serializable = false): Promise<{ obj?: Obj; mod: number }> {
    try {
      const r = await this.kv.range({ key: objectKey(spec, ns, name), serializable });
      const kv = r.kvs[0];
      return kv ? { obj: decodeObject(kv), mod: kv.modRevision } : { mod: 0 };
    } catch (err) {
      throw fromKvError(err);
    }
  }

  /**
   * The object a write is about to replace. Read from this member's own state first: the
   * write's compare-and-swap on the mod revision is what makes it safe, so a stale read costs
   * at most a Conflict, never a lost update. A linearizable read follows when the local view
   * cannot be the latest (missing object, a newer resourceVersion than ours, a retry).
   */
  private async current(spec: KindSpec, ns: string, name: string, expectRv = '', fresh = false): Promise<{ obj?: Obj; mod: number }> {
    if (!fresh) {
      const local = await this.read(spec, ns, name, true);
      if (local.obj && (!expectRv || expectRv === String(local.mod))) return local;
    }
    return this.read(spec, ns, name);
  }

  // ---- create -----------------------------------------------------------------------------

  async create(resource: string, namespace: string, input: unknown, opts: WriteOptions = {}): Promise<Obj> {
    const spec = this.kind(resource);
    if (opts.subresource === 'binding') return this.bind(spec, namespace, input, opts);
    if (opts.subresource) throw noSubresource(spec, opts.subresource);
    const obj = this.admit(spec, namespace, input);
    const meta = obj.metadata;
    if (!meta.name && typeof meta.generateName === 'string' && meta.generateName) meta.name = generatedName(meta.generateName);
    await this.checkNamespace(spec, meta.namespace);
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp(this.now());
    meta.generation = 1;
    for (const f of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'resourceVersion']) delete meta[f];
    this.initialStatus(spec, obj);
    this.validate(spec, obj);
    if (opts.dryRun) return obj;
    return this.putIfAbsent(spec, obj, opts.fence);
  }

  private async putIfAbsent(spec: KindSpec, obj: Obj, fence?: Fence): Promise<Obj> {
    const key = objectKey(spec, obj.metadata.namespace ?? '', obj.metadata.name);
    const res = await this.casWrite(key, { key, target: 'create', op: '=', value: 0 }, { put: { key, value: this.encode(spec, obj) } }, fence);
    if (!res.ok) throw new ApiError('AlreadyExists', `${spec.resource} "${obj.metadata.name}" already exists`);
    obj.metadata.resourceVersion = String(res.revision);
    this.log.debug({ event: 'created', resource: spec.resource, namespace: obj.metadata.namespace, name: obj.metadata.name, rv: res.revision }, 'object created');
    return obj;
  }

  /** One guarded write, plus the writer's fence; a failed fence is told apart from a lost race. */
  private async casWrite(key: string, guard: Compare, op: TxnOp, fence?: Fence): Promise<{ ok: boolean; revision: number }> {
    const compare = fence ? [guard, { key: fence.key, target: 'mod' as const, op: '=' as const, value: fence.modRevision }] : [guard];
    let res;
    try {
      res = await this.kv.txn({ compare, success: [op], failure: fence ? [{ range: { key: fence.key } }] : [] });
    } catch (err) {
      throw fromKvError(err);
    }
    if (!res.succeeded && fence) {
      const r = res.responses[0];
      const held = r && 'range' in r ? r.range.kvs[0] : undefined;
      if (!held || held.modRevision !== fence.modRevision) {
        throw new ApiError('Fenced', `write refused: the writer's leadership epoch ${fence.key}@${fence.modRevision} is no longer current (${held ? `now @${held.modRevision}` : 'gone'})`);
      }
    }
    return { ok: res.succeeded, revision: res.revision };
  }

  // ---- update -----------------------------------------------------------------------------

  async update(resource: string, namespace: string, input: unknown, opts: WriteOptions = {}): Promise<Obj> {
    const spec = this.kind(resource);
    const sub = opts.subresource ?? '';
    if (sub === 'scale') return this.updateScale(spec, namespace, input, opts);
    if (sub !== '' && !(sub === 'status' && spec.subresources.includes('status'))) throw noSubresource(spec, sub);
    const obj = sub === 'status' ? this.parseBody(spec, namespace, input) : this.admit(spec, namespace, input);
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name;
    if (!name) throw invalid(spec.kind, '', [{ path: 'metadata.name', reason: 'required' }]);
    const rv = obj.metadata.resourceVersion;
    const { obj: old, mod } = await this.current(spec, ns, name, rv);
    if (!old) throw notFound(spec, name);
    if (rv && rv !== String(mod)) throw conflict(spec, name);
    if (obj.metadata.uid && obj.metadata.uid !== old.metadata.uid) throw new ApiError('Conflict', `${spec.resource} "${name}": metadata.uid ${obj.metadata.uid} does not match the stored object's ${old.metadata.uid}`);
    const next = sub === 'status' ? this.withStatus(spec, old, obj) : this.withSpec(spec, old, obj);
    return this.replace(spec, old, mod, next, opts.dryRun ?? false, opts.fence);
  }

  /** `input` for the status subresource: only its status is taken, checked against the schema. */
  private parseBody(spec: KindSpec, namespace: string, input: unknown): Obj {
    if (!isObject(input)) throw new ApiError('BadRequest', `the body must be a ${spec.kind} object`);
    const obj = structuredClone(input) as Obj;
    obj.metadata ??= {};
    obj.metadata.namespace = this.namespaceOf(spec, namespace, obj) || undefined;
    const errors: FieldError[] = [];
    checkShape(spec.kind, { ...obj, apiVersion: undefined, kind: undefined }, errors);
    if (errors.length > 0) throw invalid(spec.kind, obj.metadata.name ?? '', errors);
    return obj;
  }

  /** The stored object with the user's changes; what only the system sets is kept. */
  private withSpec(spec: KindSpec, old: Obj, obj: Obj): Obj {
    const next = structuredClone(obj);
    const keep = ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'];
    for (const f of keep) {
      if (old.metadata[f] === undefined) delete next.metadata[f];
      else next.metadata[f] = old.metadata[f];
    }
    if (spec.subresources.includes('status')) {
      if (old.status === undefined) delete next.status;
      else next.status = old.status;
    }
    // Fields the system filled (an allocated clusterIP, nodePorts) survive a replace that leaves them out.
    kindRules[spec.kind]?.updateDefaults?.(next, old);
    if (!deepEqual(specPart(old), specPart(next))) next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    return next;
  }

  private withStatus(spec: KindSpec, old: Obj, obj: Obj): Obj {
    const next = structuredClone(old);
    if (obj.status === undefined) delete next.status;
    else next.status = obj.status;
    return next;
  }

  /** Writes `next` over `old` (at mod revision `mod`) after validation; a lost race is a Conflict. */
  private async replace(spec: KindSpec, old: Obj, mod: number, next: Obj, dryRun: boolean, fence?: Fence): Promise<Obj> {
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    this.validate(spec, next, old);
    if (deepEqual(next, old)) return old;
    if (dryRun) return next;
    const name = next.metadata.name;
    const key = objectKey(spec, next.metadata.namespace ?? '', name);
    // A terminating object whose last finalizer was just removed is gone.
    // (A namespace is also held by spec.finalizers, which its controller clears when empty.)
    const finished =
      next.metadata.deletionTimestamp &&
      !(next.metadata.finalizers?.length > 0) &&
      !this.awaitsAgent(spec, next) &&
      !(spec.kind === 'Namespace' && (next.spec?.finalizers?.length ?? 0) > 0);
    const res = await this.casWrite(key, { key, target: 'mod', op: '=', value: mod }, finished ? { delete: { key } } : { put: { key, value: this.encode(spec, next) } }, fence);
    if (!res.ok) throw conflict(spec, name);
    next.metadata.resourceVersion = String(res.revision);
    return next;
  }

  // ---- patch and apply --------------------------------------------------------------------

  async patch(resource: string, namespace: string, name: string, patch: unknown, opts: WriteOptions = {}): Promise<Obj> {
    const spec = this.kind(resource);
    if (!isObject(patch)) throw new ApiError('BadRequest', 'a merge patch must be a JSON object');
    const ns = this.namespaceOf(spec, namespace);
    const sub = opts.subresource ?? '';
    const wantRv = (patch.metadata as Obj | undefined)?.resourceVersion;
    for (let attempt = 0; ; attempt++) {
      const { obj: old } = await this.current(spec, ns, name, wantRv, attempt > 0);
      if (!old) throw notFound(spec, name);
      // A resourceVersion in the patch is a precondition; otherwise the patch applies to
      // whatever is current (and a race is retried here, not returned).
      let merged: Obj;
      if (sub === 'scale') {
        merged = applyMergePatch(this.scaleView(spec, old), patch) as Obj;
        if (!wantRv) delete merged.metadata.resourceVersion;
      } else {
        merged = applyMergePatch(old, patch) as Obj;
        if (!wantRv) merged.metadata = { ...merged.metadata, resourceVersion: old.metadata.resourceVersion };
      }
      try {
        return sub === 'scale' ? await this.updateScale(spec, ns, merged, opts) : await this.update(resource, ns, merged, opts);
      } catch (err) {
        if (wantRv || !(err instanceof ApiError) || err.reason !== 'Conflict' || attempt >= MAX_CAS_RETRIES) throw err;
      }
    }
  }

  /**
   * Creates the object, or changes the stored one by what the manifest changed since it was
   * last applied (a three-way merge, as kubectl apply): fields the manifest never set, such as
   * an allocated clusterIP or replicas set by an autoscaler, are left alone.
   */
  async apply(resource: string, namespace: string, input: unknown, opts: WriteOptions = {}): Promise<{ obj: Obj; outcome: ApplyOutcome }> {
    const spec = this.kind(resource);
    if (!isObject(input)) throw new ApiError('BadRequest', `the body must be a ${spec.kind} object`);
    const manifest = structuredClone(input) as Obj;
    manifest.metadata ??= {};
    delete manifest.metadata.resourceVersion;
    delete manifest.status;
    const ns = this.namespaceOf(spec, namespace, manifest);
    const name = manifest.metadata.name;
    if (!name) throw invalid(spec.kind, '', [{ path: 'metadata.name', reason: 'required for apply' }]);
    const lastApplied = JSON.stringify(manifest);
    for (let attempt = 0; ; attempt++) {
      const { obj: old } = await this.current(spec, ns, name, '', attempt > 0);
      if (!old) {
        const obj = structuredClone(manifest);
        obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED_ANNOTATION]: lastApplied };
        try {
          return { obj: await this.create(resource, ns, obj, opts), outcome: 'created' };
        } catch (err) {
          if (!(err instanceof ApiError) || err.reason !== 'AlreadyExists' || attempt >= MAX_CAS_RETRIES) throw err;
          continue;
        }
      }
      const previous = parseLastApplied(old.metadata.annotations?.[LAST_APPLIED_ANNOTATION]);
      const change = createMergePatch(previous ?? {}, manifest) as Obj | undefined;
      const target = applyMergePatch(old, change ?? {}) as Obj;
      target.metadata.annotations = { ...target.metadata.annotations, [LAST_APPLIED_ANNOTATION]: lastApplied };
      try {
        const obj = await this.update(resource, ns, target, opts);
        return { obj, outcome: obj.metadata.resourceVersion === old.metadata.resourceVersion ? 'unchanged' : 'configured' };
      } catch (err) {
        if (!(err instanceof ApiError) || err.reason !== 'Conflict' || attempt >= MAX_CAS_RETRIES) throw err;
      }
    }
  }

  // ---- delete -----------------------------------------------------------------------------

  async delete(resource: string, namespace: string, name: string, opts: DeleteOptions = {}): Promise<Obj> {
    const spec = this.kind(resource);
    const ns = this.namespaceOf(spec, namespace);
    const policy = opts.propagationPolicy || 'Background';
    if (!['Background', 'Foreground', 'Orphan'].includes(policy)) {
      throw new ApiError('BadRequest', `propagationPolicy: "${policy}" is not one of Background, Foreground, Orphan`);
    }
    for (let attempt = 0; ; attempt++) {
      const { obj: old, mod } = await this.current(spec, ns, name, opts.preconditionResourceVersion, attempt > 0);
      if (!old) throw notFound(spec, name);
      if (opts.preconditionUid && opts.preconditionUid !== old.metadata.uid) {
        throw new ApiError('Conflict', `${spec.resource} "${name}": precondition failed: uid is ${old.metadata.uid}, not ${opts.preconditionUid}`);
      }
      if (opts.preconditionResourceVersion && opts.preconditionResourceVersion !== String(mod)) {
        throw new ApiError('Conflict', `${spec.resource} "${name}": precondition failed: resourceVersion is ${mod}, not ${opts.preconditionResourceVersion}`);
      }
      const next = structuredClone(old);
      const meta = next.metadata;
      const finalizers: string[] = [...(meta.finalizers ?? [])];
      if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
      if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
      if (finalizers.length > 0) meta.finalizers = finalizers;
      const grace = this.graceFor(spec, old, opts.gracePeriodSeconds);
      if (spec.kind === 'Namespace') {
        next.status = { ...next.status, phase: 'Terminating' };
      }
      const immediate = finalizers.length === 0 && grace === 0 && !(spec.kind === 'Namespace' && (next.spec?.finalizers?.length ?? 0) > 0);
      if (!immediate) {
        const deadline = this.now() + grace * 1000;
        // A second delete may shorten the grace period, never lengthen it.
        if (!meta.deletionTimestamp || Date.parse(meta.deletionTimestamp) > deadline) {
          meta.deletionTimestamp = timestamp(deadline);
          meta.deletionGracePeriodSeconds = grace;
        }
      }
      if (opts.dryRun || (!immediate && deepEqual(next, old))) return next;
      const key = objectKey(spec, ns, name);
      const res = await this.casWrite(key, { key, target: 'mod', op: '=', value: mod }, immediate ? { delete: { key } } : { put: { key, value: this.encode(spec, next) } }, opts.fence);
      if (res.ok) {
        next.metadata.resourceVersion = String(res.revision);
        this.log.debug({ event: immediate ? 'deleted' : 'deletion-started', resource: spec.resource, namespace: ns, name, grace }, 'object deleted');
        return next;
      }
      if (attempt >= MAX_CAS_RETRIES) throw conflict(spec, name);
    }
  }

  /**
   * Seconds a deletion waits. Only a pod on a node gets one (its agent stops the containers and
   * then deletes it with 0); everything else goes at once, unless finalizers hold it.
   */
  private graceFor(spec: KindSpec, obj: Obj, asked: number | undefined): number {
    if (spec.kind !== 'Pod') return 0;
    if (!obj.spec?.nodeName) return 0;
    if (obj.status?.phase === 'Succeeded' || obj.status?.phase === 'Failed') return 0;
    if (asked !== undefined && asked >= 0) return asked;
    return obj.metadata.deletionGracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  }

  /** A terminating pod with time left is deleted by its node's agent, not by the API. */
  private awaitsAgent(spec: KindSpec, obj: Obj): boolean {
    return spec.kind === 'Pod' && !!obj.spec?.nodeName && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0;
  }

  // ---- subresources -----------------------------------------------------------------------

  private scaleView(spec: KindSpec, obj: Obj): Obj {
    if (!spec.subresources.includes('scale')) throw noSubresource(spec, 'scale');
    return scaleOf(obj);
  }

  private async updateScale(spec: KindSpec, namespace: string, input: unknown, opts: WriteOptions): Promise<Obj> {
    if (!spec.subresources.includes('scale')) throw noSubresource(spec, 'scale');
    if (!isObject(input)) throw new ApiError('BadRequest', 'the body must be a Scale object');
    const errors: FieldError[] = [];
    checkShape('Scale', input, errors);
    const replicas = (input.spec as Obj | undefined)?.replicas;
    if (errors.length === 0 && (typeof replicas !== 'number' || replicas < 0)) errors.push({ path: 'spec.replicas', reason: 'must be greater than or equal to 0' });
    const meta = (input.metadata ?? {}) as Obj;
    if (errors.length > 0) throw invalid('Scale', meta.name ?? '', errors);
    const ns = this.namespaceOf(spec, namespace, input as Obj);
    const { obj: old, mod } = await this.current(spec, ns, meta.name, meta.resourceVersion);
    if (!old) throw notFound(spec, meta.name);
    if (meta.resourceVersion && meta.resourceVersion !== String(mod)) throw conflict(spec, meta.name);
    const next = structuredClone(old);
    next.spec = { ...next.spec, replicas };
    if (next.spec.replicas !== old.spec?.replicas) next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    const saved = await this.replace(spec, old, mod, next, opts.dryRun ?? false, opts.fence);
    return scaleOf(saved);
  }

  /** pods/binding: puts an unbound pod on a node (the scheduler's compare-and-swap). */
  private async bind(spec: KindSpec, namespace: string, input: unknown, opts: WriteOptions): Promise<Obj> {
    if (spec.kind !== 'Pod') throw noSubresource(spec, 'binding');
    if (!isObject(input)) throw new ApiError('BadRequest', 'the body must be a Binding object');
    const errors: FieldError[] = [];
    checkShape('Binding', { ...input, apiVersion: undefined, kind: undefined }, errors);
    const b = input as Obj;
    if (!b.metadata?.name) errors.push({ path: 'metadata.name', reason: 'required (the pod)' });
    if (!b.target?.name) errors.push({ path: 'target.name', reason: 'required (the node)' });
    if (errors.length > 0) throw invalid('Binding', b.metadata?.name ?? '', errors);
    const ns = this.namespaceOf(spec, namespace, b);
    const name = b.metadata.name as string;
    const { obj: pod, mod } = await this.current(spec, ns, name, b.metadata.resourceVersion);
    if (!pod) throw notFound(spec, name);
    if (b.metadata.uid && b.metadata.uid !== pod.metadata.uid) throw new ApiError('Conflict', `pods "${name}": binding uid ${b.metadata.uid} does not match the pod's ${pod.metadata.uid}`);
    if (b.metadata.resourceVersion && b.metadata.resourceVersion !== String(mod)) throw conflict(spec, name);
    if (pod.spec.nodeName) throw new ApiError('Conflict', `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    if (pod.metadata.deletionTimestamp) throw new ApiError('Conflict', `pod ${name} is being deleted; it cannot be bound`);
    const next = structuredClone(pod);
    next.spec.nodeName = b.target.name;
    const conditions = (next.status?.conditions ?? []).filter((c: Obj) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastTransitionTime: timestamp(this.now()) });
    next.status = { ...next.status, conditions };
    return this.replace(spec, pod, mod, next, opts.dryRun ?? false, opts.fence);
  }

  // ---- the admission pipeline -------------------------------------------------------------

  /**
   * A user's object made ready to store: shape checked against the schema, defaults set,
   * identity fields filled. Refuses with every bad field named; changes nothing.
   */
  private admit(spec: KindSpec, namespace: string, input: unknown): Obj {
    if (!isObject(input)) throw new ApiError('BadRequest', `the body must be a ${spec.kind} object, not ${Array.isArray(input) ? 'a list' : typeof input}`);
    const obj = structuredClone(input) as Obj;
    const errors: FieldError[] = [];
    if (obj.kind !== undefined && obj.kind !== spec.kind) {
      throw new ApiError('BadRequest', `kind: the object is a ${String(obj.kind)}, but the request is for ${spec.resource}`);
    }
    if (obj.apiVersion !== undefined && !spec.acceptedApiVersions.includes(obj.apiVersion)) {
      errors.push({ path: 'apiVersion', reason: `${JSON.stringify(obj.apiVersion)} is not served for ${spec.kind} (use ${spec.acceptedApiVersions.join(' or ')})` });
    }
    obj.apiVersion = spec.apiVersion;
    obj.kind = spec.kind;
    // Field-manager bookkeeping of Kubernetes' server-side apply: shoal keeps none, and a
    // manifest exported from a Kubernetes cluster may carry it.
    if (isObject(obj.metadata)) {
      delete obj.metadata.managedFields;
      delete obj.metadata.selfLink;
    }
    checkShape(spec.kind, obj, errors);
    if (errors.length > 0) throw invalid(spec.kind, nameFor(obj), errors);
    obj.metadata ??= {};
    const ns = this.namespaceOf(spec, namespace, obj);
    if (spec.namespaced) obj.metadata.namespace = ns;
    else delete obj.metadata.namespace;
    kindRules[spec.kind]?.defaults(obj);
    return obj;
  }

  private validate(spec: KindSpec, obj: Obj, old?: Obj): void {
    const errors: FieldError[] = [];
    checkMetadata(spec, obj.metadata, errors);
    const fe = new FieldErrors();
    kindRules[spec.kind]?.validate(obj, fe, old);
    errors.push(...fe.list);
    if (old) {
      if (obj.metadata.name !== old.metadata.name) errors.push({ path: 'metadata.name', reason: 'may not be changed' });
    }
    if (errors.length > 0) throw invalid(spec.kind, nameFor(obj), errors);
  }

  private encode(spec: KindSpec, obj: Obj): Buffer {
    const value = encodeObject(obj);
    if (value.byteLength > this.maxObjectBytes) {
      throw new ApiError('RequestEntityTooLarge', `${spec.resource} "${obj.metadata.name}" is ${value.byteLength} bytes; the limit is ${this.maxObjectBytes}`);
    }
    return value;
  }

  private async checkNamespace(spec: KindSpec, ns: string | undefined): Promise<void> {
    if (!spec.namespaced || !ns) return;
    const nsSpec = this.kind('namespaces');
    // This member's view, as Kubernetes' admission reads namespaces from a cache; a namespace
    // created a moment ago elsewhere is looked up linearizably before refusing.
    const { obj } = await this.current(nsSpec, '', ns);
    if (!obj) throw new ApiError('NotFound', `namespaces "${ns}" not found`);
    if (obj.metadata.deletionTimestamp || obj.status?.phase === 'Terminating') {
      throw new ApiError('Forbidden', `${spec.resource} cannot be created in namespace ${ns} because it is being terminated`);
    }
  }

  /** What a new object's status starts as. */
  private initialStatus(spec: KindSpec, obj: Obj): void {
    switch (spec.kind) {
      case 'Pod':
        obj.status = { phase: 'Pending', qosClass: qosClass(obj.spec) };
        if (obj.spec?.nodeName) obj.status.conditions = [{ type: 'PodScheduled', status: 'True', lastTransitionTime: obj.metadata.creationTimestamp }];
        return;
      case 'Namespace':
        obj.status = { phase: 'Active' };
        return;
      case 'Node':
        return; // an agent registers its node with its status
      default:
        if (spec.subresources.includes('status')) delete obj.status;
    }
  }
}

function specPart(obj: Obj): unknown {
  // Generation counts changes of everything but metadata and status (spec, data, ...).
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

function parseLastApplied(s: unknown): Obj | undefined {
  if (typeof s !== 'string') return undefined;
  try {
    const v = JSON.parse(s);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function nameFor(obj: Obj): string {
  return obj.metadata?.name ?? obj.metadata?.generateName ?? '';
}

export function notFound(spec: KindSpec, name: string): ApiError {
  return new ApiError('NotFound', `${spec.resource} "${name}" not found`);
}

export function conflict(spec: KindSpec, name: string): ApiError {
  return new ApiError('Conflict', `Operation cannot be fulfilled on ${spec.resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
}

function noSubresource(spec: KindSpec, sub: string): ApiError {
  return new ApiError('NotFound', `${spec.resource} has no subresource "${sub}"${spec.subresources.length ? ` (it has: ${spec.subresources.join(', ')})` : ''}`);
}

/** Kubernetes' QoS class: Guaranteed (limits = requests for cpu and memory everywhere), BestEffort (none), else Burstable. */
function qosClass(podSpec: Obj | undefined): string {
  const containers: Obj[] = [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

