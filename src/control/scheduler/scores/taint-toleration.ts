// TaintToleration (score): prefers nodes with fewer PreferNoSchedule taints that the pod does
// not tolerate (only tolerations with effect PreferNoSchedule or empty count). The counts are
// scaled and reversed: the node(s) with the fewest get 100, the most get 0 (all 100 when no
// node has any).

import type { NodeInfo, Obj, ScorePlugin } from '../framework.ts';
import { nodeTaints, podTolerations, tolerationsTolerateTaint } from '../tolerations.ts';
import { normalize } from './normalize.ts';

export function untoleratedPreferNoSchedule(pod: Obj, node: Obj): number {
  const tolerations = podTolerations(pod).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  return nodeTaints(node).filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)).length;
}

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(pod, info, all, ctx) {
    const scores = ctx.memo('TaintToleration/scores', () => {
      const raw = new Map<NodeInfo, number>();
      for (const i of all) raw.set(i, untoleratedPreferNoSchedule(pod, i.node));
      return normalize(raw, true);
    });
    return scores.get(info) ?? 0;
  },
};
