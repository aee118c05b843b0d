// NodeResourcesLeastAllocated (Kubernetes' NodeResourcesFit score with the LeastAllocated
// strategy): prefers the node with the most room left once the pod is added. Per resource
// (cpu and memory, weight 1 each): (allocatable - requested) * 100 / allocatable, 0 when the
// node has none of it or would be over-committed; the node's score is the weighted mean.
// Requests are the non-zero ones (a container that requests no cpu / memory counts as 100m /
// 200Mi) for the pod and for the pods already there, so that many request-less pods still
// spread out.

import type { CycleState, NodeInfo, Obj, ScorePlugin } from '../framework.ts';
import { MAX_NODE_SCORE } from '../framework.ts';
import { cyclePodNonZeroRequests, nodeUsage, scaled } from '../resources.ts';

/** The resources scored and their weights (leastAllocatedOf and balancedOf spell these two out). */
export const SCORED_RESOURCES: readonly { readonly name: 'cpu' | 'memory'; readonly weight: number }[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** Requested (node's pods + this pod, non-zero) and allocatable, in whole units (millicores, bytes). */
export function requestedAndAllocatable(pod: Obj, info: NodeInfo, ctx: CycleState, resource: 'cpu' | 'memory') {
  const usage = nodeUsage(info, ctx);
  const podReq = cyclePodNonZeroRequests(pod, ctx);
  const requested = scaled(resource, usage.nonZero[resource]) + scaled(resource, podReq[resource] ?? 0);
  const allocatable = scaled(resource, usage.allocatable[resource] ?? 0);
  return { requested, allocatable };
}

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * The node's cpu and memory as the scores compare them (millicores, bytes): the non-zero
 * requests of its pods plus the pod's, and allocatable. Read from the summary when there is one.
 */
export function scoredUsage(info: NodeInfo, ctx: CycleState, podCpu: number, podMemory: number): { cpu: number; memory: number; cpuAllocatable: number; memoryAllocatable: number } {
  const s = info.summary;
  if (s) return { cpu: s.nonZeroMilliCpu + podCpu, memory: s.nonZeroMemory + podMemory, cpuAllocatable: s.allocatableMilliCpu, memoryAllocatable: s.allocatableMemory };
  const u = nodeUsage(info, ctx);
  return {
    cpu: scaled('cpu', u.nonZero.cpu) + podCpu,
    memory: scaled('memory', u.nonZero.memory) + podMemory,
    cpuAllocatable: scaled('cpu', u.allocatable.cpu ?? 0),
    memoryAllocatable: scaled('memory', u.allocatable.memory ?? 0),
  };
}

/** The pod's non-zero cpu and memory requests, scaled, once per cycle. */
export function scoredPodRequests(pod: Obj, ctx: CycleState): { cpu: number; memory: number } {
  return ctx.memo('resources/pod-nonzero-scaled', () => {
    const r = cyclePodNonZeroRequests(pod, ctx);
    return { cpu: scaled('cpu', r.cpu ?? 0), memory: scaled('memory', r.memory ?? 0) };
  });
}

/**
 * The weighted mean over SCORED_RESOURCES (cpu and memory, weight 1 each), written out for
 * those two.
 */
function leastAllocatedOf(info: NodeInfo, ctx: CycleState, pod: { cpu: number; memory: number }): number {
  const u = scoredUsage(info, ctx, pod.cpu, pod.memory);
  return Math.floor((leastRequestedScore(u.cpu, u.cpuAllocatable) + leastRequestedScore(u.memory, u.memoryAllocatable)) / 2);
}

export const leastAllocatedScore: ScorePlugin = {
  name: 'NodeResourcesLeastAllocated',
  weight: 1,
  score(pod, info, _all, ctx) {
    return leastAllocatedOf(info, ctx, scoredPodRequests(pod, ctx));
  },
  scoreAll(pod, all, ctx) {
    const req = scoredPodRequests(pod, ctx);
    return all.map((info) => leastAllocatedOf(info, ctx, req));
  },
};
