// Original file: proto/resources.proto


export interface SecretEnvSource {
  'name'?: (string);
  'optional'?: (boolean);
  '_optional'?: "optional";
}

export interface SecretEnvSource__Output {
  'name': (string);
  'optional'?: (boolean);
  '_optional'?: "optional";
}
