// Original file: proto/resources.proto

import type { NodeSelectorTerm as _shoal_resources_NodeSelectorTerm, NodeSelectorTerm__Output as _shoal_resources_NodeSelectorTerm__Output } from '../../shoal/resources/NodeSelectorTerm.ts';

export interface PreferredSchedulingTerm {
  /**
   * 1-100, added to a node's score when the term matches.
   */
  'weight'?: (number);
  'preference'?: (_shoal_resources_NodeSelectorTerm | null);
}

export interface PreferredSchedulingTerm__Output {
  /**
   * 1-100, added to a node's score when the term matches.
   */
  'weight': (number);
  'preference': (_shoal_resources_NodeSelectorTerm__Output | null);
}
