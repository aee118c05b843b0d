// NodeResourcesFit: the pod's requests must fit in what the node has left (allocatable minus
// the requests of the pods already on it), resource by resource, and the node must have room
// for one more pod (allocatable `pods`; a node that reports no `pods` is not limited).
// Only resources the pod requests (> 0) are checked; a requested resource the node does not
// report at all counts as 0 there. Reasons, all of them at once, in Kubernetes' order:
// `Too many pods`, `Insufficient cpu`, `Insufficient memory`, `Insufficient ephemeral-storage`,
// then any other resource (`Insufficient example.com/gpu`) by name.

import type { CycleState, FilterPlugin, Obj } from '../framework.ts';
import { cyclePodRequests, nodeUsage, scaled } from '../resources.ts';

export const ERR_TOO_MANY_PODS = 'Too many pods';
export const errInsufficient = (resource: string) => `Insufficient ${resource}`;

const FIRST = ['cpu', 'memory', 'ephemeral-storage'];

/** What the pod needs checked, worked out once per cycle: resources in reason order, scaled, > 0. */
type Plan = { resource: string; need: number; reason: string }[];

/** The last cycle's plan (a cycle asks for it node after node: this spares the lookup). */
let last: { ctx: CycleState; pod: Obj; plan: Plan } | undefined;

function fitPlan(pod: Obj, ctx: CycleState): Plan {
  if (last !== undefined && last.ctx === ctx && last.pod === pod) return last.plan;
  const plan = computePlan(pod, ctx);
  last = { ctx, pod, plan };
  return plan;
}

function computePlan(pod: Obj, ctx: CycleState): Plan {
  return ctx.memo('NodeResourcesFit/plan', () => {
    const want = cyclePodRequests(pod, ctx);
    return Object.keys(want)
      .filter((r) => r !== 'pods')
      .sort((a, b) => {
        const ia = FIRST.indexOf(a);
        const ib = FIRST.indexOf(b);
        if (ia !== ib) return (ia < 0 ? FIRST.length : ia) - (ib < 0 ? FIRST.length : ib);
        return a < b ? -1 : a > b ? 1 : 0;
      })
      .map((r) => ({ resource: r, need: scaled(r, want[r]), reason: errInsufficient(r) }))
      .filter((c) => c.need > 0);
  });
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, info, ctx) {
    const plan = fitPlan(pod, ctx);
    const s = info.summary;
    let reasons: string[] | undefined;
    if (s) {
      // The same check on the summary's ready-made numbers.
      if (s.pods + 1 > s.allowedPods) reasons = [ERR_TOO_MANY_PODS];
      for (const c of plan) {
        const r = c.resource;
        const free =
          r === 'cpu' ? s.allocatableMilliCpu - s.requestedMilliCpu
          : r === 'memory' ? s.allocatableMemory - s.requestedMemory
          : scaled(r, s.allocatable[r] ?? 0) - scaled(r, s.requested[r] ?? 0);
        if (c.need > free) (reasons ??= []).push(c.reason);
      }
      return reasons;
    }
    const usage = nodeUsage(info, ctx);
    const allocatable = usage.allocatable;
    if ('pods' in allocatable && usage.pods + 1 > allocatable.pods) reasons = [ERR_TOO_MANY_PODS];
    for (const c of plan) {
      const free = scaled(c.resource, allocatable[c.resource] ?? 0) - scaled(c.resource, usage.requested[c.resource] ?? 0);
      if (c.need > free) (reasons ??= []).push(c.reason);
    }
    return reasons;
  },
};
