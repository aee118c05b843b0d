// Original file: proto/resources.proto


export interface NamespaceCondition {
  'type'?: (string);
  'status'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
}

export interface NamespaceCondition__Output {
  'type': (string);
  'status': (string);
  'lastTransitionTime': (string);
  'reason': (string);
  'message': (string);
}
