// NodeSummary: the aggregates of one node and its pods that the plugins would otherwise compute
// from every pod of the node in every cycle (see NodeInfo.summary in framework.ts). Pure.
//
// A summary is built by adding pods one at a time (addPodToSummary); a cache that keeps one
// adds each new pod the same way, and builds it again from the node's pods when a pod leaves
// or changes, so that a kept summary is always bit for bit what summarizeNode gives for the
// node's current pods in their current order.

import { placedPodHostPorts } from './filters/node-ports.ts';
import { cachedReadyStatus } from './filters/node-ready.ts';
import type { HostPort, NodeSummary, Obj } from './framework.ts';
import { addPodUsage, cachedAllocatable, placedPodNonZeroRequests, placedPodRequests, scaled } from './resources.ts';
import { cachedZoneKey, podGroupKeys } from './scores/selector-spread.ts';

export function emptySummary(node: Obj): NodeSummary {
  const s: NodeSummary = {
    name: '',
    allocatable: {},
    ready: undefined,
    unschedulable: false,
    tainted: false,
    zone: '',
    allocatableMilliCpu: 0,
    allocatableMemory: 0,
    allowedPods: Infinity,
    requested: {},
    nonZero: { cpu: 0, memory: 0 },
    requestedMilliCpu: 0,
    requestedMemory: 0,
    nonZeroMilliCpu: 0,
    nonZeroMemory: 0,
    pods: 0,
    hostPorts: [],
    groups: new Map(),
  };
  setNodeFacts(s, node);
  return s;
}

/** The facts that come from the node object alone (name, allocatable, Ready, taints, zone). */
export function setNodeFacts(s: NodeSummary, node: Obj): void {
  const allocatable = cachedAllocatable(node);
  s.name = String(node?.metadata?.name ?? '');
  s.allocatable = allocatable;
  s.ready = cachedReadyStatus(node);
  s.unschedulable = node?.spec?.unschedulable === true;
  const taints = node?.spec?.taints;
  s.tainted = Array.isArray(taints) && taints.length > 0;
  s.zone = cachedZoneKey(node);
  s.allocatableMilliCpu = scaled('cpu', allocatable.cpu ?? 0);
  s.allocatableMemory = scaled('memory', allocatable.memory ?? 0);
  s.allowedPods = 'pods' in allocatable ? allocatable.pods : Infinity;
}

export function addPodToSummary(s: NodeSummary, pod: Obj): void {
  addPodUsage(s, pod);
  s.requestedMilliCpu = scaled('cpu', s.requested.cpu ?? 0);
  s.requestedMemory = scaled('memory', s.requested.memory ?? 0);
  s.nonZeroMilliCpu = scaled('cpu', s.nonZero.cpu);
  s.nonZeroMemory = scaled('memory', s.nonZero.memory);
  const ports = placedPodHostPorts(pod);
  for (let i = 0; i < ports.length; i++) s.hostPorts.push(ports[i]);
  for (const k of podGroupKeys(pod)) s.groups.set(k, (s.groups.get(k) ?? 0) + 1);
}

/** The summary of a node with these pods (in this order). */
export function summarizeNode(node: Obj, pods: Obj[]): NodeSummary {
  const s = emptySummary(node);
  for (const p of pods) addPodToSummary(s, p);
  return s;
}

/**
 * Whether two pod objects contribute the same to a summary (same requests, non-zero requests,
 * host ports and spreading groups), so that one can replace the other without recomputing.
 */
export function sameContribution(a: Obj, b: Obj): boolean {
  if (a === b) return true;
  return (
    sameNumbers(placedPodRequests(a), placedPodRequests(b)) &&
    sameNumbers(placedPodNonZeroRequests(a), placedPodNonZeroRequests(b)) &&
    samePorts(placedPodHostPorts(a), placedPodHostPorts(b)) &&
    sameStrings(podGroupKeys(a), podGroupKeys(b))
  );
}

function sameNumbers(a: Record<string, number>, b: Record<string, number>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  // Same keys in the same order (so that a kept sum's keys are also in the order a fresh one has).
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || !Object.is(a[ka[i]], b[kb[i]])) return false;
  return true;
}

function samePorts(a: HostPort[], b: HostPort[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].ip !== b[i].ip || a[i].protocol !== b[i].protocol || a[i].port !== b[i].port) return false;
  return true;
}

function sameStrings(a: string[], b: string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
