// Original file: proto/resources.proto


export interface DeploymentCondition {
  /**
   * Available, Progressing or ReplicaFailure.
   */
  'type'?: (string);
  'status'?: (string);
  /**
   * Last time the condition was written, even without a transition.
   */
  'lastUpdateTime'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
}

export interface DeploymentCondition__Output {
  /**
   * Available, Progressing or ReplicaFailure.
   */
  'type': (string);
  'status': (string);
  /**
   * Last time the condition was written, even without a transition.
   */
  'lastUpdateTime': (string);
  'lastTransitionTime': (string);
  'reason': (string);
  'message': (string);
}
