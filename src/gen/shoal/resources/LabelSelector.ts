// Original file: proto/resources.proto

import type { LabelSelectorRequirement as _shoal_resources_LabelSelectorRequirement, LabelSelectorRequirement__Output as _shoal_resources_LabelSelectorRequirement__Output } from '../../shoal/resources/LabelSelectorRequirement.ts';

/**
 * Selects objects by labels. All clauses must match (AND); an empty selector matches all.
 */
export interface LabelSelector {
  'matchLabels'?: ({[key: string]: string});
  'matchExpressions'?: (_shoal_resources_LabelSelectorRequirement)[];
}

/**
 * Selects objects by labels. All clauses must match (AND); an empty selector matches all.
 */
export interface LabelSelector__Output {
  'matchLabels': ({[key: string]: string});
  'matchExpressions': (_shoal_resources_LabelSelectorRequirement__Output)[];
}
