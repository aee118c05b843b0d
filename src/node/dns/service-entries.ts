// What cluster DNS needs to know of a Service and of its Endpoints, distilled from the API
// objects once per watch event so that answering a query is a few map lookups.
import type { Obj } from '../../control/client/resource-client.ts';

export interface NamedPort {
  /** Lowercase port name ('' for an unnamed port: no SRV record). */
  name: string;
  /** Lowercase protocol: tcp, udp or sctp. */
  protocol: string;
  port: number;
}

export type ServiceKind = 'clusterIP' | 'headless' | 'externalName';

export interface ServiceEntry {
  namespace: string;
  name: string;
  kind: ServiceKind;
  /** Cluster IPs (IPv4 and IPv6) of a clusterIP service. */
  clusterIPs: string[];
  /** Lowercase target of an ExternalName service, without a trailing dot. */
  externalName: string;
  ports: NamedPort[];
  publishNotReadyAddresses: boolean;
}

export interface EndpointAddress {
  ip: string;
  /** The DNS label of this endpoint under a headless service: its hostname, or its dashed IP. */
  label: string;
  /** Endpoint ports (target ports) reachable at this address. */
  ports: NamedPort[];
}

const lower = (s: unknown): string => (typeof s === 'string' ? s.toLowerCase() : '');

function namedPorts(list: unknown): NamedPort[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter((p): p is Obj => !!p && typeof p.port === 'number')
    .map((p) => ({ name: lower(p.name), protocol: lower(p.protocol) || 'tcp', port: p.port }));
}

/** `10.244.1.5` -> `10-244-1-5` (and `fd00::5` -> `fd00--5`), as Kubernetes names endpoints without a hostname. */
export function dashedIp(ip: string): string {
  return ip.replace(/[.:]/g, '-');
}

export function serviceEntry(svc: Obj): ServiceEntry {
  const spec = svc.spec ?? {};
  const clusterIP: string = spec.clusterIP ?? '';
  const kind: ServiceKind = spec.type === 'ExternalName' ? 'externalName' : clusterIP === 'None' ? 'headless' : 'clusterIP';
  const ips: string[] = Array.isArray(spec.clusterIPs) && spec.clusterIPs.length ? spec.clusterIPs : clusterIP ? [clusterIP] : [];
  return {
    namespace: lower(svc.metadata?.namespace),
    name: lower(svc.metadata?.name),
    kind,
    clusterIPs: kind === 'clusterIP' ? ips.filter((ip) => ip && ip !== 'None') : [],
    externalName: kind === 'externalName' ? lower(spec.externalName).replace(/\.$/, '') : '',
    ports: namedPorts(spec.ports),
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
  };
}

/**
 * The addresses of an Endpoints object, one entry per IP with every port it serves (an address
 * may sit in several subsets). Not-ready addresses only when `includeNotReady`.
 */
export function endpointAddresses(ep: Obj, includeNotReady: boolean): EndpointAddress[] {
  const byIp = new Map<string, EndpointAddress>();
  for (const subset of Array.isArray(ep.subsets) ? (ep.subsets as Obj[]) : []) {
    const ports = namedPorts(subset.ports);
    const addrs: Obj[] = [...(Array.isArray(subset.addresses) ? subset.addresses : []), ...(includeNotReady && Array.isArray(subset.notReadyAddresses) ? subset.notReadyAddresses : [])];
    for (const a of addrs) {
      if (typeof a?.ip !== 'string' || !a.ip) continue;
      let e = byIp.get(a.ip);
      if (!e) byIp.set(a.ip, (e = { ip: a.ip, label: a.hostname ? lower(a.hostname) : dashedIp(a.ip), ports: [] }));
      for (const p of ports) if (!e.ports.some((q) => q.name === p.name && q.protocol === p.protocol && q.port === p.port)) e.ports.push(p);
    }
  }
  return [...byIp.values()];
}
