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

export const SCORED_RESOURCES: { name: 'cpu' | 'memory'; weight: number }[] = [
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

export const leastAllocatedScore: ScorePlugin = {
  name: 'NodeResourcesLeastAllocated',
  weight: 1,
  score(pod, info, _all, ctx) {
    let sum = 0;
    let weights = 0;
    for (const r of SCORED_RESOURCES) {
      const { requested, allocatable } = requestedAndAllocatable(pod, info, ctx, r.name);
      sum += leastRequestedScore(requested, allocatable) * r.weight;
      weights += r.weight;
    }
    return weights === 0 ? 0 : Math.floor(sum / weights);
  },
};
