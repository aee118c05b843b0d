// Original file: proto/resources.proto


export interface CrossVersionObjectReference {
  'kind'?: (string);
  'name'?: (string);
  'apiVersion'?: (string);
}

export interface CrossVersionObjectReference__Output {
  'kind': (string);
  'name': (string);
  'apiVersion': (string);
}
