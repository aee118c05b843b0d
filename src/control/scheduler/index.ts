// The scheduling algorithm and its plugins (see algorithm.ts).

export * from './algorithm.ts';
export * from './node-info.ts';
export * from './node-summary.ts';
export * from './node-cache.ts';
export * from './resources.ts';
export * from './tolerations.ts';
export * from './node-selector.ts';
export { nodeUnschedulableFilter, ERR_UNSCHEDULABLE } from './filters/node-unschedulable.ts';
export { nodeReadyFilter, nodeReadyStatus, ERR_NOT_READY } from './filters/node-ready.ts';
export { nodeNameFilter, ERR_NODE_NAME } from './filters/node-name.ts';
export { taintTolerationFilter, errUntoleratedTaint } from './filters/taint-toleration.ts';
export { nodeAffinityFilter, ERR_NODE_AFFINITY } from './filters/node-affinity.ts';
export { nodePortsFilter, podHostPorts, hostPortsConflict, ERR_NODE_PORTS, type HostPort } from './filters/node-ports.ts';
export { nodeResourcesFitFilter, ERR_TOO_MANY_PODS, errInsufficient } from './filters/node-resources-fit.ts';
export { leastAllocatedScore, leastRequestedScore } from './scores/least-allocated.ts';
export { balancedAllocationScore, balancedScore } from './scores/balanced-allocation.ts';
export { selectorSpreadScore, controllerUid, zoneKey } from './scores/selector-spread.ts';
export { nodeAffinityScore, preferredAffinityWeight } from './scores/node-affinity.ts';
export { taintTolerationScore, untoleratedPreferNoSchedule } from './scores/taint-toleration.ts';
export { normalize } from './scores/normalize.ts';
