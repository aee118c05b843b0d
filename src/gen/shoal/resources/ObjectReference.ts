// Original file: proto/resources.proto


/**
 * A reference to any object, possibly a part of it (fieldPath, e.g. "spec.containers{web}").
 */
export interface ObjectReference {
  'kind'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  'uid'?: (string);
  'apiVersion'?: (string);
  'resourceVersion'?: (string);
  'fieldPath'?: (string);
}

/**
 * A reference to any object, possibly a part of it (fieldPath, e.g. "spec.containers{web}").
 */
export interface ObjectReference__Output {
  'kind': (string);
  'namespace': (string);
  'name': (string);
  'uid': (string);
  'apiVersion': (string);
  'resourceVersion': (string);
  'fieldPath': (string);
}
