// Original file: proto/resources.proto


export interface EmptyDirVolumeSource {
  /**
   * "" (node disk) or Memory (tmpfs).
   */
  'medium'?: (string);
  /**
   * Quantity.
   */
  'sizeLimit'?: (string);
}

export interface EmptyDirVolumeSource__Output {
  /**
   * "" (node disk) or Memory (tmpfs).
   */
  'medium': (string);
  /**
   * Quantity.
   */
  'sizeLimit': (string);
}
