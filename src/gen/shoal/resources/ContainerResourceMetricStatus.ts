// Original file: proto/resources.proto

import type { MetricValueStatus as _shoal_resources_MetricValueStatus, MetricValueStatus__Output as _shoal_resources_MetricValueStatus__Output } from '../../shoal/resources/MetricValueStatus.ts';

export interface ContainerResourceMetricStatus {
  'name'?: (string);
  'current'?: (_shoal_resources_MetricValueStatus | null);
  'container'?: (string);
}

export interface ContainerResourceMetricStatus__Output {
  'name': (string);
  'current': (_shoal_resources_MetricValueStatus__Output | null);
  'container': (string);
}
