// SelectorSpread (a small PodTopologySpread): prefers the node, and the zone, with the fewest
// pods of the same group as the pod. The group is the pod's controller (the ownerReference with
// controller: true, by uid); a pod without one groups with the pods of its namespace that carry
// exactly its labels; a pod with neither is not spread (every node scores the same). Pods being
// deleted do not count.
//
// node score = 100 * (maxCount - count) / maxCount over the feasible nodes (100 when no node has
// any). When nodes carry zone labels (topology.kubernetes.io/region and /zone, or the old
// failure-domain.beta.kubernetes.io ones), the zone's score (same formula over per-zone totals)
// weighs 2/3 and the node's 1/3, as in Kubernetes' SelectorSpread.

import type { ClusterIndex, NodeInfo, Obj, ScorePlugin } from '../framework.ts';
import { MAX_NODE_SCORE } from '../framework.ts';
import { memoNode, memoPod } from '../pod-cache.ts';
import { asList } from '../resources.ts';
import { byNode } from './normalize.ts';

const ZONE_WEIGHTING = 2 / 3;

/** The uid of the pod's controller (ownerReferences[].controller === true), if any. */
export function controllerUid(pod: Obj): string | undefined {
  return memoPod(pod, 'controllerUid', computeControllerUid);
}

function computeControllerUid(pod: Obj): string | undefined {
  const ref = asList(pod?.metadata?.ownerReferences).find((r) => r.controller === true);
  return ref?.uid ? String(ref.uid) : undefined;
}

function labelsOf(pod: Obj): Record<string, string> {
  const l = pod?.metadata?.labels;
  return l !== null && typeof l === 'object' ? l : {};
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** A predicate for the pods of the pod's group, or undefined when the pod has no group. */
export function sameGroup(pod: Obj): ((other: Obj) => boolean) | undefined {
  const ns = pod?.metadata?.namespace ?? 'default';
  const inNs = (o: Obj) => (o?.metadata?.namespace ?? 'default') === ns && !o?.metadata?.deletionTimestamp;
  const uid = controllerUid(pod);
  if (uid) return (o) => inNs(o) && controllerUid(o) === uid;
  const labels = labelsOf(pod);
  if (Object.keys(labels).length === 0) return undefined;
  return (o) => inNs(o) && sameLabels(labels, labelsOf(o));
}

/**
 * Labels as one string (keys sorted), equal for two label sets exactly when sameLabels holds;
 * undefined when a value is not a string (such label sets are compared pod by pod instead).
 */
function labelsKey(labels: Record<string, unknown>): string | undefined {
  const keys = Object.keys(labels).sort();
  for (const k of keys) if (typeof labels[k] !== 'string') return undefined;
  return JSON.stringify(keys.map((k) => [k, labels[k]]));
}

/** One group's key: a flat string (JSON), so that map lookups compare it quickly. */
function groupKey(kind: 'c' | 'l', ns: unknown, id: string): string {
  return JSON.stringify([kind, ns, id]);
}

/**
 * The spreading groups a placed pod counts in, as keys (what NodeSummary.groups counts): its
 * controller's (`c`, namespace, uid) and its exact label set's (`l`, namespace, labels). A pod
 * being deleted counts in none.
 */
export function podGroupKeys(pod: Obj): string[] {
  return memoPod(pod, 'spreadGroupKeys', computeGroupKeys);
}

function computeGroupKeys(pod: Obj): string[] {
  if (pod?.metadata?.deletionTimestamp) return [];
  const ns = pod?.metadata?.namespace ?? 'default';
  const out: string[] = [];
  const uid = controllerUid(pod);
  if (uid) out.push(groupKey('c', ns, uid));
  const labels = labelsOf(pod);
  if (Object.keys(labels).length > 0) {
    const lk = labelsKey(labels);
    if (lk !== undefined) out.push(groupKey('l', ns, lk));
  }
  return out;
}

/**
 * The key of the incoming pod's group among podGroupKeys (undefined when it has no group, or
 * when its labels cannot be keyed: then the pods are matched one by one).
 */
function groupQueryKey(pod: Obj): string | undefined {
  const ns = pod?.metadata?.namespace ?? 'default';
  const uid = controllerUid(pod);
  if (uid) return groupKey('c', ns, uid);
  const labels = labelsOf(pod);
  if (Object.keys(labels).length === 0) return undefined;
  const lk = labelsKey(labels);
  return lk === undefined ? undefined : groupKey('l', ns, lk);
}

/** The node's zone key ('' when it has no zone labels). */
export function zoneKey(node: Obj): string {
  const l = node?.metadata?.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

const EMPTY: ReadonlyMap<NodeInfo, number> = new Map();

/** zoneKey, once per node object. */
export const cachedZoneKey = (node: Obj): string => memoNode(node, 'zone', zoneKey);

/** Every node's score, in the order of `all`. */
function spreadScores(pod: Obj, all: NodeInfo[], index: ClusterIndex | undefined): number[] {
  const out = new Array<number>(all.length).fill(0);
  const match = sameGroup(pod);
  if (!match) return out;
  const key = groupQueryKey(pod);
  // The cache's table of this group's pods per node, when it keeps one (one table for all
  // nodes, rather than a lookup in each node's summary).
  const table = key !== undefined && index ? (index.groupCounts(key) ?? EMPTY) : undefined;
  const counts = new Array<number>(all.length);
  const zones = new Array<string>(all.length);
  const byZone = new Map<string, number>();
  let maxNode = 0;
  for (let j = 0; j < all.length; j++) {
    const info = all[j];
    let n = 0;
    if (table && info.summary) n = table.get(info) ?? 0;
    else if (info.summary && key !== undefined) n = info.summary.groups.get(key) ?? 0;
    else for (const o of info.pods ?? []) if (match(o)) n++;
    counts[j] = n;
    if (n > maxNode) maxNode = n;
    const z = info.summary ? info.summary.zone : cachedZoneKey(info.node);
    zones[j] = z;
    if (z !== '') byZone.set(z, (byZone.get(z) ?? 0) + n);
  }
  let maxZone = 0;
  for (const n of byZone.values()) if (n > maxZone) maxZone = n;
  for (let j = 0; j < all.length; j++) {
    const n = counts[j];
    let s = maxNode > 0 ? (MAX_NODE_SCORE * (maxNode - n)) / maxNode : MAX_NODE_SCORE;
    const z = byZone.size > 0 ? zones[j] : '';
    if (z !== '') {
      const zn = byZone.get(z)!;
      const zs = maxZone > 0 ? (MAX_NODE_SCORE * (maxZone - zn)) / maxZone : MAX_NODE_SCORE;
      s = s * (1 - ZONE_WEIGHTING) + zs * ZONE_WEIGHTING;
    }
    out[j] = Math.floor(s);
  }
  return out;
}

export const selectorSpreadScore: ScorePlugin = {
  name: 'SelectorSpread',
  weight: 2,
  score(pod, info, all, ctx) {
    return ctx.memo('SelectorSpread/byNode', () => byNode(all, spreadScores(pod, all, ctx.index))).get(info) ?? 0;
  },
  scoreAll(pod, all, ctx) {
    return spreadScores(pod, all, ctx.index);
  },
};
