// Original file: proto/resources.proto


export interface LabelSelectorRequirement {
  'key'?: (string);
  /**
   * In, NotIn, Exists, DoesNotExist.
   */
  'operator'?: (string);
  /**
   * Must be empty for Exists/DoesNotExist, non-empty for In/NotIn.
   */
  'values'?: (string)[];
}

export interface LabelSelectorRequirement__Output {
  'key': (string);
  /**
   * In, NotIn, Exists, DoesNotExist.
   */
  'operator': (string);
  /**
   * Must be empty for Exists/DoesNotExist, non-empty for In/NotIn.
   */
  'values': (string)[];
}
