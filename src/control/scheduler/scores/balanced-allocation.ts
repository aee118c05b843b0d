// NodeResourcesBalancedAllocation: prefers the node whose cpu and memory would be used in the
// same proportion once the pod is added, so that neither runs out while the other idles.
// fraction = requested / allocatable per resource (capped at 1, resources the node lacks are
// left out); score = (1 - standard deviation of the fractions) * 100, which for cpu and memory
// is (1 - |cpuFraction - memFraction| / 2) * 100, as in Kubernetes. Non-zero requests, as for
// LeastAllocated.

import type { CycleState, NodeInfo, ScorePlugin } from '../framework.ts';
import { scoredPodRequests, scoredUsage } from './least-allocated.ts';
import { MAX_NODE_SCORE } from '../framework.ts';

export function balancedScore(fractions: number[]): number {
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.floor((1 - std) * MAX_NODE_SCORE);
}

/**
 * balancedScore over the cpu and memory fractions (a resource the node lacks is left out),
 * written out for those two resources without building the list.
 */
function balancedOf(info: NodeInfo, ctx: CycleState, pod: { cpu: number; memory: number }): number {
  const u = scoredUsage(info, ctx, pod.cpu, pod.memory);
  if (u.cpuAllocatable <= 0 || u.memoryAllocatable <= 0) return MAX_NODE_SCORE; // one fraction or none: no spread
  const cpu = Math.min(1, u.cpu / u.cpuAllocatable);
  const memory = Math.min(1, u.memory / u.memoryAllocatable);
  return Math.floor((1 - Math.abs((cpu - memory) / 2)) * MAX_NODE_SCORE);
}

export const balancedAllocationScore: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(pod, info, _all, ctx) {
    return balancedOf(info, ctx, scoredPodRequests(pod, ctx));
  },
  scoreAll(pod, all, ctx) {
    const req = scoredPodRequests(pod, ctx);
    return all.map((info) => balancedOf(info, ctx, req));
  },
};
