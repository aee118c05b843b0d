// Helpers for the scheduler loop: which pods the scheduler should place, and the NodeInfo list
// (nodes with the pods on them) that the algorithm takes. Pure.

import type { NodeInfo, Obj } from './framework.ts';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** A pod that has finished (Succeeded or Failed) holds no resources on its node. */
export function isTerminalPod(pod: Obj): boolean {
  const phase = pod?.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/**
 * Whether the scheduler named schedulerName should place this pod: not bound yet (no
 * spec.nodeName), asking for this scheduler (spec.schedulerName, default `default-scheduler`),
 * without scheduling gates, not finished and not being deleted.
 */
export function needsScheduling(pod: Obj, schedulerName = DEFAULT_SCHEDULER_NAME): boolean {
  const spec = pod?.spec ?? {};
  if (spec.nodeName) return false;
  if ((spec.schedulerName || DEFAULT_SCHEDULER_NAME) !== schedulerName) return false;
  if (Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) return false;
  if (pod?.metadata?.deletionTimestamp) return false;
  return !isTerminalPod(pod);
}

/**
 * One NodeInfo per node, in the order given, each with the pods bound to it (spec.nodeName)
 * that have not finished. Pods being deleted still count: they hold their resources and ports
 * until they are gone. Pods bound to a node not in the list are ignored.
 */
export function buildNodeInfos(nodes: Obj[], pods: Obj[]): NodeInfo[] {
  const byName = new Map<string, NodeInfo>();
  const infos: NodeInfo[] = [];
  for (const node of nodes) {
    const info: NodeInfo = { node, pods: [] };
    infos.push(info);
    const name = node?.metadata?.name;
    if (typeof name === 'string' && !byName.has(name)) byName.set(name, info);
  }
  for (const pod of pods) {
    const n = pod?.spec?.nodeName;
    if (!n || isTerminalPod(pod)) continue;
    byName.get(n)?.pods.push(pod);
  }
  return infos;
}

/**
 * The NodeInfo list with the pod added to the named node (a new array and a new NodeInfo for
 * that node; the others are shared), as the loop assumes a placement before its bind lands.
 */
export function withPodOn(infos: NodeInfo[], nodeName: string, pod: Obj): NodeInfo[] {
  const bound = { ...pod, spec: { ...(pod?.spec ?? {}), nodeName } };
  return infos.map((i) => (i.node?.metadata?.name === nodeName ? { node: i.node, pods: [...i.pods, bound] } : i));
}
