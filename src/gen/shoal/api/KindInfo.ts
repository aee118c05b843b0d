// Original file: proto/api.proto


export interface KindInfo {
  'kind'?: (string);
  /**
   * "pods"
   */
  'resource'?: (string);
  /**
   * "v1", "apps/v1", ...
   */
  'apiVersion'?: (string);
  'namespaced'?: (boolean);
  'shortNames'?: (string)[];
  'subresources'?: (string)[];
  'acceptedApiVersions'?: (string)[];
}

export interface KindInfo__Output {
  'kind': (string);
  /**
   * "pods"
   */
  'resource': (string);
  /**
   * "v1", "apps/v1", ...
   */
  'apiVersion': (string);
  'namespaced': (boolean);
  'shortNames': (string)[];
  'subresources': (string)[];
  'acceptedApiVersions': (string)[];
}
