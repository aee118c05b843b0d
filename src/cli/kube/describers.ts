// What `describe` shows for each kind after the common metadata: the fields a person looks
// at first, in kubectl's order and words. Kinds without their own describer show their spec
// (and data) as YAML.
import type { ApiClient, Obj } from '../api-client.ts';
import { age } from './age.ts';
import { conditions, containers, podTemplate, type Doc } from './describe-format.ts';
import { podStatus } from './pod-state.ts';
import { toYaml } from './printer.ts';
import { REVISION_ANNOTATION } from './rollout-history.ts';
import { selectorString } from './selectors.ts';

export type Describer = (doc: Doc, obj: Obj, client: ApiClient) => Promise<void> | void;

const none = (v: unknown) => (v === undefined || v === null || v === '' ? '<none>' : String(v));

const pod: Describer = (doc, p) => {
  doc.kv(0, 'Priority', p.spec?.priority ?? 0);
  doc.kv(0, 'Node', p.spec?.nodeName ? `${p.spec.nodeName}${p.status?.hostIP ? `/${p.status.hostIP}` : ''}` : '<none>');
  if (p.status?.startTime) doc.kv(0, 'Start Time', p.status.startTime);
  doc.kv(0, 'Status', podStatus(p));
  if (p.status?.reason) doc.kv(0, 'Reason', p.status.reason);
  if (p.status?.message) doc.kv(0, 'Message', p.status.message);
  doc.kv(0, 'IP', p.status?.podIP);
  containers(doc, 0, 'Init Containers', p.spec?.initContainers, p.status?.initContainerStatuses ?? []);
  containers(doc, 0, 'Containers', p.spec?.containers, p.status?.containerStatuses ?? []);
  conditions(doc, p.status?.conditions);
  doc.kv(0, 'QoS Class', p.status?.qosClass);
  doc.map(0, 'Node-Selectors', p.spec?.nodeSelector);
  doc.kv(0, 'Tolerations', (p.spec?.tolerations ?? []).map((t: Obj) => `${t.key ?? ''}${t.operator === 'Exists' ? '' : `=${t.value ?? ''}`}:${t.effect ?? ''}`).join(', '));
};

function replicasLine(o: Obj): string {
  const s = o.status ?? {};
  const want = o.spec?.replicas ?? 1;
  return `${want} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? Math.max(0, want - (s.availableReplicas ?? 0))} unavailable`;
}

const deployment: Describer = async (doc, d, client) => {
  doc.kv(0, 'Selector', selectorString(d.spec?.selector));
  doc.kv(0, 'Replicas', replicasLine(d));
  const strategy = d.spec?.strategy ?? {};
  doc.kv(0, 'StrategyType', strategy.type ?? 'RollingUpdate');
  doc.kv(0, 'MinReadySeconds', d.spec?.minReadySeconds ?? 0);
  if ((strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const ru = strategy.rollingUpdate ?? {};
    doc.kv(0, 'RollingUpdateStrategy', `${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge`);
  }
  if (d.spec?.paused) doc.kv(0, 'Paused', 'true');
  podTemplate(doc, 0, d.spec?.template);
  conditions(doc, d.status?.conditions, true);
  // The history is the ReplicaSets it controls; the newest revision is the current one.
  const { items } = await client.listAll('replicasets', d.metadata.namespace);
  const owned = items
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r: Obj) => r.uid === d.metadata.uid))
    .sort((a, b) => Number(a.metadata.annotations?.[REVISION_ANNOTATION] ?? 0) - Number(b.metadata.annotations?.[REVISION_ANNOTATION] ?? 0));
  const fmt = (rs: Obj) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`;
  const newest = owned[owned.length - 1];
  doc.kv(0, 'OldReplicaSets', owned.slice(0, -1).filter((rs) => (rs.spec?.replicas ?? 0) > 0).map(fmt).join(', '));
  doc.kv(0, 'NewReplicaSet', newest ? fmt(newest) : '<none>');
};

const replicaSet: Describer = (doc, rs) => {
  doc.kv(0, 'Selector', selectorString(rs.spec?.selector));
  doc.kv(0, 'Replicas', `${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired`);
  doc.kv(0, 'Pods Status', `${rs.status?.readyReplicas ?? 0} Ready / ${rs.status?.availableReplicas ?? 0} Available`);
  podTemplate(doc, 0, rs.spec?.template);
  conditions(doc, rs.status?.conditions, true);
};

const service: Describer = async (doc, s, client) => {
  doc.kv(0, 'Selector', selectorString(s.spec?.selector));
  doc.kv(0, 'Type', s.spec?.type ?? 'ClusterIP');
  doc.kv(0, 'IP', s.spec?.clusterIP);
  if (s.spec?.externalIPs?.length) doc.kv(0, 'External IPs', s.spec.externalIPs.join(','));
  let eps: Obj | undefined;
  try {
    eps = await client.get('endpoints', s.metadata.namespace, s.metadata.name);
  } catch {
    eps = undefined; // no Endpoints object (yet): shown as <none>
  }
  for (const p of (s.spec?.ports ?? []) as Obj[]) {
    const label = p.name ? `${p.name}` : '<unset>';
    doc.kv(0, 'Port', `${label}  ${p.port}/${p.protocol ?? 'TCP'}`);
    doc.kv(0, 'TargetPort', `${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort) doc.kv(0, 'NodePort', `${label}  ${p.nodePort}/${p.protocol ?? 'TCP'}`);
    const addrs = ((eps?.subsets ?? []) as Obj[]).flatMap((sub) => {
      const port = (sub.ports ?? []).find((x: Obj) => (x.name ?? '') === (p.name ?? '')) ?? sub.ports?.[0];
      return (sub.addresses ?? []).map((a: Obj) => (port ? `${a.ip}:${port.port}` : a.ip));
    });
    doc.kv(0, 'Endpoints', addrs.join(','));
  }
  doc.kv(0, 'Session Affinity', s.spec?.sessionAffinity ?? 'None');
};

