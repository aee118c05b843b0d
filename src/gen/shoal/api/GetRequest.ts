// Original file: proto/api.proto


export interface GetRequest {
  'resource'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  /**
   * "" or "scale" / "status".
   */
  'subresource'?: (string);
}

export interface GetRequest__Output {
  'resource': (string);
  'namespace': (string);
  'name': (string);
  /**
   * "" or "scale" / "status".
   */
  'subresource': (string);
}
