// Original file: proto/resources.proto

import type { PodAffinityTerm as _shoal_resources_PodAffinityTerm, PodAffinityTerm__Output as _shoal_resources_PodAffinityTerm__Output } from '../../shoal/resources/PodAffinityTerm.ts';

export interface WeightedPodAffinityTerm {
  'weight'?: (number);
  'podAffinityTerm'?: (_shoal_resources_PodAffinityTerm | null);
}

export interface WeightedPodAffinityTerm__Output {
  'weight': (number);
  'podAffinityTerm': (_shoal_resources_PodAffinityTerm__Output | null);
}
