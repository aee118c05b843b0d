// Original file: proto/resources.proto

import type { MetricTarget as _shoal_resources_MetricTarget, MetricTarget__Output as _shoal_resources_MetricTarget__Output } from '../../shoal/resources/MetricTarget.ts';

export interface ContainerResourceMetricSource {
  'name'?: (string);
  'target'?: (_shoal_resources_MetricTarget | null);
  'container'?: (string);
}

export interface ContainerResourceMetricSource__Output {
  'name': (string);
  'target': (_shoal_resources_MetricTarget__Output | null);
  'container': (string);
}
