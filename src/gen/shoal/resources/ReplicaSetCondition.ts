// Original file: proto/resources.proto


export interface ReplicaSetCondition {
  /**
   * e.g. ReplicaFailure.
   */
  'type'?: (string);
  'status'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
}

export interface ReplicaSetCondition__Output {
  /**
   * e.g. ReplicaFailure.
   */
  'type': (string);
  'status': (string);
  'lastTransitionTime': (string);
  'reason': (string);
  'message': (string);
}
