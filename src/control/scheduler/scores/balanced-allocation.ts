// NodeResourcesBalancedAllocation: prefers the node whose cpu and memory would be used in the
// same proportion once the pod is added, so that neither runs out while the other idles.
// fraction = requested / allocatable per resource (capped at 1, resources the node lacks are
// left out); score = (1 - standard deviation of the fractions) * 100, which for cpu and memory
// is (1 - |cpuFraction - memFraction| / 2) * 100, as in Kubernetes. Non-zero requests, as for
// LeastAllocated.

import type { ScorePlugin } from '../framework.ts';
import { MAX_NODE_SCORE } from '../framework.ts';
import { requestedAndAllocatable, SCORED_RESOURCES } from './least-allocated.ts';

export function balancedScore(fractions: number[]): number {
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.floor((1 - std) * MAX_NODE_SCORE);
}

export const balancedAllocationScore: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(pod, info, _all, ctx) {
    const fractions: number[] = [];
    for (const r of SCORED_RESOURCES) {
      const { requested, allocatable } = requestedAndAllocatable(pod, info, ctx, r.name);
      if (allocatable <= 0) continue;
      fractions.push(Math.min(1, requested / allocatable));
    }
    return balancedScore(fractions);
  },
};
