// Original file: proto/api.proto


export interface WatchEvent {
  /**
   * "ADDED", "MODIFIED", "DELETED" or "BOOKMARK".
   */
  'type'?: (string);
  /**
   * The object (for DELETED its last state; for BOOKMARK only metadata.resourceVersion).
   */
  'object'?: (Buffer | Uint8Array | string);
}

export interface WatchEvent__Output {
  /**
   * "ADDED", "MODIFIED", "DELETED" or "BOOKMARK".
   */
  'type': (string);
  /**
   * The object (for DELETED its last state; for BOOKMARK only metadata.resourceVersion).
   */
  'object': (Buffer);
}
