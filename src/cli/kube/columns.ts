// The columns `get` prints for each kind, in kubectl's words. NAME (and NAMESPACE with -A)
// are added by the printer, so each kind lists only what follows the name; `-o wide`
// appends the `wide` columns after them, as kubectl does.
import type { Obj } from '../api-client.ts';
import { age } from './age.ts';
import { podReady, podRestarts, podStatus } from './pod-state.ts';
import { selectorString } from './selectors.ts';

export interface Columns {
  headers: string[];
  row(obj: Obj, now: number): string[];
  wideHeaders?: string[];
  wideRow?(obj: Obj): string[];
  /** Events have no NAME column in kubectl. */
  noName?: boolean;
}

const none = (s: string | undefined | null): string => (s === undefined || s === null || s === '' ? '<none>' : s);
const n = (v: unknown): string => String(v ?? 0);
const created = (o: Obj, now: number): string => age(o.metadata?.creationTimestamp, now);

function containersImages(template: Obj | undefined): string[] {
  const cs: Obj[] = template?.spec?.containers ?? [];
  return [none(cs.map((c) => c.name).join(',')), none(cs.map((c) => c.image).join(','))];
}

const workloadWide = { wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'], wideRow: (o: Obj) => [...containersImages(o.spec?.template), none(selectorString(o.spec?.selector))] };

const replicaColumns: Columns = {
  headers: ['DESIRED', 'CURRENT', 'READY', 'AGE'],
  row: (o, now) => [n(o.spec?.replicas), n(o.status?.replicas), n(o.status?.readyReplicas), created(o, now)],
  ...workloadWide,
};

function servicePorts(svc: Obj): string {
  const ports: Obj[] = svc.spec?.ports ?? [];
  return none(ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(','));
}

function externalIp(svc: Obj): string {
  const ext: string[] = [...(svc.spec?.externalIPs ?? [])];
  if (svc.spec?.type === 'LoadBalancer') {
    const ing: Obj[] = svc.status?.loadBalancer?.ingress ?? [];
    ext.push(...ing.map((i) => i.ip ?? i.hostname));
    if (ext.length === 0) return '<pending>';
  }
  if (svc.spec?.type === 'ExternalName') return none(svc.spec?.externalName);
  return none(ext.join(','));
}

function nodeStatus(node: Obj): string {
  const ready = (node.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : ready.status === 'False' ? 'NotReady' : 'Unknown') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(node: Obj): string {
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
  return none(roles.sort().join(','));
}

const nodeAddress = (node: Obj, type: string): string => none((node.status?.addresses ?? []).find((a: Obj) => a.type === type)?.address);

/** "10.1.0.4:80,10.1.0.5:80 + 2 more..." as kubectl (the first three). */
function endpointsList(ep: Obj): string {
  const all: string[] = [];
  for (const s of (ep.subsets ?? []) as Obj[]) {
    const ports: Obj[] = s.ports?.length ? s.ports : [{}];
    for (const a of (s.addresses ?? []) as Obj[]) for (const p of ports) all.push(p.port !== undefined ? `${a.ip}:${p.port}` : a.ip);
  }
  if (all.length === 0) return '<none>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

function hpaTargets(hpa: Obj): string {
  const current: Obj[] = hpa.status?.currentMetrics ?? [];
  const targets = ((hpa.spec?.metrics ?? []) as Obj[]).map((m) => {
    if (m.type !== 'Resource') return `${m.type}: <unsupported>`;
    const name = m.resource?.name;
    const t = m.resource?.target ?? {};
    const cur = current.find((c) => c.type === 'Resource' && c.resource?.name === name)?.resource?.current;
    if (t.type === 'Utilization') return `${name}: ${cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>'}/${t.averageUtilization}%`;
    const want = t.averageValue ?? t.value;
    const have = cur?.averageValue ?? cur?.value;
    return `${name}: ${have ?? '<unknown>'}/${want}`;
  });
  return none(targets.join(', '));
}

const eventObject = (e: Obj): string => `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`;

const BY_KIND: Record<string, Columns> = {
  Pod: {
    headers: ['READY', 'STATUS', 'RESTARTS', 'AGE'],
    row: (o, now) => [podReady(o), podStatus(o), String(podRestarts(o)), created(o, now)],
    wideHeaders: ['IP', 'NODE'],
    wideRow: (o) => [none(o.status?.podIP), none(o.spec?.nodeName)],
  },
  Deployment: {
    headers: ['READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    row: (o, now) => [`${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, n(o.status?.updatedReplicas), n(o.status?.availableReplicas), created(o, now)],
    ...workloadWide,
  },
  ReplicaSet: replicaColumns,
  ReplicationController: replicaColumns,
  Service: {
    headers: ['TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    row: (o, now) => [o.spec?.type ?? 'ClusterIP', none(o.spec?.clusterIP), externalIp(o), servicePorts(o), created(o, now)],
    wideHeaders: ['SELECTOR'],
    wideRow: (o) => [none(selectorString(o.spec?.selector))],
  },
  Node: {
    headers: ['STATUS', 'ROLES', 'AGE', 'VERSION'],
    row: (o, now) => [nodeStatus(o), nodeRoles(o), created(o, now), none(o.status?.nodeInfo?.kubeletVersion)],
    wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    wideRow: (o) => [nodeAddress(o, 'InternalIP'), nodeAddress(o, 'ExternalIP'), none(o.status?.nodeInfo?.osImage), none(o.status?.nodeInfo?.kernelVersion), none(o.status?.nodeInfo?.containerRuntimeVersion)],
  },
  Endpoints: { headers: ['ENDPOINTS', 'AGE'], row: (o, now) => [endpointsList(o), created(o, now)] },
  ConfigMap: { headers: ['DATA', 'AGE'], row: (o, now) => [String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length), created(o, now)] },
  Secret: {
    headers: ['TYPE', 'DATA', 'AGE'],
    row: (o, now) => [o.type ?? 'Opaque', String(Object.keys(o.data ?? {}).length + Object.keys(o.stringData ?? {}).length), created(o, now)],
  },
  Namespace: { headers: ['STATUS', 'AGE'], row: (o, now) => [o.status?.phase ?? 'Active', created(o, now)] },
  HorizontalPodAutoscaler: {
    headers: ['REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
    row: (o, now) => [
      `${o.spec?.scaleTargetRef?.kind}/${o.spec?.scaleTargetRef?.name}`,
      hpaTargets(o),
      String(o.spec?.minReplicas ?? 1),
      n(o.spec?.maxReplicas),
      n(o.status?.currentReplicas),
      created(o, now),
    ],
  },
  Event: {
    headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    row: (o, now) => [age(o.lastTimestamp || o.eventTime || o.firstTimestamp || o.metadata?.creationTimestamp, now), o.type ?? '', o.reason ?? '', eventObject(o), String(o.message ?? '').trim()],
    noName: true,
  },
};

const GENERIC: Columns = { headers: ['AGE'], row: (o, now) => [created(o, now)] };

export function columnsFor(kind: string): Columns {
  return BY_KIND[kind] ?? GENERIC;
}
