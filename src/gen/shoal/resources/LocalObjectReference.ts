// Original file: proto/resources.proto


/**
 * A reference to an object by name in the referrer's own namespace.
 */
export interface LocalObjectReference {
  'name'?: (string);
}

/**
 * A reference to an object by name in the referrer's own namespace.
 */
export interface LocalObjectReference__Output {
  'name': (string);
}
