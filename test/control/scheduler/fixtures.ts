// Builders for Kubernetes-shaped nodes and pods in the scheduler tests.

import type { NodeInfo, Obj } from '../../../src/control/scheduler/algorithm.ts';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Obj[];
  unschedulable?: boolean;
  ready?: 'True' | 'False' | 'Unknown' | null;
  capacityOnly?: boolean;
  extra?: Record<string, string>;
}

export function node(name: string, o: NodeOpts = {}): Obj {
  const resources = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...(o.extra ?? {}) };
  const status: Obj = o.capacityOnly ? { capacity: resources } : { capacity: resources, allocatable: resources };
  if (o.ready !== null) status.conditions = [{ type: 'Ready', status: o.ready ?? 'True' }];
  const spec: Obj = {};
  if (o.taints) spec.taints = o.taints;
  if (o.unschedulable) spec.unschedulable = true;
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } }, spec, status };
}

export interface PodOpts {
  namespace?: string;
  cpu?: string;
  memory?: string;
  containers?: Obj[];
  initContainers?: Obj[];
  nodeSelector?: Record<string, string>;
  affinity?: Obj;
  tolerations?: Obj[];
  hostPorts?: (number | { hostPort: number; protocol?: string; hostIP?: string })[];
  owner?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  overhead?: Record<string, string>;
}

export function container(name: string, requests?: Record<string, string>, extra: Obj = {}): Obj {
  return { name, image: 'busybox', ...(requests ? { resources: { requests } } : {}), ...extra };
}

export function pod(name: string, o: PodOpts = {}): Obj {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const ports = (o.hostPorts ?? []).map((p, i) =>
    typeof p === 'number' ? { containerPort: 8000 + i, hostPort: p } : { containerPort: 8000 + i, ...p },
  );
  const main = container('main', Object.keys(requests).length ? requests : undefined, ports.length ? { ports } : {});
  const spec: Obj = { containers: o.containers ?? [main] };
  if (o.initContainers) spec.initContainers = o.initContainers;
  if (o.nodeSelector) spec.nodeSelector = o.nodeSelector;
  if (o.affinity) spec.affinity = o.affinity;
  if (o.tolerations) spec.tolerations = o.tolerations;
  if (o.nodeName) spec.nodeName = o.nodeName;
  if (o.overhead) spec.overhead = o.overhead;
  const metadata: Obj = { name, namespace: o.namespace ?? 'default', uid: `uid-${name}` };
  if (o.labels) metadata.labels = o.labels;
  if (o.owner) {
    metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.owner, uid: `rs-${o.owner}`, controller: true }];
    metadata.labels = { app: o.owner, ...(o.labels ?? {}) };
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** A NodeInfo with the given pods bound to it. */
export function info(n: Obj, pods: Obj[] = []): NodeInfo {
  return { node: n, pods: pods.map((p) => ({ ...p, spec: { ...p.spec, nodeName: n.metadata.name } })) };
}

export const affinityRequired = (...terms: Obj[]): Obj => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});

export const expr = (key: string, operator: string, values?: string[]): Obj => ({ key, operator, ...(values ? { values } : {}) });
