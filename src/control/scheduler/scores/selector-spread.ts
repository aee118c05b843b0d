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

import type { NodeInfo, Obj, ScorePlugin } from '../framework.ts';
import { MAX_NODE_SCORE } from '../framework.ts';
import { memoPod } from '../pod-cache.ts';
import { asList } from '../resources.ts';

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

/** The node's zone key ('' when it has no zone labels). */
export function zoneKey(node: Obj): string {
  const l = node?.metadata?.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

function spreadScores(pod: Obj, all: NodeInfo[]): Map<NodeInfo, number> {
  const out = new Map<NodeInfo, number>();
  const match = sameGroup(pod);
  if (!match) {
    for (const info of all) out.set(info, 0);
    return out;
  }
  const counts = new Map<NodeInfo, number>();
  const byZone = new Map<string, number>();
  let maxNode = 0;
  for (const info of all) {
    const n = (info.pods ?? []).filter(match).length;
    counts.set(info, n);
    if (n > maxNode) maxNode = n;
    const z = zoneKey(info.node);
    if (z !== '') byZone.set(z, (byZone.get(z) ?? 0) + n);
  }
  let maxZone = 0;
  for (const n of byZone.values()) if (n > maxZone) maxZone = n;
  for (const info of all) {
    const n = counts.get(info)!;
    let s = maxNode > 0 ? (MAX_NODE_SCORE * (maxNode - n)) / maxNode : MAX_NODE_SCORE;
    const z = byZone.size > 0 ? zoneKey(info.node) : '';
    if (z !== '') {
      const zn = byZone.get(z)!;
      const zs = maxZone > 0 ? (MAX_NODE_SCORE * (maxZone - zn)) / maxZone : MAX_NODE_SCORE;
      s = s * (1 - ZONE_WEIGHTING) + zs * ZONE_WEIGHTING;
    }
    out.set(info, Math.floor(s));
  }
  return out;
}

export const selectorSpreadScore: ScorePlugin = {
  name: 'SelectorSpread',
  weight: 2,
  score(pod, info, all, ctx) {
    return ctx.memo('SelectorSpread/scores', () => spreadScores(pod, all)).get(info) ?? 0;
  },
};
