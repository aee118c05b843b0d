// Original file: proto/resources.proto


export interface HPAScalingPolicy {
  /**
   * Pods or Percent.
   */
  'type'?: (string);
  'value'?: (number);
  /**
   * The window the change is limited over.
   */
  'periodSeconds'?: (number);
}

export interface HPAScalingPolicy__Output {
  /**
   * Pods or Percent.
   */
  'type': (string);
  'value': (number);
  /**
   * The window the change is limited over.
   */
  'periodSeconds': (number);
}
