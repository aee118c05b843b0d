// Original file: proto/resources.proto


export interface TypedLocalObjectReference {
  /**
   * Empty for the core group.
   */
  'apiGroup'?: (string);
  'kind'?: (string);
  'name'?: (string);
  '_apiGroup'?: "apiGroup";
}

export interface TypedLocalObjectReference__Output {
  /**
   * Empty for the core group.
   */
  'apiGroup'?: (string);
  'kind': (string);
  'name': (string);
  '_apiGroup'?: "apiGroup";
}
