// Original file: proto/api.proto


export interface PatchRequest {
  'resource'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  'subresource'?: (string);
  /**
   * A JSON merge patch document.
   */
  'patch'?: (Buffer | Uint8Array | string);
  'dryRun'?: (boolean);
}

export interface PatchRequest__Output {
  'resource': (string);
  'namespace': (string);
  'name': (string);
  'subresource': (string);
  /**
   * A JSON merge patch document.
   */
  'patch': (Buffer);
  'dryRun': (boolean);
}
