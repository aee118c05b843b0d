// Original file: proto/resources.proto

import type { MetricTarget as _shoal_resources_MetricTarget, MetricTarget__Output as _shoal_resources_MetricTarget__Output } from '../../shoal/resources/MetricTarget.ts';

/**
 * cpu or memory of the target's pods, as known to the scheduler.
 */
export interface ResourceMetricSource {
  'name'?: (string);
  'target'?: (_shoal_resources_MetricTarget | null);
}

/**
 * cpu or memory of the target's pods, as known to the scheduler.
 */
export interface ResourceMetricSource__Output {
  'name': (string);
  'target': (_shoal_resources_MetricTarget__Output | null);
}
