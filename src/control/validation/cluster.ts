// Namespace, Node, Event and Lease.
import { labelKeyError, labelValueError, qualifiedNameError } from '../labels.ts';
import {
  asList,
  asObj,
  asStr,
  boolAt,
  cidrError,
  enumAt,
  intAt,
  ipError,
  isUnset,
  key,
  listAt,
  mapAt,
  objAt,
  quantityAt,
  resourceNameError,
  strAt,
  syntaxAt,
  type Obj,
} from './common.ts';
import type { FieldErrors } from './field-errors.ts';
import { TAINT_EFFECTS } from './pod.ts';

// ---- Namespace ----------------------------------------------------------------------------

const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** A finalizer name: a standard one, or a qualified name with a domain prefix. */
export function finalizerNameError(s: unknown): string | undefined {
  const q = qualifiedNameError(s);
  if (q) return q;
  if (!STANDARD_FINALIZERS.includes(s as string) && !(s as string).includes('/')) return 'name is neither a standard finalizer name nor is it fully qualified';
  return undefined;
}

export function defaultNamespace(obj: Obj): void {
  if (obj.spec === undefined || obj.spec === null) obj.spec = {};
  const spec = asObj(obj.spec);
  if (spec && (spec.finalizers === undefined || spec.finalizers === null)) spec.finalizers = ['kubernetes'];
  if (obj.status === undefined || obj.status === null) obj.status = {};
  const status = asObj(obj.status);
  if (status && isUnset(status.phase)) status.phase = 'Active';
}

export function validateNamespace(obj: Obj, e: FieldErrors, _old?: Obj): void {
  const spec = objAt(obj.spec, 'spec', e);
  if (spec) listAt(spec.finalizers, 'spec.finalizers', e).forEach((f, i) => syntaxAt(f, `spec.finalizers[${i}]`, e, finalizerNameError, true));
  const status = objAt(obj.status, 'status', e);
  if (status) enumAt(status.phase, 'status.phase', e, ['Active', 'Terminating']);
}

// ---- Node ---------------------------------------------------------------------------------

/** podCIDRs from podCIDR (and back), as the API server keeps the two in step. */
export function defaultNode(obj: Obj): void {
  const spec = asObj(obj.spec);
  if (!spec) return;
  if (!isUnset(spec.podCIDR) && (spec.podCIDRs === undefined || spec.podCIDRs === null)) spec.podCIDRs = [spec.podCIDR];
  if (isUnset(spec.podCIDR) && typeof asList(spec.podCIDRs)[0] === 'string') spec.podCIDR = asList(spec.podCIDRs)[0];
}

export function validateTaints(t: unknown, path: string, e: FieldErrors): void {
  const seen = new Set<string>();
  listAt(t, path, e).forEach((x, i) => {
    const p = `${path}[${i}]`;
    const taint = objAt(x, p, e);
    if (!taint) return;
    const k = syntaxAt(taint.key, `${p}.key`, e, labelKeyError, true);
    if (!isUnset(taint.value)) syntaxAt(taint.value, `${p}.value`, e, labelValueError);
    const effect = enumAt(taint.effect, `${p}.effect`, e, TAINT_EFFECTS, true);
    if (k !== undefined && effect !== undefined) {
      const id = `${k}:${effect}`;
      if (seen.has(id)) e.add(p, 'taints must be unique by key and effect pair');
      seen.add(id);
    }
  });
}

const ADDRESS_TYPES = ['Hostname', 'InternalIP', 'ExternalIP', 'InternalDNS', 'ExternalDNS'] as const;

