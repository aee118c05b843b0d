// Original file: proto/resources.proto


export interface NodeRuntimeHandlerFeatures {
  'recursiveReadOnlyMounts'?: (boolean);
  'userNamespaces'?: (boolean);
  '_recursiveReadOnlyMounts'?: "recursiveReadOnlyMounts";
  '_userNamespaces'?: "userNamespaces";
}

export interface NodeRuntimeHandlerFeatures__Output {
  'recursiveReadOnlyMounts'?: (boolean);
  'userNamespaces'?: (boolean);
  '_recursiveReadOnlyMounts'?: "recursiveReadOnlyMounts";
  '_userNamespaces'?: "userNamespaces";
}
