// Original file: proto/resources.proto


export interface MetricValueStatus {
  'value'?: (string);
  'averageValue'?: (string);
  'averageUtilization'?: (number);
  '_averageUtilization'?: "averageUtilization";
}

export interface MetricValueStatus__Output {
  'value': (string);
  'averageValue': (string);
  'averageUtilization'?: (number);
  '_averageUtilization'?: "averageUtilization";
}