export function validateNode(obj: Obj, e: FieldErrors, old?: Obj): void {
  const spec = objAt(obj.spec, 'spec', e);
  if (spec) {
    const cidr = isUnset(spec.podCIDR) ? undefined : syntaxAt(spec.podCIDR, 'spec.podCIDR', e, cidrError);
    const cidrs = listAt(spec.podCIDRs, 'spec.podCIDRs', e);
    // The first mirrors podCIDR, already checked.
    cidrs.forEach((c, i) => {
      if (!(i === 0 && c === spec.podCIDR)) syntaxAt(c, `spec.podCIDRs[${i}]`, e, cidrError, true);
    });
    if (cidrs.length > 2) e.add('spec.podCIDRs', 'may have at most 2 entries');
    if (cidr !== undefined && cidrs.length > 0 && cidrs[0] !== cidr) e.add('spec.podCIDRs[0]', 'must be the same as `podCIDR`');
    validateTaints(spec.taints, 'spec.taints', e);
    boolAt(spec.unschedulable, 'spec.unschedulable', e);
    strAt(spec.providerID, 'spec.providerID', e);
  }
  const status = objAt(obj.status, 'status', e);
  if (status) {
    for (const part of ['capacity', 'allocatable'] as const) {
      for (const [k, v] of mapAt(status[part], `status.${part}`, e)) {
        const ne = resourceNameError(k);
        if (ne) e.add(key(`status.${part}`, k), `resource name: ${ne}`);
        quantityAt(v, key(`status.${part}`, k), e, { nonNegative: true, required: true });
      }
    }
    listAt(status.addresses, 'status.addresses', e).forEach((a, i) => {
      const addr = objAt(a, `status.addresses[${i}]`, e);
      if (!addr) return;
      const type = enumAt(addr.type, `status.addresses[${i}].type`, e, ADDRESS_TYPES, true);
      const value = strAt(addr.address, `status.addresses[${i}].address`, e, true);
      if (value !== undefined && (type === 'InternalIP' || type === 'ExternalIP')) {
        const err = ipError(value);
        if (err) e.add(`status.addresses[${i}].address`, err);
      }
    });
    listAt(status.conditions, 'status.conditions', e).forEach((c, i) => {
      const cond = objAt(c, `status.conditions[${i}]`, e);
      if (!cond) return;
      strAt(cond.type, `status.conditions[${i}].type`, e, true);
      enumAt(cond.status, `status.conditions[${i}].status`, e, ['True', 'False', 'Unknown'], true);
    });
  }
  if (old) {
    const os = asObj(old.spec) ?? {};
    const ns = spec ?? {};
    if (!isUnset(os.podCIDR) && ns.podCIDR !== os.podCIDR) e.add('spec.podCIDR', 'node updates may not change podCIDR except from "" to valid');
    const oc = asList(os.podCIDRs);
    const nc = asList(ns.podCIDRs);
    if (oc.length > 0 && (oc.length !== nc.length || oc.some((c, i) => c !== nc[i]))) e.add('spec.podCIDRs', 'node updates may not change podCIDRs except from "" to valid');
    if (!isUnset(os.providerID) && ns.providerID !== os.providerID) e.add('spec.providerID', 'node updates may not change providerID except from "" to valid');
  }
}

// ---- Event --------------------------------------------------------------------------------

export function defaultEvent(_obj: Obj): void {}

export function validateEvent(obj: Obj, e: FieldErrors, _old?: Obj): void {
  const io = objAt(obj.involvedObject, 'involvedObject', e, true);
  if (io) {
    const ns = asStr(asObj(obj.metadata)?.namespace) ?? '';
    const ions = asStr(io.namespace) ?? '';
    // An event about a cluster-scoped object lives in "default" (or nowhere); otherwise in the object's namespace.
    if (ions === '' ? ns !== '' && ns !== 'default' : ns !== ions) e.add('involvedObject.namespace', 'does not match event.namespace');
    for (const f of ['kind', 'name', 'apiVersion', 'fieldPath', 'uid'] as const) strAt(io[f], `involvedObject.${f}`, e);
  }
  enumAt(obj.type, 'type', e, ['Normal', 'Warning']);
  intAt(obj.count, 'count', e, { min: 0 });
  for (const f of ['reason', 'action', 'reportingComponent', 'reportingInstance'] as const) {
    const s = strAt(obj[f], f, e);
    if (s !== undefined && s.length > 128) e.add(f, 'must be no more than 128 characters');
  }
  const msg = strAt(obj.message, 'message', e);
  if (msg !== undefined && msg.length > 4096) e.add('message', 'must be no more than 4096 characters');
  const series = objAt(obj.series, 'series', e);
  if (series) intAt(series.count, 'series.count', e, { min: 2, required: true });
}

// ---- Lease --------------------------------------------------------------------------------

const isTimestamp = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));

export function defaultLease(_obj: Obj): void {}

export function validateLease(obj: Obj, e: FieldErrors, _old?: Obj): void {
  const spec = objAt(obj.spec, 'spec', e);
  if (!spec) return;
  intAt(spec.leaseDurationSeconds, 'spec.leaseDurationSeconds', e, { min: 1 });
  intAt(spec.leaseTransitions, 'spec.leaseTransitions', e, { min: 0 });
  strAt(spec.holderIdentity, 'spec.holderIdentity', e);
  for (const f of ['acquireTime', 'renewTime'] as const) {
    const t = strAt(spec[f], `spec.${f}`, e);
    if (t !== undefined && !isTimestamp(t)) e.add(`spec.${f}`, 'must be an RFC 3339 timestamp (e.g. 2024-01-02T03:04:05.000000Z)');
  }
  const strategy = enumAt(spec.strategy, 'spec.strategy', e, ['OldestEmulationVersion']);
  if (!isUnset(spec.preferredHolder) && strategy === undefined && isUnset(spec.strategy)) e.add('spec.preferredHolder', 'may only be specified if `strategy` is defined');
}

