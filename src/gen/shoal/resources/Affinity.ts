// Original file: proto/resources.proto

import type { NodeAffinity as _shoal_resources_NodeAffinity, NodeAffinity__Output as _shoal_resources_NodeAffinity__Output } from '../../shoal/resources/NodeAffinity.ts';
import type { PodAffinity as _shoal_resources_PodAffinity, PodAffinity__Output as _shoal_resources_PodAffinity__Output } from '../../shoal/resources/PodAffinity.ts';
import type { PodAntiAffinity as _shoal_resources_PodAntiAffinity, PodAntiAffinity__Output as _shoal_resources_PodAntiAffinity__Output } from '../../shoal/resources/PodAntiAffinity.ts';

/**
 * Affinity: "IgnoredDuringExecution" rules are only checked when the pod is scheduled.
 */
export interface Affinity {
  'nodeAffinity'?: (_shoal_resources_NodeAffinity | null);
  'podAffinity'?: (_shoal_resources_PodAffinity | null);
  'podAntiAffinity'?: (_shoal_resources_PodAntiAffinity | null);
}

/**
 * Affinity: "IgnoredDuringExecution" rules are only checked when the pod is scheduled.
 */
export interface Affinity__Output {
  'nodeAffinity': (_shoal_resources_NodeAffinity__Output | null);
  'podAffinity': (_shoal_resources_PodAffinity__Output | null);
  'podAntiAffinity': (_shoal_resources_PodAntiAffinity__Output | null);
}
