// nftables mode, the path most services take: no chain of their own, only map elements.
//
// A service port with N ready endpoints is one verdict-map element and N backend elements:
//
//   service-ips        vip . proto . port   : goto pick-N
//   backends-<slot>    vip . proto . port   : endpoint ip . port      (one map per slot 0..N-1)
//
// `pick-N`, shared by every service with N endpoints, jumps to slot-<numgen random mod N>, and
// `slot-<i>` DNATs through backends-<i>: an even pick, O(1) per packet (three hash lookups).
// Node ports are the same, keyed by proto . node port, through np-pick-N (marks for
// masquerade) or, for externalTrafficPolicy Local, np-local-pick-N over this node's endpoints
// only (none: the node port drops). Maps and chains per slot and per N are made when first
// needed, so their number follows the largest endpoint count, not the number of services.
//
// Why maps rather than a chain per service (what Kubernetes' nftables mode does): every `nft -f`
// first reads every chain of the ruleset into its cache, about 7 us per chain here, so 10,000
// services with 5 endpoints in per-service and per-endpoint chains cost ~0.5 s per update no
// matter how small. Elements are not read, so an update here costs the same at any scale.
// (One map keyed by slot too, via `numgen` in the key, needs `typeof` declarations, which nft
// 1.0.6 cannot read back from the kernel for NAT data: "conflicting protocols", "Can't parse
// symbolic invalid expressions".)
import { MASQ_MARK } from './proxy-backend.ts';
import type { ServicePortRule } from './service-rules.ts';

export const NFT_TABLE = 'shoal';
export const T = `ip ${NFT_TABLE}`;
export const MARK = `0x${MASQ_MARK.toString(16).padStart(8, '0')}`;
/** What a DNAT to a port must be preceded by: every protocol a service can have. */
const L4 = 'meta l4proto { tcp, udp, sctp }';

export const proto = (r: ServicePortRule): string => r.protocol.toLowerCase();

/** A shared kernel object (map or chain) that elements point at, with the commands making it. */
export interface Fixture {
  name: string;
  commands: string[];
}

type Kind = { backends: string; slot: string; key: string; pickPrefix: string };
const SERVICE: Kind = { backends: 'backends', slot: 'slot', key: 'ip daddr . meta l4proto . th dport', pickPrefix: 'pick' };
const NODE_PORT: Kind = { backends: 'np-backends', slot: 'np-slot', key: 'meta l4proto . th dport', pickPrefix: 'np-pick' };

function slotFixtures(kind: Kind, slot: number): Fixture[] {
  const keyType = kind === SERVICE ? 'ipv4_addr . inet_proto . inet_service' : 'inet_proto . inet_service';
  const map = `${kind.backends}-${slot}`;
  const chain = `${kind.slot}-${slot}`;
  return [
    { name: map, commands: [`add map ${T} ${map} { type ${keyType} : ipv4_addr . inet_service; }`] },
    { name: chain, commands: [`add chain ${T} ${chain}`, `add rule ${T} ${chain} ${L4} dnat ip to ${kind.key} map @${map}`] },
  ];
}

/** pick-N (or a node-port pick) and everything it needs, in the order they must be made. */
function pickFixtures(kind: Kind, n: number, pre: string[], name: string): Fixture[] {
  const out: Fixture[] = [];
  for (let i = 0; i < n; i++) out.push(...slotFixtures(kind, i));
  const spread = n === 1 ? `goto ${kind.slot}-0` : `numgen random mod ${n} vmap { ${Array.from({ length: n }, (_, i) => `${i} : goto ${kind.slot}-${i}`).join(', ')} }`;
  out.push({ name, commands: [`add chain ${T} ${name}`, ...[...pre, spread].map((rule) => `add rule ${T} ${name} ${rule}`)] });
  return out;
}

