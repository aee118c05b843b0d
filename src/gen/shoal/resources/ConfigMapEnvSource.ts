// Original file: proto/resources.proto


export interface ConfigMapEnvSource {
  'name'?: (string);
  'optional'?: (boolean);
  '_optional'?: "optional";
}

export interface ConfigMapEnvSource__Output {
  'name': (string);
  'optional'?: (boolean);
  '_optional'?: "optional";
}
