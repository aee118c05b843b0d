// Original file: proto/resources.proto


export interface ReplicationControllerCondition {
  'type'?: (string);
  'status'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
}

export interface ReplicationControllerCondition__Output {
  'type': (string);
  'status': (string);
  'lastTransitionTime': (string);
  'reason': (string);
  'message': (string);
}