const node: Describer = async (doc, n, client) => {
  const roles = Object.keys(n.metadata?.labels ?? {}).filter((l) => l.startsWith('node-role.kubernetes.io/')).map((l) => l.split('/')[1]);
  doc.kv(0, 'Roles', roles.join(','));
  doc.kv(0, 'Taints', (n.spec?.taints ?? []).map((t: Obj) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(', '));
  doc.kv(0, 'Unschedulable', n.spec?.unschedulable ? 'true' : 'false');
  const conds: Obj[] = n.status?.conditions ?? [];
  if (conds.length) {
    doc.head(0, 'Conditions');
    doc.table(1, ['Type', 'Status', 'LastHeartbeatTime', 'Reason', 'Message'], conds.map((c) => [c.type, c.status, none(c.lastHeartbeatTime), c.reason ?? '', c.message ?? '']), true);
  }
  const addresses: Obj[] = n.status?.addresses ?? [];
  if (addresses.length === 0) doc.kv(0, 'Addresses', '<none>');
  else doc.head(0, 'Addresses');
  for (const a of addresses) doc.kv(1, a.type, a.address);
  if (n.status?.capacity) doc.section(0, 'Capacity', n.status.capacity);
  if (n.status?.allocatable) doc.section(0, 'Allocatable', n.status.allocatable);
  const info = n.status?.nodeInfo;
  if (info) {
    doc.head(0, 'System Info');
    for (const [k, label] of [['osImage', 'OS Image'], ['kernelVersion', 'Kernel Version'], ['architecture', 'Architecture'], ['containerRuntimeVersion', 'Container Runtime Version'], ['kubeletVersion', 'Agent Version']]) {
      doc.kv(1, label, info[k]);
    }
  }
  doc.kv(0, 'PodCIDR', n.spec?.podCIDR);
  const { items } = await client.listAll('pods', '', { fieldSelector: `spec.nodeName=${n.metadata.name}` });
  const live = items.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  doc.head(0, `Non-terminated Pods`);
  if (live.length === 0) doc.text(1, '<none>');
  else doc.table(1, ['Namespace', 'Name', 'Age'], live.map((p) => [p.metadata.namespace, p.metadata.name, age(p.metadata.creationTimestamp)]), true);
};

const configMap: Describer = (doc, cm) => {
  // kubectl's own layout: titles underlined, each value in full under its key.
  doc.text(0, 'Data\n====');
  for (const [k, v] of Object.entries((cm.data ?? {}) as Record<string, string>)) doc.text(0, `${k}:\n----\n${v}\n`);
  doc.text(0, 'BinaryData\n====');
  for (const [k, v] of Object.entries((cm.binaryData ?? {}) as Record<string, string>)) doc.text(0, `${k}: ${Buffer.from(v, 'base64').length} bytes`);
};

const secret: Describer = (doc, s) => {
  doc.kv(0, 'Type', s.type ?? 'Opaque');
  doc.text(0, 'Data\n====');
  // Values are never printed: only their sizes, as kubectl.
  for (const [k, v] of Object.entries((s.data ?? {}) as Record<string, string>)) doc.kv(0, k, `${Buffer.from(v, 'base64').length} bytes`);
};

const namespace: Describer = (doc, ns) => {
  doc.kv(0, 'Status', ns.status?.phase ?? 'Active');
};

const hpa: Describer = (doc, h) => {
  const ref = h.spec?.scaleTargetRef ?? {};
  doc.kv(0, 'Reference', `${ref.kind}/${ref.name}`);
  doc.head(0, 'Metrics');
  for (const m of (h.spec?.metrics ?? []) as Obj[]) {
    const t = m.resource?.target ?? {};
    const cur = (h.status?.currentMetrics ?? []).find((c: Obj) => c.resource?.name === m.resource?.name)?.resource?.current;
    if (t.type === 'Utilization') doc.kv(1, `resource ${m.resource?.name} on pods (as a percentage of request)`, `${cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>'} / ${t.averageUtilization}%`);
    else doc.kv(1, `${m.type} ${m.resource?.name ?? ''}`.trim(), `${cur?.averageValue ?? '<unknown>'} / ${t.averageValue ?? t.value}`);
  }
  doc.kv(0, 'Min replicas', h.spec?.minReplicas ?? 1);
  doc.kv(0, 'Max replicas', h.spec?.maxReplicas);
  doc.kv(0, `${ref.kind} pods`, `${h.status?.currentReplicas ?? 0} current / ${h.status?.desiredReplicas ?? 0} desired`);
  conditions(doc, h.status?.conditions, true);
};

const generic: Describer = (doc, o) => {
  const { apiVersion: _a, kind: _k, metadata: _m, status, ...rest } = o;
  for (const [k, v] of Object.entries(rest)) {
    doc.head(0, k[0].toUpperCase() + k.slice(1));
    doc.text(1, toYaml(v).trimEnd());
  }
  if (status && Object.keys(status).length) {
    doc.head(0, 'Status');
    doc.text(1, toYaml(status).trimEnd());
  }
};

const BY_KIND: Record<string, Describer> = {
  Pod: pod,
  Deployment: deployment,
  ReplicaSet: replicaSet,
  ReplicationController: replicaSet,
  Service: service,
  Node: node,
  ConfigMap: configMap,
  Secret: secret,
  Namespace: namespace,
  HorizontalPodAutoscaler: hpa,
};

export function describerFor(kind: string): Describer {
  return BY_KIND[kind] ?? generic;
}
