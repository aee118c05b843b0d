// NodeAffinity (score): prefers nodes matching the pod's preferred node affinity terms
// (preferredDuringSchedulingIgnoredDuringExecution: [{weight, preference}]). A node's raw score
// is the sum of the weights of the terms it matches; the scores are then scaled so that the
// best node gets 100 (all 0 when no node matches any term).

import type { NodeInfo, Obj, ScorePlugin } from '../framework.ts';
import { nodeSelectorTermMatches } from '../node-selector.ts';
import { asList } from '../resources.ts';
import { normalize } from './normalize.ts';

export function preferredAffinityWeight(pod: Obj, node: Obj): number {
  let sum = 0;
  for (const t of asList(pod?.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution)) {
    const w = Number(t.weight ?? 0);
    if (!Number.isFinite(w) || w <= 0) continue;
    if (nodeSelectorTermMatches(t.preference, node)) sum += w;
  }
  return sum;
}

export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  score(pod, info, all, ctx) {
    const scores = ctx.memo('NodeAffinity/scores', () => {
      const raw = new Map<NodeInfo, number>();
      for (const i of all) raw.set(i, preferredAffinityWeight(pod, i.node));
      return normalize(raw, false);
    });
    return scores.get(info) ?? 0;
  },
};
