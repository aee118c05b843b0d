// Original file: proto/resources.proto


/**
 * Repels pods that do not tolerate it.
 */
export interface Taint {
  'key'?: (string);
  'value'?: (string);
  /**
   * NoSchedule, PreferNoSchedule or NoExecute.
   */
  'effect'?: (string);
  /**
   * When a NoExecute taint was added (eviction timing counts from it).
   */
  'timeAdded'?: (string);
}

/**
 * Repels pods that do not tolerate it.
 */
export interface Taint__Output {
  'key': (string);
  'value': (string);
  /**
   * NoSchedule, PreferNoSchedule or NoExecute.
   */
  'effect': (string);
  /**
   * When a NoExecute taint was added (eviction timing counts from it).
   */
  'timeAdded': (string);
}
