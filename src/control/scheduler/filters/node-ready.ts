// NodeReady: only nodes whose Ready condition is True take new pods. Kubernetes does this with
// the node.kubernetes.io/not-ready (Ready False, or no Ready condition yet) and
// node.kubernetes.io/unreachable (Ready Unknown) NoSchedule taints that the node lifecycle
// controller puts on such nodes; here the condition is read directly, and a pod that tolerates
// the matching taint passes, as it would in Kubernetes.

import type { FilterPlugin, Obj } from '../framework.ts';
import { memoNode } from '../pod-cache.ts';
import { asList } from '../resources.ts';
import { podTolerations, TAINT_NOT_READY, TAINT_UNREACHABLE, tolerationsTolerateTaint } from '../tolerations.ts';

export const ERR_NOT_READY = 'node(s) were not ready';

/** The status of the node's Ready condition ('True', 'False', 'Unknown'), undefined when it has none. */
export function nodeReadyStatus(node: Obj): string | undefined {
  const c = asList(node?.status?.conditions).find((c) => c.type === 'Ready');
  return c ? String(c.status ?? 'Unknown') : undefined;
}

/** nodeReadyStatus, once per node object. */
export const cachedReadyStatus = (node: Obj): string | undefined => memoNode(node, 'ready', nodeReadyStatus);

export const nodeReadyFilter: FilterPlugin = {
  name: 'NodeReady',
  filter(pod, info) {
    const status = info.summary ? info.summary.ready : cachedReadyStatus(info.node);
    if (status === 'True') return undefined;
    const key = status === 'Unknown' ? TAINT_UNREACHABLE : TAINT_NOT_READY;
    return tolerationsTolerateTaint(podTolerations(pod), { key, effect: 'NoSchedule' }) ? undefined : ERR_NOT_READY;
  },
};
