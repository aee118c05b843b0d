// Original file: proto/resources.proto


export interface PodReadinessGate {
  'conditionType'?: (string);
}

export interface PodReadinessGate__Output {
  'conditionType': (string);
}
