// Original file: proto/resources.proto

import type { MetricValueStatus as _shoal_resources_MetricValueStatus, MetricValueStatus__Output as _shoal_resources_MetricValueStatus__Output } from '../../shoal/resources/MetricValueStatus.ts';

export interface ResourceMetricStatus {
  'name'?: (string);
  'current'?: (_shoal_resources_MetricValueStatus | null);
}

export interface ResourceMetricStatus__Output {
  'name': (string);
  'current': (_shoal_resources_MetricValueStatus__Output | null);
}
