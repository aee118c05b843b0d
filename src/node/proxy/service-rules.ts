// What the kernel must do for one service, computed from its Service and Endpoints objects and
// nothing else (pure): one ServicePortRule per port of the service, with the ready endpoints
// that port reaches. Both kernel backends (iptables, nftables) program from these, so the
// Kubernetes semantics live here once: headless and ExternalName services get no rules, only
// `addresses` (ready pods; the endpoints controller already leaves terminating pods out) are
// targets, an endpoint port matches a service port by name and protocol, ClientIP affinity
// carries its timeout, NodePort/LoadBalancer ports carry their node port.
import { createHash } from 'node:crypto';
import type { Obj } from '../../control/client/resource-client.ts';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface EndpointTarget {
  ip: string;
  port: number;
  /** The endpoint's pod runs on this node (externalTrafficPolicy Local serves only these). */
  local: boolean;
  /** Stable short id of the endpoint within its service port (chain/set names). */
  id: string;
}

export interface ServicePortRule {
  /** Stable short id (16 base32 characters) of namespace/name/port-name/protocol: kernel object names. */
  id: string;
  /** Human-readable `ns/name:port-name/TCP`, written into comments. */
  key: string;
  clusterIP: string;
  port: number;
  protocol: Protocol;
  /** Set for NodePort and LoadBalancer services. */
  nodePort?: number;
  /** externalTrafficPolicy Local: node-port traffic goes only to this node's endpoints, unmasqueraded. */
  externalLocal: boolean;
  /** sessionAffinity ClientIP: the affinity timeout in seconds. */
  affinitySeconds?: number;
  /** Ready endpoints, sorted by ip then port. */
  endpoints: EndpointTarget[];
}

/** Kubernetes' default ClientIP affinity timeout (3 hours). */
export const DEFAULT_AFFINITY_SECONDS = 10_800;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 16 base32 characters of sha256(text): 80 bits, unique in practice, short enough for chain names. */
export function shortId(text: string): string {
  const h = createHash('sha256').update(text).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += BASE32[h[i] % 32];
  return out;
}

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

function protocolOf(p: unknown): Protocol {
  return (typeof p === 'string' && PROTOCOLS.has(p) ? p : 'TCP') as Protocol;
}

/** True when the service gets kernel rules at all (it has a virtual IP). */
export function hasVirtualIp(svc: Obj): boolean {
  const ip = svc.spec?.clusterIP;
  return svc.spec?.type !== 'ExternalName' && typeof ip === 'string' && ip !== '' && ip !== 'None' && /^\d+\.\d+\.\d+\.\d+$/.test(ip);
}

/** The rules for one service (empty for headless, ExternalName or not-yet-allocated services). */
export function rulesForService(svc: Obj, endpoints: Obj | undefined, nodeName: string): ServicePortRule[] {
  if (!hasVirtualIp(svc)) return [];
  const ns = svc.metadata.namespace as string;
  const name = svc.metadata.name as string;
  const spec = svc.spec;
  const affinity =
    spec.sessionAffinity === 'ClientIP' ? Number(spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) || DEFAULT_AFFINITY_SECONDS : undefined;
  const withNodePort = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  const out: ServicePortRule[] = [];
  for (const sp of (spec.ports ?? []) as Obj[]) {
    const protocol = protocolOf(sp.protocol);
    const portName = (sp.name as string | undefined) ?? '';
    const key = `${ns}/${name}:${portName}/${protocol}`;
    const targets = new Map<string, EndpointTarget>();
    for (const subset of (endpoints?.subsets ?? []) as Obj[]) {
      const epPort = ((subset.ports ?? []) as Obj[]).find((p) => ((p.name as string | undefined) ?? '') === portName && protocolOf(p.protocol) === protocol);
      if (!epPort || !Number.isInteger(epPort.port)) continue;
      for (const a of (subset.addresses ?? []) as Obj[]) {
        if (typeof a.ip !== 'string') continue;
        const t = `${a.ip}:${epPort.port}`;
        if (!targets.has(t)) targets.set(t, { ip: a.ip, port: epPort.port, local: a.nodeName === nodeName, id: shortId(`${key}|${t}`) });
      }
    }
    const sorted = [...targets.values()].sort((x, y) => compareIp(x.ip, y.ip) || x.port - y.port);
    out.push({
      id: shortId(key),
      key,
      clusterIP: spec.clusterIP,
      port: sp.port,
      protocol,
      nodePort: withNodePort && Number.isInteger(sp.nodePort) && sp.nodePort > 0 ? sp.nodePort : undefined,
      externalLocal: withNodePort && spec.externalTrafficPolicy === 'Local',
      affinitySeconds: affinity,
      endpoints: sorted,
    });
  }
  return out;
}

function compareIp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Deep equality of two rules (same kernel program). */
export function sameRule(a: ServicePortRule, b: ServicePortRule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What changed between two rule sets, by rule id. */
export interface RuleChanges {
  added: ServicePortRule[];
  removed: ServicePortRule[];
  changed: { before: ServicePortRule; after: ServicePortRule }[];
}

export function diffRules(before: ReadonlyMap<string, ServicePortRule>, after: ReadonlyMap<string, ServicePortRule>, only?: Iterable<string>): RuleChanges {
  const ids = only ? new Set(only) : new Set([...before.keys(), ...after.keys()]);
  const out: RuleChanges = { added: [], removed: [], changed: [] };
  for (const id of ids) {
    const b = before.get(id);
    const a = after.get(id);
    if (b && !a) out.removed.push(b);
    else if (a && !b) out.added.push(a);
    else if (a && b && !sameRule(a, b)) out.changed.push({ before: b, after: a });
  }
  return out;
}

export function isEmptyChange(c: RuleChanges): boolean {
  return c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0;
}
