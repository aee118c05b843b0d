// Original file: proto/resources.proto

import type { CrossVersionObjectReference as _shoal_resources_CrossVersionObjectReference, CrossVersionObjectReference__Output as _shoal_resources_CrossVersionObjectReference__Output } from '../../shoal/resources/CrossVersionObjectReference.ts';
import type { MetricSpec as _shoal_resources_MetricSpec, MetricSpec__Output as _shoal_resources_MetricSpec__Output } from '../../shoal/resources/MetricSpec.ts';
import type { HorizontalPodAutoscalerBehavior as _shoal_resources_HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerBehavior__Output as _shoal_resources_HorizontalPodAutoscalerBehavior__Output } from '../../shoal/resources/HorizontalPodAutoscalerBehavior.ts';

export interface HorizontalPodAutoscalerSpec {
  /**
   * The object whose scale subresource is driven (e.g. a Deployment).
   */
  'scaleTargetRef'?: (_shoal_resources_CrossVersionObjectReference | null);
  /**
   * Defaults to 1.
   */
  'minReplicas'?: (number);
  'maxReplicas'?: (number);
  /**
   * The largest replica count proposed by any metric wins (default: 80% average CPU).
   */
  'metrics'?: (_shoal_resources_MetricSpec)[];
  'behavior'?: (_shoal_resources_HorizontalPodAutoscalerBehavior | null);
  '_minReplicas'?: "minReplicas";
}

export interface HorizontalPodAutoscalerSpec__Output {
  /**
   * The object whose scale subresource is driven (e.g. a Deployment).
   */
  'scaleTargetRef': (_shoal_resources_CrossVersionObjectReference__Output | null);
  /**
   * Defaults to 1.
   */
  'minReplicas'?: (number);
  'maxReplicas': (number);
  /**
   * The largest replica count proposed by any metric wins (default: 80% average CPU).
   */
  'metrics': (_shoal_resources_MetricSpec__Output)[];
  'behavior': (_shoal_resources_HorizontalPodAutoscalerBehavior__Output | null);
  '_minReplicas'?: "minReplicas";
}
