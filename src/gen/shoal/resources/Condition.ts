// Original file: proto/resources.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The generic condition shape (metav1.Condition), used where a kind has no condition type of
 * its own (Service status).
 */
export interface Condition {
  'type'?: (string);
  /**
   * "True", "False" or "Unknown".
   */
  'status'?: (string);
  /**
   * The object's metadata.generation the condition was computed from.
   */
  'observedGeneration'?: (number | string | Long);
  'lastTransitionTime'?: (string);
  /**
   * Machine-readable CamelCase cause.
   */
  'reason'?: (string);
  'message'?: (string);
}

/**
 * The generic condition shape (metav1.Condition), used where a kind has no condition type of
 * its own (Service status).
 */
export interface Condition__Output {
  'type': (string);
  /**
   * "True", "False" or "Unknown".
   */
  'status': (string);
  /**
   * The object's metadata.generation the condition was computed from.
   */
  'observedGeneration': (number);
  'lastTransitionTime': (string);
  /**
   * Machine-readable CamelCase cause.
   */
  'reason': (string);
  'message': (string);
}
