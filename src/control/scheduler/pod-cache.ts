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
  let e = cache.get(pod);
  if (!e || e.spec !== pod.spec || e.metadata !== pod.metadata) {
    e = { spec: pod.spec, metadata: pod.metadata, values: new Map() };
    cache.set(pod, e);
  }
  if (e.values.has(key)) return e.values.get(key) as T;
  const v = compute(pod);
  e.values.set(key, v);
  return v;
}
