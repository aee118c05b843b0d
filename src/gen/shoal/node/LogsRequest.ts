// Original file: proto/node.proto


export interface LogsRequest {
  'namespace'?: (string);
  'name'?: (string);
  /**
   * "" = the pod's only (or first) container.
   */
  'container'?: (string);
  'follow'?: (boolean);
  /**
   * Last N lines; -1 = all.
   */
  'tailLines'?: (number);
  /**
   * The instance before the last restart.
   */
  'previous'?: (boolean);
  'timestamps'?: (boolean);
}

export interface LogsRequest__Output {
  'namespace': (string);
  'name': (string);
  /**
   * "" = the pod's only (or first) container.
   */
  'container': (string);
  'follow': (boolean);
  /**
   * Last N lines; -1 = all.
   */
  'tailLines': (number);
  /**
   * The instance before the last restart.
   */
  'previous': (boolean);
  'timestamps': (boolean);
}
