// Original file: proto/resources.proto


export interface ScaleStatus {
  'replicas'?: (number);
  /**
   * The target's label selector in string form (e.g. "app=web,tier in (fe)").
   */
  'selector'?: (string);
}

export interface ScaleStatus__Output {
  'replicas': (number);
  /**
   * The target's label selector in string form (e.g. "app=web,tier in (fe)").
   */
  'selector': (string);
}
