// TaintToleration (filter): a node's NoSchedule and NoExecute taints must each be tolerated by
// the pod. PreferNoSchedule taints only lower the score (see scores/taint-toleration.ts).

import type { FilterPlugin } from '../framework.ts';
import { formatTaint, nodeTaints, podTolerations, tolerationsTolerateTaint } from '../tolerations.ts';

/** The reason for the first untolerated taint, e.g. `node(s) had untolerated taint {dedicated: gpu}`. */
export const errUntoleratedTaint = (taint: Record<string, any>) => `node(s) had untolerated taint ${formatTaint(taint)}`;

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, info) {
    if (info.summary && !info.summary.tainted) return undefined;
    const taints = info.node?.spec?.taints;
    if (!Array.isArray(taints) || taints.length === 0) return undefined;
    const tolerations = podTolerations(pod);
    for (const taint of nodeTaints(info.node)) {
      if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
      if (!tolerationsTolerateTaint(tolerations, taint)) return errUntoleratedTaint(taint);
    }
    return undefined;
  },
};
