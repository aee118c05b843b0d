// Original file: proto/resources.proto


export interface ResourceClaim {
  /**
   * Name of an entry in the pod's spec.resourceClaims.
   */
  'name'?: (string);
  'request'?: (string);
}

export interface ResourceClaim__Output {
  /**
   * Name of an entry in the pod's spec.resourceClaims.
   */
  'name': (string);
  'request': (string);
}
