// Original file: proto/node.proto


export interface PodRef {
  'namespace'?: (string);
  'name'?: (string);
  'uid'?: (string);
}

export interface PodRef__Output {
  'namespace': (string);
  'name': (string);
  'uid': (string);
}
