// NodeName: a pod that names its node (spec.nodeName) fits that node only.

import type { FilterPlugin } from '../framework.ts';

export const ERR_NODE_NAME = "node(s) didn't match the requested node name";

export const nodeNameFilter: FilterPlugin = {
  name: 'NodeName',
  filter(pod, info) {
    const want = pod?.spec?.nodeName;
    if (want === undefined || want === null || want === '') return undefined;
    return want === info.node?.metadata?.name ? undefined : ERR_NODE_NAME;
  },
  skip(pod) {
    const want = pod?.spec?.nodeName;
    return want === undefined || want === null || want === '';
  },
};
