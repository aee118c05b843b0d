// Original file: proto/resources.proto


export interface NodeSelectorRequirement {
  'key'?: (string);
  /**
   * In, NotIn, Exists, DoesNotExist, Gt, Lt.
   */
  'operator'?: (string);
  'values'?: (string)[];
}

export interface NodeSelectorRequirement__Output {
  'key': (string);
  /**
   * In, NotIn, Exists, DoesNotExist, Gt, Lt.
   */
  'operator': (string);
  'values': (string)[];
}
