// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { HorizontalPodAutoscalerSpec as _shoal_resources_HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerSpec__Output as _shoal_resources_HorizontalPodAutoscalerSpec__Output } from '../../shoal/resources/HorizontalPodAutoscalerSpec.ts';
import type { HorizontalPodAutoscalerStatus as _shoal_resources_HorizontalPodAutoscalerStatus, HorizontalPodAutoscalerStatus__Output as _shoal_resources_HorizontalPodAutoscalerStatus__Output } from '../../shoal/resources/HorizontalPodAutoscalerStatus.ts';

export interface HorizontalPodAutoscaler {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_HorizontalPodAutoscalerSpec | null);
  'status'?: (_shoal_resources_HorizontalPodAutoscalerStatus | null);
}

export interface HorizontalPodAutoscaler__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_HorizontalPodAutoscalerSpec__Output | null);
  'status': (_shoal_resources_HorizontalPodAutoscalerStatus__Output | null);
}
