// Original file: proto/resources.proto


export interface ClientIPConfig {
  /**
   * Stickiness lifetime (default 10800, i.e. three hours).
   */
  'timeoutSeconds'?: (number);
  '_timeoutSeconds'?: "timeoutSeconds";
}

export interface ClientIPConfig__Output {
  /**
   * Stickiness lifetime (default 10800, i.e. three hours).
   */
  'timeoutSeconds'?: (number);
  '_timeoutSeconds'?: "timeoutSeconds";
}
