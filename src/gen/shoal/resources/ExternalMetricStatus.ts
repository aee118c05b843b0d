// Original file: proto/resources.proto

import type { MetricIdentifier as _shoal_resources_MetricIdentifier, MetricIdentifier__Output as _shoal_resources_MetricIdentifier__Output } from '../../shoal/resources/MetricIdentifier.ts';
import type { MetricValueStatus as _shoal_resources_MetricValueStatus, MetricValueStatus__Output as _shoal_resources_MetricValueStatus__Output } from '../../shoal/resources/MetricValueStatus.ts';

export interface ExternalMetricStatus {
  'metric'?: (_shoal_resources_MetricIdentifier | null);
  'current'?: (_shoal_resources_MetricValueStatus | null);
}

export interface ExternalMetricStatus__Output {
  'metric': (_shoal_resources_MetricIdentifier__Output | null);
  'current': (_shoal_resources_MetricValueStatus__Output | null);
}
