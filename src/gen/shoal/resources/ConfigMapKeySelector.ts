// Original file: proto/resources.proto


export interface ConfigMapKeySelector {
  'name'?: (string);
  'key'?: (string);
  /**
   * When true a missing ConfigMap or key is not an error.
   */
  'optional'?: (boolean);
  '_optional'?: "optional";
}

export interface ConfigMapKeySelector__Output {
  'name': (string);
  'key': (string);
  /**
   * When true a missing ConfigMap or key is not an error.
   */
  'optional'?: (boolean);
  '_optional'?: "optional";
}
