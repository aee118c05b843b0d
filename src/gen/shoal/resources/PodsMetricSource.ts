// Original file: proto/resources.proto

import type { MetricIdentifier as _shoal_resources_MetricIdentifier, MetricIdentifier__Output as _shoal_resources_MetricIdentifier__Output } from '../../shoal/resources/MetricIdentifier.ts';
import type { MetricTarget as _shoal_resources_MetricTarget, MetricTarget__Output as _shoal_resources_MetricTarget__Output } from '../../shoal/resources/MetricTarget.ts';

/**
 * A custom metric averaged over the target's pods.
 */
export interface PodsMetricSource {
  'metric'?: (_shoal_resources_MetricIdentifier | null);
  'target'?: (_shoal_resources_MetricTarget | null);
}

/**
 * A custom metric averaged over the target's pods.
 */
export interface PodsMetricSource__Output {
  'metric': (_shoal_resources_MetricIdentifier__Output | null);
  'target': (_shoal_resources_MetricTarget__Output | null);
}
