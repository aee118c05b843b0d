// Original file: proto/resources.proto


/**
 * On the JSON wire this is a bare number (8080) or a bare string ("http", "25%"), never an
 * object; the validator recognises the type by this name. Exactly one of the two is meaningful.
 */
export interface IntOrString {
  'intVal'?: (number);
  'strVal'?: (string);
}

/**
 * On the JSON wire this is a bare number (8080) or a bare string ("http", "25%"), never an
 * object; the validator recognises the type by this name. Exactly one of the two is meaningful.
 */
export interface IntOrString__Output {
  'intVal': (number);
  'strVal': (string);
}
