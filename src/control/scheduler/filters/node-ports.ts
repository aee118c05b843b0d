// NodePorts: the pod's host ports must be free on the node. A host port is (hostIP, protocol,
// port); hostIP defaults to 0.0.0.0 and protocol to TCP. Two host ports conflict when protocol
// and port are equal and the IPs are equal or either is 0.0.0.0 (which binds every address).
// App containers count, and sidecars (init containers with restartPolicy Always), which keep
// running; ordinary init containers do not.

import type { CycleState, FilterPlugin, HostPort, NodeInfo, Obj } from '../framework.ts';
import { memoPod } from '../pod-cache.ts';
import { asList } from '../resources.ts';

export type { HostPort };

export const ERR_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const WILDCARD = '0.0.0.0';

/** The host ports a pod uses. */
export function podHostPorts(pod: Obj): HostPort[] {
  const spec = pod?.spec ?? {};
  const containers = [...asList(spec.containers), ...asList(spec.initContainers).filter((c) => c.restartPolicy === 'Always')];
  const out: HostPort[] = [];
  for (const c of containers) {
    for (const p of asList(c.ports)) {
      const port = Number(p.hostPort ?? 0);
      if (!Number.isInteger(port) || port <= 0) continue;
      out.push({ ip: p.hostIP ? String(p.hostIP) : WILDCARD, protocol: p.protocol ? String(p.protocol) : 'TCP', port });
    }
  }
  return out;
}

export function hostPortsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === WILDCARD || b.ip === WILDCARD);
}

/** A placed pod's host ports, computed once per pod object (shared: do not modify). */
export function placedPodHostPorts(pod: Obj): HostPort[] {
  return memoPod(pod, 'hostPorts', podHostPorts);
}

function usedPorts(info: NodeInfo, ctx: CycleState): HostPort[] {
  if (info.summary) return info.summary.hostPorts;
  const cache = ctx.memo('NodePorts/used', () => new Map<NodeInfo, HostPort[]>());
  let used = cache.get(info);
  if (!used) {
    used = (info.pods ?? []).flatMap(placedPodHostPorts);
    cache.set(info, used);
  }
  return used;
}

export const nodePortsFilter: FilterPlugin = {
  name: 'NodePorts',
  filter(pod, info, ctx) {
    const wanted = ctx.memo('NodePorts/wanted', () => podHostPorts(pod));
    if (wanted.length === 0) return undefined;
    const used = usedPorts(info, ctx);
    return wanted.some((w) => used.some((u) => hostPortsConflict(w, u))) ? ERR_NODE_PORTS : undefined;
  },
  skip(pod, ctx) {
    return ctx.memo('NodePorts/wanted', () => podHostPorts(pod)).length === 0;
  },
};
