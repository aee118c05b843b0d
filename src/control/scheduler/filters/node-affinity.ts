// NodeAffinity (filter): spec.nodeSelector (every label equal) and the required node affinity
// (requiredDuringSchedulingIgnoredDuringExecution: some nodeSelectorTerm matches; within a term
// every matchExpressions requirement on labels — In, NotIn, Exists, DoesNotExist, Gt, Lt — and
// every matchFields requirement on metadata.name — In, NotIn — holds).

import type { FilterPlugin } from '../framework.ts';
import { podMatchesNodeSelectorAndAffinity } from '../node-selector.ts';

export const ERR_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  filter(pod, info) {
    return podMatchesNodeSelectorAndAffinity(pod, info.node) ? undefined : ERR_NODE_AFFINITY;
  },
  skip(pod) {
    // Nothing to match: no nodeSelector object, no required node affinity.
    const sel = pod?.spec?.nodeSelector;
    const required = pod?.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    return (sel === null || typeof sel !== 'object') && (required === null || required === undefined);
  },
};
