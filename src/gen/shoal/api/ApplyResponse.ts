// Original file: proto/api.proto


export interface ApplyResponse {
  'object'?: (Buffer | Uint8Array | string);
  /**
   * "created", "configured" or "unchanged".
   */
  'outcome'?: (string);
}

export interface ApplyResponse__Output {
  'object': (Buffer);
  /**
   * "created", "configured" or "unchanged".
   */
  'outcome': (string);
}
