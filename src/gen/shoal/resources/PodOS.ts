// Original file: proto/resources.proto


export interface PodOS {
  /**
   * linux or windows.
   */
  'name'?: (string);
}

export interface PodOS__Output {
  /**
   * linux or windows.
   */
  'name': (string);
}
