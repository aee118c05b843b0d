// Original file: proto/resources.proto


export interface PodResourceClaim {
  'name'?: (string);
  'resourceClaimName'?: (string);
  'resourceClaimTemplateName'?: (string);
  '_resourceClaimName'?: "resourceClaimName";
  '_resourceClaimTemplateName'?: "resourceClaimTemplateName";
}

export interface PodResourceClaim__Output {
  'name': (string);
  'resourceClaimName'?: (string);
  'resourceClaimTemplateName'?: (string);
  '_resourceClaimName'?: "resourceClaimName";
  '_resourceClaimTemplateName'?: "resourceClaimTemplateName";
}
