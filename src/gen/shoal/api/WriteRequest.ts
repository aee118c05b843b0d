// Original file: proto/api.proto


export interface WriteRequest {
  'resource'?: (string);
  /**
   * Overrides the object's metadata.namespace when set; they must agree when both are.
   */
  'namespace'?: (string);
  /**
   * "" (the object), "status", "scale" or "binding" (pods only, with a Binding object).
   */
  'subresource'?: (string);
  'object'?: (Buffer | Uint8Array | string);
  /**
   * Validate and default, but store nothing.
   */
  'dryRun'?: (boolean);
  /**
   * For Create on a subresource and for Update/Apply when the object carries no name.
   */
  'name'?: (string);
}

export interface WriteRequest__Output {
  'resource': (string);
  /**
   * Overrides the object's metadata.namespace when set; they must agree when both are.
   */
  'namespace': (string);
  /**
   * "" (the object), "status", "scale" or "binding" (pods only, with a Binding object).
   */
  'subresource': (string);
  'object': (Buffer);
  /**
   * Validate and default, but store nothing.
   */
  'dryRun': (boolean);
  /**
   * For Create on a subresource and for Update/Apply when the object carries no name.
   */
  'name': (string);
}
