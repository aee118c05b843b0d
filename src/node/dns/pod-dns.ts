// A pod's resolv.conf from its dnsPolicy and dnsConfig, as the kubelet builds it:
//
//   ClusterFirst (default)   the node's cluster DNS, searches `<ns>.svc.<domain> svc.<domain>
//                            <domain>`, `ndots:5`; a hostNetwork pod gets the host's instead
//   ClusterFirstWithHostNet  the cluster DNS whatever the pod's network
//   Default                  the host's resolv.conf (undefined: the runtime leaves it alone)
//   None                     dnsConfig only
//
// dnsConfig is merged into the others: nameservers and searches appended without duplicates,
// options replacing same-named ones. Without a cluster DNS on this node (no pod network),
// ClusterFirst falls back to Default, as the kubelet does when it has no clusterDNS.
// The host's search domains are not appended to a cluster pod's list (the kubelet does): they
// name networks outside the sandbox, and every extra search domain is one more query per
// lookup of an outside name.
import { readFileSync } from 'node:fs';
import type { Obj } from '../../control/client/resource-client.ts';
import type { SandboxSpec } from '../runtime/runtime.ts';

export type PodDns = NonNullable<SandboxSpec['dns']>;

export interface ClusterDnsConfig {
  /** The address pods send queries to (port 53: resolv.conf has no port). */
  nameserver: string;
  domain: string;
}

/** Limits the kubelet applies (glibc reads 3 nameservers; Kubernetes allows 32 search domains). */
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;

export function parseResolvConf(text: string): PodDns {
  const out: PodDns = { nameservers: [], searches: [], options: [] };
  for (const raw of text.split('\n')) {
    const [key, ...rest] = raw.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (key === 'nameserver' && rest[0]) out.nameservers.push(rest[0]);
    else if (key === 'search' || key === 'domain') out.searches = rest.filter(Boolean);
    else if (key === 'options') out.options.push(...rest.filter(Boolean));
  }
  return out;
}

export function hostResolvConf(path = '/etc/resolv.conf'): PodDns {
  try {
    return parseResolvConf(readFileSync(path, 'utf8'));
  } catch {
    return { nameservers: [], searches: [], options: [] };
  }
}

export function formatResolvConf(dns: PodDns): string {
  const lines = [
    ...dns.nameservers.map((n) => `nameserver ${n}`),
    ...(dns.searches.length ? [`search ${dns.searches.join(' ')}`] : []),
    ...(dns.options.length ? [`options ${dns.options.join(' ')}`] : []),
  ];
  return lines.join('\n') + '\n';
}

const uniq = (xs: string[]): string[] => [...new Set(xs.filter(Boolean))];
const optionName = (o: string): string => o.split(':')[0];

function merge(base: PodDns, config: Obj | undefined): PodDns {
  if (!config) return base;
  const extra: string[] = (config.options ?? []).filter((o: Obj) => o?.name).map((o: Obj) => (o.value !== undefined && o.value !== null && o.value !== '' ? `${o.name}:${o.value}` : String(o.name)));
  const names = new Set(extra.map(optionName));
  return {
    nameservers: uniq([...base.nameservers, ...(config.nameservers ?? [])]).slice(0, MAX_NAMESERVERS),
    searches: uniq([...base.searches, ...(config.searches ?? [])]).slice(0, MAX_SEARCHES),
    options: [...base.options.filter((o) => !names.has(optionName(o))), ...extra],
  };
}

/**
 * The pod's resolver settings, or undefined when it keeps the host's resolv.conf untouched.
 * `host` is read only for Default with a dnsConfig to merge.
 */
export function podDnsConfig(pod: Obj, cluster: ClusterDnsConfig | undefined, host: () => PodDns = hostResolvConf): PodDns | undefined {
  const spec = pod.spec ?? {};
  const policy: string = spec.dnsPolicy || 'ClusterFirst';
  const config: Obj | undefined = spec.dnsConfig;
  const ns: string = pod.metadata?.namespace || 'default';
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && spec.hostNetwork !== true);
  if (policy === 'None') return merge({ nameservers: [], searches: [], options: [] }, config);
  if (clusterFirst && cluster) {
    const d = cluster.domain;
    return merge({ nameservers: [cluster.nameserver], searches: [`${ns}.svc.${d}`, `svc.${d}`, d], options: ['ndots:5'] }, config);
  }
  // Default (or ClusterFirst without a cluster DNS): the host's, touched only to merge dnsConfig.
  return config ? merge(host(), config) : undefined;
}
