// Original file: proto/resources.proto

import type { ObjectMetricSource as _shoal_resources_ObjectMetricSource, ObjectMetricSource__Output as _shoal_resources_ObjectMetricSource__Output } from '../../shoal/resources/ObjectMetricSource.ts';
import type { PodsMetricSource as _shoal_resources_PodsMetricSource, PodsMetricSource__Output as _shoal_resources_PodsMetricSource__Output } from '../../shoal/resources/PodsMetricSource.ts';
import type { ResourceMetricSource as _shoal_resources_ResourceMetricSource, ResourceMetricSource__Output as _shoal_resources_ResourceMetricSource__Output } from '../../shoal/resources/ResourceMetricSource.ts';
import type { ContainerResourceMetricSource as _shoal_resources_ContainerResourceMetricSource, ContainerResourceMetricSource__Output as _shoal_resources_ContainerResourceMetricSource__Output } from '../../shoal/resources/ContainerResourceMetricSource.ts';
import type { ExternalMetricSource as _shoal_resources_ExternalMetricSource, ExternalMetricSource__Output as _shoal_resources_ExternalMetricSource__Output } from '../../shoal/resources/ExternalMetricSource.ts';

export interface MetricSpec {
  /**
   * Object, Pods, Resource, ContainerResource or External; names the field that is set.
   */
  'type'?: (string);
  'object'?: (_shoal_resources_ObjectMetricSource | null);
  'pods'?: (_shoal_resources_PodsMetricSource | null);
  'resource'?: (_shoal_resources_ResourceMetricSource | null);
  'containerResource'?: (_shoal_resources_ContainerResourceMetricSource | null);
  'external'?: (_shoal_resources_ExternalMetricSource | null);
}

export interface MetricSpec__Output {
  /**
   * Object, Pods, Resource, ContainerResource or External; names the field that is set.
   */
  'type': (string);
  'object': (_shoal_resources_ObjectMetricSource__Output | null);
  'pods': (_shoal_resources_PodsMetricSource__Output | null);
  'resource': (_shoal_resources_ResourceMetricSource__Output | null);
  'containerResource': (_shoal_resources_ContainerResourceMetricSource__Output | null);
  'external': (_shoal_resources_ExternalMetricSource__Output | null);
}
