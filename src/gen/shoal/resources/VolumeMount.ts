// Original file: proto/resources.proto


export interface VolumeMount {
  /**
   * Name of a volume of the pod.
   */
  'name'?: (string);
  'readOnly'?: (boolean);
  /**
   * Disabled, IfPossible or Enabled.
   */
  'recursiveReadOnly'?: (string);
  'mountPath'?: (string);
  /**
   * Mount only this path inside the volume instead of its root.
   */
  'subPath'?: (string);
  /**
   * None, HostToContainer or Bidirectional.
   */
  'mountPropagation'?: (string);
  /**
   * Like subPath, with $(VAR) expanded from the container's environment.
   */
  'subPathExpr'?: (string);
  '_recursiveReadOnly'?: "recursiveReadOnly";
  '_mountPropagation'?: "mountPropagation";
}

export interface VolumeMount__Output {
  /**
   * Name of a volume of the pod.
   */
  'name': (string);
  'readOnly': (boolean);
  /**
   * Disabled, IfPossible or Enabled.
   */
  'recursiveReadOnly'?: (string);
  'mountPath': (string);
  /**
   * Mount only this path inside the volume instead of its root.
   */
  'subPath': (string);
  /**
   * None, HostToContainer or Bidirectional.
   */
  'mountPropagation'?: (string);
  /**
   * Like subPath, with $(VAR) expanded from the container's environment.
   */
  'subPathExpr': (string);
  '_recursiveReadOnly'?: "recursiveReadOnly";
  '_mountPropagation'?: "mountPropagation";
}
