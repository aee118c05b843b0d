// Original file: proto/resources.proto

import type { LabelSelector as _shoal_resources_LabelSelector, LabelSelector__Output as _shoal_resources_LabelSelector__Output } from '../../shoal/resources/LabelSelector.ts';

/**
 * Pods matching labelSelector (in the listed or selected namespaces; default: this pod's) that
 * run in the same topologyKey domain.
 */
export interface PodAffinityTerm {
  'labelSelector'?: (_shoal_resources_LabelSelector | null);
  'namespaces'?: (string)[];
  'topologyKey'?: (string);
  'namespaceSelector'?: (_shoal_resources_LabelSelector | null);
  'matchLabelKeys'?: (string)[];
  'mismatchLabelKeys'?: (string)[];
}

/**
 * Pods matching labelSelector (in the listed or selected namespaces; default: this pod's) that
 * run in the same topologyKey domain.
 */
export interface PodAffinityTerm__Output {
  'labelSelector': (_shoal_resources_LabelSelector__Output | null);
  'namespaces': (string)[];
  'topologyKey': (string);
  'namespaceSelector': (_shoal_resources_LabelSelector__Output | null);
  'matchLabelKeys': (string)[];
  'mismatchLabelKeys': (string)[];
}
