// Facts derived from pods already placed (their requests, host ports, controller), kept per pod
// object so that each scheduling cycle does not parse every pod of the cluster again.
//
// Objects are treated as values: an entry is reused only while the pod object, its `spec` and
// its `metadata` are the same objects as when it was computed (informer caches replace objects
// on update; they do not edit them). Editing a pod's nested fields in place is not noticed.
// The cache is invisible otherwise: results are exactly what computing afresh gives.

import type { Obj } from './framework.ts';

type Entry = { spec: unknown; metadata: unknown; values: Map<string, unknown> };

const cache = new WeakMap<Obj, Entry>();

export function memoPod<T>(pod: Obj, key: string, compute: (pod: Obj) => T): T {
  if (pod === null || typeof pod !== 'object') return compute(pod);
  const e = entryOf(pod);
  const had = e.values.get(key);
  if (had !== undefined || e.values.has(key)) return had as T;
  const v = compute(pod);
  e.values.set(key, v);
  return v;
}

/** Records a fact of the pod known by other means (what compute would give). */
export function seedPod(pod: Obj, key: string, value: unknown): void {
  if (pod === null || typeof pod !== 'object') return;
  entryOf(pod).values.set(key, value);
}

/**
 * Gives `to` every fact computed so far for `from`. Only for two objects whose facts are the
 * same: the loop's assumed copy of a pod, which differs from it in spec.nodeName only (no fact
 * depends on it), or objects for which sameFactInputs holds.
 */
export function copyPodFacts(from: Obj, to: Obj): void {
  const e = cache.get(from);
  if (!e || e.spec !== from.spec || e.metadata !== from.metadata) return;
  const t = entryOf(to);
  for (const [k, v] of e.values) if (!t.values.has(k)) t.values.set(k, v);
}

/**
 * The fields every fact of a pod is computed from (requests, host ports, controller, spreading
 * groups): a new fact must read nothing else, or sameFactInputs must list it too.
 */
const SPEC_INPUTS = ['containers', 'initContainers', 'overhead', 'resources'] as const;
const METADATA_INPUTS = ['namespace', 'labels', 'ownerReferences', 'deletionTimestamp'] as const;

/**
 * Whether two pod objects have equal fact inputs (same JSON values, keys in the same order),
 * so that the facts of one are those of the other: a pod's next version from a watch, after a
 * change that did not touch them (a bind, a status update).
 */
export function sameFactInputs(a: Obj, b: Obj): boolean {
  if (a === b) return true;
  const sa = a?.spec;
  const sb = b?.spec;
  const ma = a?.metadata;
  const mb = b?.metadata;
  if (sa !== sb) for (const k of SPEC_INPUTS) if (!sameJson(sa?.[k], sb?.[k])) return false;
  if (ma !== mb) for (const k of METADATA_INPUTS) if (!sameJson(ma?.[k], mb?.[k])) return false;
  return true;
}

/** When sameFactInputs holds, gives `to` the facts computed so far for `from`. */
export function shareFactsIfSameInputs(from: Obj, to: Obj): boolean {
  if (!sameFactInputs(from, to)) return false;
  copyPodFacts(from, to);
  return true;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const arr = Array.isArray(a);
  if (arr !== Array.isArray(b)) return false;
  if (arr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameJson((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}

function entryOf(pod: Obj): Entry {
  let e = cache.get(pod);
  if (!e || e.spec !== pod.spec || e.metadata !== pod.metadata) {
    e = { spec: pod.spec, metadata: pod.metadata, values: new Map() };
    cache.set(pod, e);
  }
  return e;
}

// The same for facts derived from a node (its allocatable resources, Ready status, zone): reused
// while the node object and its `metadata`, `spec` and `status` are the same objects.

type NodeEntry = { metadata: unknown; spec: unknown; status: unknown; values: Map<string, unknown> };

const nodeCache = new WeakMap<Obj, NodeEntry>();

export function memoNode<T>(node: Obj, key: string, compute: (node: Obj) => T): T {
  if (node === null || typeof node !== 'object') return compute(node);
  let e = nodeCache.get(node);
  if (!e || e.metadata !== node.metadata || e.spec !== node.spec || e.status !== node.status) {
    e = { metadata: node.metadata, spec: node.spec, status: node.status, values: new Map() };
    nodeCache.set(node, e);
  }
  const had = e.values.get(key);
  if (had !== undefined || e.values.has(key)) return had as T;
  const v = compute(node);
  e.values.set(key, v);
  return v;
}
