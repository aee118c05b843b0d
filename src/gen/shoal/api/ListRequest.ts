// Original file: proto/api.proto


export interface ListRequest {
  'resource'?: (string);
  /**
   * "" = all namespaces.
   */
  'namespace'?: (string);
  /**
   * Kubernetes syntax: "app=web,tier!=db,env in (a,b),!legacy".
   */
  'labelSelector'?: (string);
  /**
   * "spec.nodeName=n1,status.phase!=Running,metadata.name=x".
   */
  'fieldSelector'?: (string);
  /**
   * At most this many objects (0 = all); `continue_token` of the response gets the rest,
   * from the same revision.
   */
  'limit'?: (number);
  'continueToken'?: (string);
  /**
   * "" = the latest (linearizable); "0" = whatever this master holds (fast, may be stale);
   * "N" = exactly at revision N (Gone if compacted).
   */
  'resourceVersion'?: (string);
}

export interface ListRequest__Output {
  'resource': (string);
  /**
   * "" = all namespaces.
   */
  'namespace': (string);
  /**
   * Kubernetes syntax: "app=web,tier!=db,env in (a,b),!legacy".
   */
  'labelSelector': (string);
  /**
   * "spec.nodeName=n1,status.phase!=Running,metadata.name=x".
   */
  'fieldSelector': (string);
  /**
   * At most this many objects (0 = all); `continue_token` of the response gets the rest,
   * from the same revision.
   */
  'limit': (number);
  'continueToken': (string);
  /**
   * "" = the latest (linearizable); "0" = whatever this master holds (fast, may be stale);
   * "N" = exactly at revision N (Gone if compacted).
   */
  'resourceVersion': (string);
}
