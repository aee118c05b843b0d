// Original file: proto/resources.proto

import type { CrossVersionObjectReference as _shoal_resources_CrossVersionObjectReference, CrossVersionObjectReference__Output as _shoal_resources_CrossVersionObjectReference__Output } from '../../shoal/resources/CrossVersionObjectReference.ts';
import type { MetricTarget as _shoal_resources_MetricTarget, MetricTarget__Output as _shoal_resources_MetricTarget__Output } from '../../shoal/resources/MetricTarget.ts';
import type { MetricIdentifier as _shoal_resources_MetricIdentifier, MetricIdentifier__Output as _shoal_resources_MetricIdentifier__Output } from '../../shoal/resources/MetricIdentifier.ts';

/**
 * A metric describing one other object (e.g. requests per second on an Ingress).
 */
export interface ObjectMetricSource {
  'describedObject'?: (_shoal_resources_CrossVersionObjectReference | null);
  'target'?: (_shoal_resources_MetricTarget | null);
  'metric'?: (_shoal_resources_MetricIdentifier | null);
}

/**
 * A metric describing one other object (e.g. requests per second on an Ingress).
 */
export interface ObjectMetricSource__Output {
  'describedObject': (_shoal_resources_CrossVersionObjectReference__Output | null);
  'target': (_shoal_resources_MetricTarget__Output | null);
  'metric': (_shoal_resources_MetricIdentifier__Output | null);
}
