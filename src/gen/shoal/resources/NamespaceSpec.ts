// Original file: proto/resources.proto


export interface NamespaceSpec {
  /**
   * Must be emptied (by their owners) before a terminating namespace is removed.
   */
  'finalizers'?: (string)[];
}

export interface NamespaceSpec__Output {
  /**
   * Must be emptied (by their owners) before a terminating namespace is removed.
   */
  'finalizers': (string)[];
}
