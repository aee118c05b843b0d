// Original file: proto/resources.proto

import type { NodeSelectorRequirement as _shoal_resources_NodeSelectorRequirement, NodeSelectorRequirement__Output as _shoal_resources_NodeSelectorRequirement__Output } from '../../shoal/resources/NodeSelectorRequirement.ts';

export interface NodeSelectorTerm {
  /**
   * On node labels.
   */
  'matchExpressions'?: (_shoal_resources_NodeSelectorRequirement)[];
  /**
   * On node fields (only metadata.name).
   */
  'matchFields'?: (_shoal_resources_NodeSelectorRequirement)[];
}

export interface NodeSelectorTerm__Output {
  /**
   * On node labels.
   */
  'matchExpressions': (_shoal_resources_NodeSelectorRequirement__Output)[];
  /**
   * On node fields (only metadata.name).
   */
  'matchFields': (_shoal_resources_NodeSelectorRequirement__Output)[];
}
