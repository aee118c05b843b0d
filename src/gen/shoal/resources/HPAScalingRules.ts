// Original file: proto/resources.proto

import type { HPAScalingPolicy as _shoal_resources_HPAScalingPolicy, HPAScalingPolicy__Output as _shoal_resources_HPAScalingPolicy__Output } from '../../shoal/resources/HPAScalingPolicy.ts';

export interface HPAScalingRules {
  /**
   * Past recommendations within this window are considered, damping flapping (defaults: 0 up,
   * 300 down).
   */
  'stabilizationWindowSeconds'?: (number);
  /**
   * Max (default), Min or Disabled: which policy wins, or no scaling in this direction.
   */
  'selectPolicy'?: (string);
  'policies'?: (_shoal_resources_HPAScalingPolicy)[];
  /**
   * Quantity: relative change below which no scaling happens.
   */
  'tolerance'?: (string);
  '_stabilizationWindowSeconds'?: "stabilizationWindowSeconds";
  '_selectPolicy'?: "selectPolicy";
  '_tolerance'?: "tolerance";
}

export interface HPAScalingRules__Output {
  /**
   * Past recommendations within this window are considered, damping flapping (defaults: 0 up,
   * 300 down).
   */
  'stabilizationWindowSeconds'?: (number);
  /**
   * Max (default), Min or Disabled: which policy wins, or no scaling in this direction.
   */
  'selectPolicy'?: (string);
  'policies': (_shoal_resources_HPAScalingPolicy__Output)[];
  /**
   * Quantity: relative change below which no scaling happens.
   */
  'tolerance'?: (string);
  '_stabilizationWindowSeconds'?: "stabilizationWindowSeconds";
  '_selectPolicy'?: "selectPolicy";
  '_tolerance'?: "tolerance";
}
