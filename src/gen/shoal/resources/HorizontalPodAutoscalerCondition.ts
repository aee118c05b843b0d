// Original file: proto/resources.proto


export interface HorizontalPodAutoscalerCondition {
  /**
   * AbleToScale, ScalingActive or ScalingLimited.
   */
  'type'?: (string);
  'status'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
}

export interface HorizontalPodAutoscalerCondition__Output {
  /**
   * AbleToScale, ScalingActive or ScalingLimited.
   */
  'type': (string);
  'status': (string);
  'lastTransitionTime': (string);
  'reason': (string);
  'message': (string);
}
