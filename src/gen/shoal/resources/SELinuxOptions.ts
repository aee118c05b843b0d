// Original file: proto/resources.proto


export interface SELinuxOptions {
  'user'?: (string);
  'role'?: (string);
  'type'?: (string);
  'level'?: (string);
}

export interface SELinuxOptions__Output {
  'user': (string);
  'role': (string);
  'type': (string);
  'level': (string);
}
