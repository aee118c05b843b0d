// Original file: proto/resources.proto

import type { ObjectMetricStatus as _shoal_resources_ObjectMetricStatus, ObjectMetricStatus__Output as _shoal_resources_ObjectMetricStatus__Output } from '../../shoal/resources/ObjectMetricStatus.ts';
import type { PodsMetricStatus as _shoal_resources_PodsMetricStatus, PodsMetricStatus__Output as _shoal_resources_PodsMetricStatus__Output } from '../../shoal/resources/PodsMetricStatus.ts';
import type { ResourceMetricStatus as _shoal_resources_ResourceMetricStatus, ResourceMetricStatus__Output as _shoal_resources_ResourceMetricStatus__Output } from '../../shoal/resources/ResourceMetricStatus.ts';
import type { ContainerResourceMetricStatus as _shoal_resources_ContainerResourceMetricStatus, ContainerResourceMetricStatus__Output as _shoal_resources_ContainerResourceMetricStatus__Output } from '../../shoal/resources/ContainerResourceMetricStatus.ts';
import type { ExternalMetricStatus as _shoal_resources_ExternalMetricStatus, ExternalMetricStatus__Output as _shoal_resources_ExternalMetricStatus__Output } from '../../shoal/resources/ExternalMetricStatus.ts';

export interface MetricStatus {
  'type'?: (string);
  'object'?: (_shoal_resources_ObjectMetricStatus | null);
  'pods'?: (_shoal_resources_PodsMetricStatus | null);
  'resource'?: (_shoal_resources_ResourceMetricStatus | null);
  'containerResource'?: (_shoal_resources_ContainerResourceMetricStatus | null);
  'external'?: (_shoal_resources_ExternalMetricStatus | null);
}

export interface MetricStatus__Output {
  'type': (string);
  'object': (_shoal_resources_ObjectMetricStatus__Output | null);
  'pods': (_shoal_resources_PodsMetricStatus__Output | null);
  'resource': (_shoal_resources_ResourceMetricStatus__Output | null);
  'containerResource': (_shoal_resources_ContainerResourceMetricStatus__Output | null);
  'external': (_shoal_resources_ExternalMetricStatus__Output | null);
}
