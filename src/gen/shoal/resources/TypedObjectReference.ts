// Original file: proto/resources.proto


export interface TypedObjectReference {
  'apiGroup'?: (string);
  'kind'?: (string);
  'name'?: (string);
  'namespace'?: (string);
  '_apiGroup'?: "apiGroup";
  '_namespace'?: "namespace";
}

export interface TypedObjectReference__Output {
  'apiGroup'?: (string);
  'kind': (string);
  'name': (string);
  'namespace'?: (string);
  '_apiGroup'?: "apiGroup";
  '_namespace'?: "namespace";
}
