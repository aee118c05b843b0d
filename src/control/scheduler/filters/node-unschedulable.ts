// NodeUnschedulable: a cordoned node (spec.unschedulable) takes no new pods, except pods that
// tolerate the node.kubernetes.io/unschedulable:NoSchedule taint (as DaemonSet pods do).

import type { FilterPlugin } from '../framework.ts';
import { podTolerations, TAINT_UNSCHEDULABLE, tolerationsTolerateTaint } from '../tolerations.ts';

export const ERR_UNSCHEDULABLE = 'node(s) were unschedulable';

export const nodeUnschedulableFilter: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, info) {
    if (!(info.summary ? info.summary.unschedulable : info.node?.spec?.unschedulable === true)) return undefined;
    const taint = { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' };
    return tolerationsTolerateTaint(podTolerations(pod), taint) ? undefined : ERR_UNSCHEDULABLE;
  },
};
