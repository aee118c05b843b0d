// Original file: proto/resources.proto


export interface ContainerStateWaiting {
  /**
   * e.g. ContainerCreating, ImagePullBackOff, CrashLoopBackOff.
   */
  'reason'?: (string);
  'message'?: (string);
}

export interface ContainerStateWaiting__Output {
  /**
   * e.g. ContainerCreating, ImagePullBackOff, CrashLoopBackOff.
   */
  'reason': (string);
  'message': (string);
}