/** The map elements one rule owns and the fixtures they need (affinity rules: nftables-affinity.ts). */
export function mapPathOf(r: ServicePortRule, clusterCidr: string | undefined): { elements: string[]; fixtures: Fixture[] } {
  const elements: string[] = [];
  const fixtures: Fixture[] = [];
  const eps = r.endpoints;
  const vipKey = `${r.clusterIP} . ${proto(r)} . ${r.port}`;
  if (eps.length > 0) {
    const pick = `${SERVICE.pickPrefix}-${eps.length}`;
    // Traffic from outside the pod network is masqueraded so that replies come back this way.
    fixtures.push(...pickFixtures(SERVICE, eps.length, clusterCidr ? [`ip saddr != ${clusterCidr} meta mark set meta mark or ${MARK}`] : [], pick));
    elements.push(`service-ips { ${vipKey} : goto ${pick} }`);
    eps.forEach((e, slot) => elements.push(`${SERVICE.backends}-${slot} { ${vipKey} : ${e.ip} . ${e.port} }`));
  }
  if (r.nodePort !== undefined) {
    const npKey = `${proto(r)} . ${r.nodePort}`;
    const targets = r.externalLocal ? eps.filter((e) => e.local) : eps;
    if (eps.length === 0) elements.push(`no-endpoint-nodeports { ${npKey} }`);
    else if (targets.length === 0) elements.push(`service-nodeports { ${npKey} : drop }`);
    else {
      // Local policy keeps the client's address (only this node's endpoints, no masquerade).
      const pick = r.externalLocal ? `np-local-pick-${targets.length}` : `${NODE_PORT.pickPrefix}-${targets.length}`;
      fixtures.push(...pickFixtures(NODE_PORT, targets.length, r.externalLocal ? [] : [`meta mark set meta mark or ${MARK}`], pick));
      elements.push(`service-nodeports { ${npKey} : goto ${pick} }`);
      targets.forEach((e, slot) => elements.push(`${NODE_PORT.backends}-${slot} { ${npKey} : ${e.ip} . ${e.port} }`));
    }
  }
  return { elements, fixtures };
}

/** The fixed part of the table: maps, sets, base chains, reject rules. */
export function skeleton(serviceCidr: string): string[] {
  return [
    `add table ${T}`,
    `add map ${T} service-ips { type ipv4_addr . inet_proto . inet_service : verdict; }`,
    `add map ${T} service-nodeports { type inet_proto . inet_service : verdict; }`,
    `add set ${T} no-endpoint-nodeports { type inet_proto . inet_service; }`,
    // endpoint . endpoint for every endpoint address: a pod reaching itself through a service
    `add set ${T} hairpin { type ipv4_addr . ipv4_addr; }`,
    `add chain ${T} services`,
    `add rule ${T} services ip daddr . meta l4proto . th dport vmap @service-ips`,
    `add rule ${T} services fib daddr type local meta l4proto . th dport vmap @service-nodeports`,
    `add chain ${T} nat-prerouting { type nat hook prerouting priority dstnat; policy accept; }`,
    `add rule ${T} nat-prerouting jump services`,
    `add chain ${T} nat-output { type nat hook output priority -100; policy accept; }`,
    `add rule ${T} nat-output jump services`,
    `add chain ${T} nat-postrouting { type nat hook postrouting priority srcnat; policy accept; }`,
    `add rule ${T} nat-postrouting ct status dnat ip saddr . ip daddr @hairpin meta mark set meta mark or ${MARK}`,
    `add rule ${T} nat-postrouting meta mark and ${MARK} == 0 return`,
    `add rule ${T} nat-postrouting meta mark set meta mark xor ${MARK}`,
    `add rule ${T} nat-postrouting masquerade`,
    `add chain ${T} reject-unrouted`,
    `add rule ${T} reject-unrouted ip daddr ${serviceCidr} meta l4proto tcp reject with tcp reset`,
    `add rule ${T} reject-unrouted ip daddr ${serviceCidr} reject`,
    `add chain ${T} filter-output { type filter hook output priority filter; policy accept; }`,
    `add rule ${T} filter-output jump reject-unrouted`,
    `add chain ${T} filter-forward { type filter hook forward priority filter; policy accept; }`,
    `add rule ${T} filter-forward jump reject-unrouted`,
    `add chain ${T} filter-input { type filter hook input priority filter; policy accept; }`,
    `add rule ${T} filter-input fib daddr type local meta l4proto tcp meta l4proto . th dport @no-endpoint-nodeports reject with tcp reset`,
    `add rule ${T} filter-input fib daddr type local meta l4proto . th dport @no-endpoint-nodeports reject`,
  ];
}

export const hairpinElement = (ip: string): string => `hairpin { ${ip} . ${ip} }`;
