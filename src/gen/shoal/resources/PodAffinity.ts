// Original file: proto/resources.proto

import type { PodAffinityTerm as _shoal_resources_PodAffinityTerm, PodAffinityTerm__Output as _shoal_resources_PodAffinityTerm__Output } from '../../shoal/resources/PodAffinityTerm.ts';
import type { WeightedPodAffinityTerm as _shoal_resources_WeightedPodAffinityTerm, WeightedPodAffinityTerm__Output as _shoal_resources_WeightedPodAffinityTerm__Output } from '../../shoal/resources/WeightedPodAffinityTerm.ts';

export interface PodAffinity {
  'requiredDuringSchedulingIgnoredDuringExecution'?: (_shoal_resources_PodAffinityTerm)[];
  'preferredDuringSchedulingIgnoredDuringExecution'?: (_shoal_resources_WeightedPodAffinityTerm)[];
}

export interface PodAffinity__Output {
  'requiredDuringSchedulingIgnoredDuringExecution': (_shoal_resources_PodAffinityTerm__Output)[];
  'preferredDuringSchedulingIgnoredDuringExecution': (_shoal_resources_WeightedPodAffinityTerm__Output)[];
}
