// Original file: proto/resources.proto

import type { MetricIdentifier as _shoal_resources_MetricIdentifier, MetricIdentifier__Output as _shoal_resources_MetricIdentifier__Output } from '../../shoal/resources/MetricIdentifier.ts';
import type { MetricTarget as _shoal_resources_MetricTarget, MetricTarget__Output as _shoal_resources_MetricTarget__Output } from '../../shoal/resources/MetricTarget.ts';

/**
 * A metric from outside the cluster.
 */
export interface ExternalMetricSource {
  'metric'?: (_shoal_resources_MetricIdentifier | null);
  'target'?: (_shoal_resources_MetricTarget | null);
}

/**
 * A metric from outside the cluster.
 */
export interface ExternalMetricSource__Output {
  'metric': (_shoal_resources_MetricIdentifier__Output | null);
  'target': (_shoal_resources_MetricTarget__Output | null);
}
