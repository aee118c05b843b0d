// NodeResourcesFit: the pod's requests must fit in what the node has left (allocatable minus
// the requests of the pods already on it), resource by resource, and the node must have room
// for one more pod (allocatable `pods`; a node that reports no `pods` is not limited).
// Only resources the pod requests (> 0) are checked; a requested resource the node does not
// report at all counts as 0 there. Reasons, all of them at once, in Kubernetes' order:
// `Too many pods`, `Insufficient cpu`, `Insufficient memory`, `Insufficient ephemeral-storage`,
// then any other resource (`Insufficient example.com/gpu`) by name.

import type { FilterPlugin } from '../framework.ts';
import { cyclePodRequests, nodeUsage, scaled } from '../resources.ts';

export const ERR_TOO_MANY_PODS = 'Too many pods';
export const errInsufficient = (resource: string) => `Insufficient ${resource}`;

const FIRST = ['cpu', 'memory', 'ephemeral-storage'];

export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, info, ctx) {
    const want = cyclePodRequests(pod, ctx);
    const usage = nodeUsage(info, ctx);
    const reasons: string[] = [];
    if ('pods' in usage.allocatable && usage.pods + 1 > usage.allocatable.pods) reasons.push(ERR_TOO_MANY_PODS);
    const names = Object.keys(want)
      .filter((r) => r !== 'pods')
      .sort((a, b) => {
        const ia = FIRST.indexOf(a);
        const ib = FIRST.indexOf(b);
        if (ia !== ib) return (ia < 0 ? FIRST.length : ia) - (ib < 0 ? FIRST.length : ib);
        return a < b ? -1 : a > b ? 1 : 0;
      });
    for (const r of names) {
      const need = scaled(r, want[r]);
      if (need <= 0) continue;
      const free = scaled(r, usage.allocatable[r] ?? 0) - scaled(r, usage.requested[r] ?? 0);
      if (need > free) reasons.push(errInsufficient(r));
    }
    return reasons.length > 0 ? reasons : undefined;
  },
};
