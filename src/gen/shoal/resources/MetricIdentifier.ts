// Original file: proto/resources.proto

import type { LabelSelector as _shoal_resources_LabelSelector, LabelSelector__Output as _shoal_resources_LabelSelector__Output } from '../../shoal/resources/LabelSelector.ts';

export interface MetricIdentifier {
  'name'?: (string);
  /**
   * Narrows the metric by its labels.
   */
  'selector'?: (_shoal_resources_LabelSelector | null);
}

export interface MetricIdentifier__Output {
  'name': (string);
  /**
   * Narrows the metric by its labels.
   */
  'selector': (_shoal_resources_LabelSelector__Output | null);
}
