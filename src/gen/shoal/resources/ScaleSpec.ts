// Original file: proto/resources.proto


export interface ScaleSpec {
  /**
   * A plain number here (as in Kubernetes): omitted means 0.
   */
  'replicas'?: (number);
}

export interface ScaleSpec__Output {
  /**
   * A plain number here (as in Kubernetes): omitted means 0.
   */
  'replicas': (number);
}
