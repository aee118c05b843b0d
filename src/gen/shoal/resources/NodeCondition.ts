// Original file: proto/resources.proto


export interface NodeCondition {
  /**
   * Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.
   */
  'type'?: (string);
  'status'?: (string);
  /**
   * Last time the agent reported this condition, changed or not.
   */
  'lastHeartbeatTime'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
}

export interface NodeCondition__Output {
  /**
   * Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.
   */
  'type': (string);
  'status': (string);
  /**
   * Last time the agent reported this condition, changed or not.
   */
  'lastHeartbeatTime': (string);
  'lastTransitionTime': (string);
  'reason': (string);
  'message': (string);
}
