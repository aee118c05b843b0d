// Original file: proto/resources.proto


export interface ContainerStateTerminated {
  'exitCode'?: (number);
  /**
   * Signal that killed it, if any.
   */
  'signal'?: (number);
  /**
   * e.g. Completed, Error, OOMKilled.
   */
  'reason'?: (string);
  'message'?: (string);
  'startedAt'?: (string);
  'finishedAt'?: (string);
  'containerID'?: (string);
}

export interface ContainerStateTerminated__Output {
  'exitCode': (number);
  /**
   * Signal that killed it, if any.
   */
  'signal': (number);
  /**
   * e.g. Completed, Error, OOMKilled.
   */
  'reason': (string);
  'message': (string);
  'startedAt': (string);
  'finishedAt': (string);
  'containerID': (string);
}
