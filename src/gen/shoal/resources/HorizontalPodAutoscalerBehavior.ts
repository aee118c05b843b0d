// Original file: proto/resources.proto

import type { HPAScalingRules as _shoal_resources_HPAScalingRules, HPAScalingRules__Output as _shoal_resources_HPAScalingRules__Output } from '../../shoal/resources/HPAScalingRules.ts';

export interface HorizontalPodAutoscalerBehavior {
  'scaleUp'?: (_shoal_resources_HPAScalingRules | null);
  'scaleDown'?: (_shoal_resources_HPAScalingRules | null);
}

export interface HorizontalPodAutoscalerBehavior__Output {
  'scaleUp': (_shoal_resources_HPAScalingRules__Output | null);
  'scaleDown': (_shoal_resources_HPAScalingRules__Output | null);
}
