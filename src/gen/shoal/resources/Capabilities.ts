// Original file: proto/resources.proto


export interface Capabilities {
  /**
   * POSIX capability names, e.g. NET_ADMIN (without CAP_).
   */
  'add'?: (string)[];
  'drop'?: (string)[];
}

export interface Capabilities__Output {
  /**
   * POSIX capability names, e.g. NET_ADMIN (without CAP_).
   */
  'add': (string)[];
  'drop': (string)[];
}
