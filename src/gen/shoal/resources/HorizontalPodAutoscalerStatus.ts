// Original file: proto/resources.proto

import type { MetricStatus as _shoal_resources_MetricStatus, MetricStatus__Output as _shoal_resources_MetricStatus__Output } from '../../shoal/resources/MetricStatus.ts';
import type { HorizontalPodAutoscalerCondition as _shoal_resources_HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerCondition__Output as _shoal_resources_HorizontalPodAutoscalerCondition__Output } from '../../shoal/resources/HorizontalPodAutoscalerCondition.ts';
import type { Long } from '@grpc/proto-loader';

export interface HorizontalPodAutoscalerStatus {
  'observedGeneration'?: (number | string | Long);
  'lastScaleTime'?: (string);
  'currentReplicas'?: (number);
  'desiredReplicas'?: (number);
  'currentMetrics'?: (_shoal_resources_MetricStatus)[];
  'conditions'?: (_shoal_resources_HorizontalPodAutoscalerCondition)[];
  '_observedGeneration'?: "observedGeneration";
}

export interface HorizontalPodAutoscalerStatus__Output {
  'observedGeneration'?: (number);
  'lastScaleTime': (string);
  'currentReplicas': (number);
  'desiredReplicas': (number);
  'currentMetrics': (_shoal_resources_MetricStatus__Output)[];
  'conditions': (_shoal_resources_HorizontalPodAutoscalerCondition__Output)[];
  '_observedGeneration'?: "observedGeneration";
}
