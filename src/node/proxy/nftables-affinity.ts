// nftables mode, services with sessionAffinity ClientIP: these keep chains of their own, since
// a client's endpoint must be remembered per endpoint (a timeout set each).
//
//   svc-<id>   masquerade mark for outside clients; `ip saddr @aff-<ep> goto sep-<ep>` per
//              endpoint; then an even pick: a cascade `numgen random mod (N-i) == 0 goto
//              sep-<ep i>` up to 8 endpoints, `numgen random mod N vmap {...}` above
//   ext-<id>   node-port entry: mark for masquerade, goto svc-<id> (policy Local: only this
//              node's endpoints, unmasqueraded; none -> drop)
//   sep-<ep>   records the client in aff-<ep>; DNAT
//
// The service-ips / service-nodeports elements point at these chains instead of a pick chain.
import { MARK, proto, T } from './nftables-maps.ts';
import type { EndpointTarget, ServicePortRule } from './service-rules.ts';

const svcChain = (r: ServicePortRule): string => `svc-${r.id}`;
const extChain = (r: ServicePortRule): string => `ext-${r.id}`;
const sepChain = (e: EndpointTarget): string => `sep-${e.id}`;
const affSet = (e: EndpointTarget): string => `aff-${e.id}`;

/** Up to this many endpoints a service picks by a cascade of rules; above, by one verdict map. */
export const CASCADE_MAX_ENDPOINTS = 8;

/** Map/set elements an affinity rule owns, as `name { element }` strings. */
export function affinityElements(r: ServicePortRule): string[] {
  const out: string[] = [];
  if (r.endpoints.length > 0) out.push(`service-ips { ${r.clusterIP} . ${proto(r)} . ${r.port} : goto ${svcChain(r)} }`);
  if (r.nodePort !== undefined) {
    if (r.endpoints.length > 0) out.push(`service-nodeports { ${proto(r)} . ${r.nodePort} : goto ${extChain(r)} }`);
    else out.push(`no-endpoint-nodeports { ${proto(r)} . ${r.nodePort} }`);
  }
  return out;
}

/**
 * An even pick among the endpoints. Small sets: rule i jumps with probability 1/(n-i), a fresh
 * random number per rule; every anonymous verdict map is a set of its own in the kernel, and a
 * table with thousands of them loads super-linearly. Large sets: one `numgen ... vmap`.
 */
function spread(eps: EndpointTarget[]): string[] {
  if (eps.length === 1) return [`goto ${sepChain(eps[0])}`];
  if (eps.length > CASCADE_MAX_ENDPOINTS) return [`numgen random mod ${eps.length} vmap { ${eps.map((e, i) => `${i} : goto ${sepChain(e)}`).join(', ')} }`];
  return eps.map((e, i) => (i < eps.length - 1 ? `numgen random mod ${eps.length - i} == 0 goto ${sepChain(e)}` : `goto ${sepChain(e)}`));
}

function svcRules(r: ServicePortRule, clusterCidr: string | undefined): string[] {
  const out: string[] = [];
  if (clusterCidr) out.push(`ip saddr != ${clusterCidr} meta mark set meta mark or ${MARK}`);
  for (const e of r.endpoints) out.push(`ip saddr @${affSet(e)} goto ${sepChain(e)}`);
  out.push(...spread(r.endpoints));
  return out;
}

function extRules(r: ServicePortRule): string[] {
  if (!r.externalLocal) return [`meta mark set meta mark or ${MARK}`, `goto ${svcChain(r)}`];
  const local = r.endpoints.filter((e) => e.local);
  return local.length > 0 ? spread(local) : ['drop'];
}

const sepRules = (r: ServicePortRule, e: EndpointTarget): string[] => [`update @${affSet(e)} { ip saddr }`, `meta l4proto ${proto(r)} dnat to ${e.ip}:${e.port}`];

const affSetDecl = (r: ServicePortRule, e: EndpointTarget): string =>
  `add set ${T} ${affSet(e)} { type ipv4_addr; flags dynamic,timeout; timeout ${r.affinitySeconds}s; size 65535; }`;

const chainBody = (chain: string, rules: string[]): string[] => rules.map((rule) => `add rule ${T} ${chain} ${rule}`);

/** Commands that create an affinity rule's chains and sets (its elements are added by the caller). */
export function addAffinityChains(r: ServicePortRule, clusterCidr: string | undefined): string[] {
  if (r.endpoints.length === 0) return [];
  const out: string[] = [];
  for (const e of r.endpoints) out.push(affSetDecl(r, e), `add chain ${T} ${sepChain(e)}`, ...chainBody(sepChain(e), sepRules(r, e)));
  out.push(`add chain ${T} ${svcChain(r)}`, ...chainBody(svcChain(r), svcRules(r, clusterCidr)));
  if (r.nodePort !== undefined) out.push(`add chain ${T} ${extChain(r)}`, ...chainBody(extChain(r), extRules(r)));
  return out;
}

/** Commands that delete an affinity rule's chains and sets, after its elements are gone. */
export function deleteAffinityChains(r: ServicePortRule): string[] {
  if (r.endpoints.length === 0) return [];
  const out: string[] = [];
  if (r.nodePort !== undefined) out.push(`delete chain ${T} ${extChain(r)}`);
  out.push(`delete chain ${T} ${svcChain(r)}`);
  for (const e of r.endpoints) out.push(`delete chain ${T} ${sepChain(e)}`, `delete set ${T} ${affSet(e)}`);
  return out;
}

/** True when changeAffinityChains can turn `b` into `a`; otherwise delete b's chains and add a's. */
export function affinityChangeInPlace(b: ServicePortRule, a: ServicePortRule): boolean {
  // A set's timeout is fixed at creation, and "no endpoints" means no chains at all.
  return b.affinitySeconds === a.affinitySeconds && b.endpoints.length > 0 && a.endpoints.length > 0 && (b.nodePort === undefined) === (a.nodePort === undefined);
}

/**
 * Commands turning affinity rule `b` into `a` (affinityChangeInPlace holds), touching only the
 * chains that differ; elements are the caller's. New endpoints' chains come first so the
 * rewritten svc chain can point at them; gone ones after.
 */
export function changeAffinityChains(b: ServicePortRule, a: ServicePortRule, clusterCidr: string | undefined): string[] {
  const out: string[] = [];
  const before = new Map(b.endpoints.map((e) => [e.id, e]));
  const after = new Map(a.endpoints.map((e) => [e.id, e]));
  for (const e of a.endpoints) {
    if (!before.has(e.id)) out.push(affSetDecl(a, e), `add chain ${T} ${sepChain(e)}`);
    else out.push(`flush chain ${T} ${sepChain(e)}`);
    out.push(...chainBody(sepChain(e), sepRules(a, e)));
  }
  out.push(`flush chain ${T} ${svcChain(a)}`, ...chainBody(svcChain(a), svcRules(a, clusterCidr)));
  if (a.nodePort !== undefined) out.push(`flush chain ${T} ${extChain(a)}`, ...chainBody(extChain(a), extRules(a)));
  for (const e of b.endpoints) if (!after.has(e.id)) out.push(`delete chain ${T} ${sepChain(e)}`, `delete set ${T} ${affSet(e)}`);
  return out;
}
