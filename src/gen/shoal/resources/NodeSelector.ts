// Original file: proto/resources.proto

import type { NodeSelectorTerm as _shoal_resources_NodeSelectorTerm, NodeSelectorTerm__Output as _shoal_resources_NodeSelectorTerm__Output } from '../../shoal/resources/NodeSelectorTerm.ts';

/**
 * The terms are ORed; the requirements inside one term are ANDed.
 */
export interface NodeSelector {
  'nodeSelectorTerms'?: (_shoal_resources_NodeSelectorTerm)[];
}

/**
 * The terms are ORed; the requirements inside one term are ANDed.
 */
export interface NodeSelector__Output {
  'nodeSelectorTerms': (_shoal_resources_NodeSelectorTerm__Output)[];
}
