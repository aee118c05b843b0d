// NodeAffinity (score): prefers nodes matching the pod's preferred node affinity terms
// (preferredDuringSchedulingIgnoredDuringExecution: [{weight, preference}]). A node's raw score
// is the sum of the weights of the terms it matches; the scores are then scaled so that the
// best node gets 100 (all 0 when no node matches any term).

import type { NodeInfo, Obj, ScorePlugin } from '../framework.ts';
import { nodeSelectorTermMatches } from '../node-selector.ts';
import { asList } from '../resources.ts';
import { byNode, normalizeInPlace } from './normalize.ts';

export function preferredAffinityWeight(pod: Obj, node: Obj): number {
  let sum = 0;
  for (const t of asList(pod?.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution)) {
    const w = Number(t.weight ?? 0);
    if (!Number.isFinite(w) || w <= 0) continue;
    if (nodeSelectorTermMatches(t.preference, node)) sum += w;
  }
  return sum;
}

/** Every node's score, in the order of `all`. */
function affinityScores(pod: Obj, all: NodeInfo[]): number[] {
  // No preferred terms: every raw score is 0, and so is every normalized one.
  if (asList(pod?.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).length === 0) return new Array<number>(all.length).fill(0);
  return normalizeInPlace(
    all.map((i) => preferredAffinityWeight(pod, i.node)),
    false,
  );
}

export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  score(pod, info, all, ctx) {
    return ctx.memo('NodeAffinity/byNode', () => byNode(all, affinityScores(pod, all))).get(info) ?? 0;
  },
  scoreAll(pod, all) {
    return affinityScores(pod, all);
  },
};
