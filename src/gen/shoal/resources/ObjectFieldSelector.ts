// Original file: proto/resources.proto


export interface ObjectFieldSelector {
  /**
   * Version of the schema fieldPath is written in (default "v1").
   */
  'apiVersion'?: (string);
  'fieldPath'?: (string);
}

export interface ObjectFieldSelector__Output {
  /**
   * Version of the schema fieldPath is written in (default "v1").
   */
  'apiVersion': (string);
  'fieldPath': (string);
}
