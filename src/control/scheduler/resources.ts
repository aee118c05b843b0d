// Resource arithmetic for the scheduler: what a pod requests, what a node offers, what the pods
// already on a node hold. Quantities are plain numbers in base units (cores, bytes, count).

import { parseQuantity } from '../quantity.ts';
import type { CycleState, NodeInfo, Obj } from './framework.ts';
import { memoNode, memoPod, seedPod } from './pod-cache.ts';

export type ResourceList = Record<string, number>;

/** Kubernetes' defaults for a container that requests no cpu / no memory, used when scoring. */
export const DEFAULT_CPU_REQUEST = 0.1; // 100m
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024; // 200Mi

/**
 * The numbers of a resource map ({cpu: '250m', memory: '64Mi'}). strict: a malformed quantity
 * throws (the pod being scheduled); lenient: it is skipped (pods already placed, nodes), so that
 * one bad object cannot make a node unusable for everyone.
 */
export function resourceList(m: unknown, strict = true): ResourceList {
  const out: ResourceList = {};
  if (m === null || typeof m !== 'object') return out;
  for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
    if (v === undefined || v === null || v === '') continue;
    try {
      out[k] = parseQuantity(v as string | number);
    } catch (e) {
      if (strict) throw e;
    }
  }
  return out;
}

function addInto(acc: ResourceList, r: ResourceList): ResourceList {
  for (const [k, v] of Object.entries(r)) acc[k] = (acc[k] ?? 0) + v;
  return acc;
}

function maxInto(acc: ResourceList, r: ResourceList): ResourceList {
  for (const [k, v] of Object.entries(r)) if (!(k in acc) || v > acc[k]) acc[k] = v;
  return acc;
}

/** A container's requests; a resource with a limit and no request requests its limit (API defaulting). */
export function containerRequests(c: Obj, strict = true): ResourceList {
  const req = resourceList(c?.resources?.requests, strict);
  const lim = resourceList(c?.resources?.limits, strict);
  for (const [k, v] of Object.entries(lim)) if (!(k in req)) req[k] = v;
  return req;
}

/** Like containerRequests, with cpu and memory defaulted to 100m / 200Mi when not set (an explicit 0 stays 0). */
export function containerNonZeroRequests(c: Obj, strict = true): ResourceList {
  const req = containerRequests(c, strict);
  if (!('cpu' in req)) req.cpu = DEFAULT_CPU_REQUEST;
  if (!('memory' in req)) req.memory = DEFAULT_MEMORY_REQUEST;
  return req;
}

const isSidecar = (c: Obj) => c?.restartPolicy === 'Always';

/**
 * What a pod needs reserved on its node, as Kubernetes computes it: the sum over the app
 * containers, or the largest init container if that is more (init containers run one at a
 * time, before the app containers), per resource. Sidecars (init containers with restartPolicy
 * Always) keep running, so they add to the app containers and to every init container started
 * after them. Pod-level spec.resources.requests override the aggregate for the resources they
 * name; spec.overhead is added on top.
 */
export function podRequests(pod: Obj, strict = true, nonZero = false): ResourceList {
  const one = nonZero ? containerNonZeroRequests : containerRequests;
  const spec = pod?.spec ?? {};
  const reqs: ResourceList = {};
  for (const c of asList(spec.containers)) addInto(reqs, one(c, strict));
  const sidecars: ResourceList = {};
  const init: ResourceList = {};
  for (const c of asList(spec.initContainers)) {
    const r = one(c, strict);
    if (isSidecar(c)) {
      addInto(reqs, r);
      addInto(sidecars, r);
      maxInto(init, { ...sidecars });
    } else {
      maxInto(init, addInto({ ...r }, sidecars));
    }
  }
  maxInto(reqs, init);
  const podLevel = resourceList(spec.resources?.requests, strict);
  for (const k of nonZero ? ['cpu', 'memory'] : Object.keys(podLevel)) if (k in podLevel) reqs[k] = podLevel[k];
  addInto(reqs, resourceList(spec.overhead, strict));
  return reqs;
}

