// Original file: proto/resources.proto


export interface NodeFeatures {
  'supplementalGroupsPolicy'?: (boolean);
  '_supplementalGroupsPolicy'?: "supplementalGroupsPolicy";
}

export interface NodeFeatures__Output {
  'supplementalGroupsPolicy'?: (boolean);
  '_supplementalGroupsPolicy'?: "supplementalGroupsPolicy";
}
