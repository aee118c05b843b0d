// Original file: proto/node.proto


export interface PodGone {
  'namespace'?: (string);
  'name'?: (string);
  'uid'?: (string);
}

export interface PodGone__Output {
  'namespace': (string);
  'name': (string);
  'uid': (string);
}
