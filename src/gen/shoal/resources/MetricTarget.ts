// Original file: proto/resources.proto


export interface MetricTarget {
  /**
   * Utilization, Value or AverageValue; names the field that is set.
   */
  'type'?: (string);
  /**
   * Quantity.
   */
  'value'?: (string);
  /**
   * Quantity, per pod.
   */
  'averageValue'?: (string);
  /**
   * Percent of the pods' requests (Resource metrics only).
   */
  'averageUtilization'?: (number);
  '_averageUtilization'?: "averageUtilization";
}

export interface MetricTarget__Output {
  /**
   * Utilization, Value or AverageValue; names the field that is set.
   */
  'type': (string);
  /**
   * Quantity.
   */
  'value': (string);
  /**
   * Quantity, per pod.
   */
  'averageValue': (string);
  /**
   * Percent of the pods' requests (Resource metrics only).
   */
  'averageUtilization'?: (number);
  '_averageUtilization'?: "averageUtilization";
}