/** podRequests with Kubernetes' non-zero defaults (100m cpu, 200Mi memory per container), for scoring. */
export function podNonZeroRequests(pod: Obj, strict = true): ResourceList {
  return podRequests(pod, strict, true);
}

export function asList(v: unknown): Obj[] {
  return Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === 'object') as Obj[]) : [];
}

/**
 * What a node offers pods: status.allocatable, each resource falling back to status.capacity.
 * A resource in neither is absent (treated as 0 by the fit check, except `pods`).
 */
export function nodeAllocatable(node: Obj): ResourceList {
  return {
    ...resourceList(node?.status?.capacity, false),
    ...resourceList(node?.status?.allocatable, false),
  };
}

export interface NodeUsage {
  /** Sum of podRequests of the pods on the node. */
  requested: ResourceList;
  /** Sum of podNonZeroRequests (cpu, memory) of the pods on the node. */
  nonZero: { cpu: number; memory: number };
  /** How many pods are on the node. */
  pods: number;
  allocatable: ResourceList;
}

/** nodeAllocatable, parsed once per node object (the result is shared: do not modify it). */
export function cachedAllocatable(node: Obj): ResourceList {
  return memoNode(node, 'allocatable', nodeAllocatable);
}

/** A placed pod's requests (lenient), parsed once per pod object (shared: do not modify). */
export function placedPodRequests(pod: Obj): ResourceList {
  return memoPod(pod, 'requests', (x) => podRequests(x, false));
}

/** A placed pod's non-zero requests (lenient), parsed once per pod object (shared: do not modify). */
export function placedPodNonZeroRequests(pod: Obj): ResourceList {
  return memoPod(pod, 'nonZero', (x) => podNonZeroRequests(x, false));
}

/**
 * Adds one pod to a usage. Every sum of a node's pods (here, in node-summary.ts and in the
 * loop's cache) goes through this one function, in pod order, so that sums kept incrementally
 * are exactly (bit for bit) those computed afresh over the same pods.
 */
export function addPodUsage(u: Pick<NodeUsage, 'requested' | 'nonZero' | 'pods'>, pod: Obj): void {
  addInto(u.requested, placedPodRequests(pod));
  const nz = placedPodNonZeroRequests(pod);
  u.nonZero.cpu += nz.cpu ?? 0;
  u.nonZero.memory += nz.memory ?? 0;
  u.pods++;
}

/** The node's usage: its summary when a cache keeps one, else computed once per cycle. */
export function nodeUsage(info: NodeInfo, ctx: CycleState): NodeUsage {
  if (info.summary) return info.summary;
  const cache = ctx.memo('resources/usage', () => new Map<NodeInfo, NodeUsage>());
  let u = cache.get(info);
  if (!u) {
    u = { requested: {}, nonZero: { cpu: 0, memory: 0 }, pods: 0, allocatable: cachedAllocatable(info.node) };
    for (const p of info.pods ?? []) addPodUsage(u, p);
    cache.set(info, u);
  }
  return u;
}

/** The incoming pod's requests (strict), computed once per cycle. */
export function cyclePodRequests(pod: Obj, ctx: CycleState): ResourceList {
  return ctx.memo('resources/pod', () => {
    const r = podRequests(pod);
    // Nothing was malformed, so the lenient parse of the pod once placed gives the same.
    seedPod(pod, 'requests', r);
    return r;
  });
}

/** The incoming pod's non-zero requests (strict), computed once per cycle. */
export function cyclePodNonZeroRequests(pod: Obj, ctx: CycleState): ResourceList {
  return ctx.memo('resources/pod-nonzero', () => {
    const r = podNonZeroRequests(pod);
    seedPod(pod, 'nonZero', r);
    return r;
  });
}

/**
 * A quantity as a whole number of the unit the comparisons use: millicores for cpu, base units
 * (bytes, counts) otherwise, rounded up as Kubernetes' MilliValue()/Value() do. The small
 * epsilon absorbs binary floating-point noise (0.1 + 0.2), so that whole values stay whole.
 */
export function scaled(resource: string, v: number): number {
  const x = resource === 'cpu' ? v * 1000 : v;
  return Math.ceil(x - 1e-6);
}
