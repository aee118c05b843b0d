// Original file: proto/resources.proto


/**
 * Selects one key of a ConfigMap or Secret and the file it is written to.
 */
export interface KeyToPath {
  'key'?: (string);
  /**
   * Relative; may not contain "..".
   */
  'path'?: (string);
  /**
   * File mode bits (JSON accepts decimal only, e.g. 420 for 0644).
   */
  'mode'?: (number);
  '_mode'?: "mode";
}

/**
 * Selects one key of a ConfigMap or Secret and the file it is written to.
 */
export interface KeyToPath__Output {
  'key': (string);
  /**
   * Relative; may not contain "..".
   */
  'path': (string);
  /**
   * File mode bits (JSON accepts decimal only, e.g. 420 for 0644).
   */
  'mode'?: (number);
  '_mode'?: "mode";
}
