// TaintToleration (score): prefers nodes with fewer PreferNoSchedule taints that the pod does
// not tolerate (only tolerations with effect PreferNoSchedule or empty count). The counts are
// scaled and reversed: the node(s) with the fewest get 100, the most get 0 (all 100 when no
// node has any).

import type { NodeInfo, Obj, ScorePlugin } from '../framework.ts';
import { nodeTaints, podTolerations, tolerationsTolerateTaint } from '../tolerations.ts';
import { byNode, normalizeInPlace } from './normalize.ts';

export function untoleratedPreferNoSchedule(pod: Obj, node: Obj, tolerations = preferNoScheduleTolerations(pod)): number {
  const taints = node?.spec?.taints;
  if (!Array.isArray(taints) || taints.length === 0) return 0;
  return nodeTaints(node).filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)).length;
}

/** The pod's tolerations that can tolerate a PreferNoSchedule taint (effect empty or PreferNoSchedule). */
function preferNoScheduleTolerations(pod: Obj): Obj[] {
  return podTolerations(pod).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

/** Every node's score, in the order of `all`. */
function taintScores(pod: Obj, all: NodeInfo[]): number[] {
  const tolerations = preferNoScheduleTolerations(pod);
  return normalizeInPlace(
    all.map((i) => (i.summary && !i.summary.tainted ? 0 : untoleratedPreferNoSchedule(pod, i.node, tolerations))),
    true,
  );
}

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(pod, info, all, ctx) {
    return ctx.memo('TaintToleration/byNode', () => byNode(all, taintScores(pod, all))).get(info) ?? 0;
  },
  scoreAll(pod, all) {
    return taintScores(pod, all);
  },
};
