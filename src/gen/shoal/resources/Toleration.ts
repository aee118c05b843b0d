// Original file: proto/resources.proto

import type { Long } from '@grpc/proto-loader';

export interface Toleration {
  /**
   * Empty with operator Exists matches every taint.
   */
  'key'?: (string);
  /**
   * Exists or Equal (default Equal).
   */
  'operator'?: (string);
  'value'?: (string);
  /**
   * Empty matches every effect.
   */
  'effect'?: (string);
  /**
   * For NoExecute only: how long the pod stays after the taint appears (unset: forever).
   */
  'tolerationSeconds'?: (number | string | Long);
  '_tolerationSeconds'?: "tolerationSeconds";
}

export interface Toleration__Output {
  /**
   * Empty with operator Exists matches every taint.
   */
  'key': (string);
  /**
   * Exists or Equal (default Equal).
   */
  'operator': (string);
  'value': (string);
  /**
   * Empty matches every effect.
   */
  'effect': (string);
  /**
   * For NoExecute only: how long the pod stays after the taint appears (unset: forever).
   */
  'tolerationSeconds'?: (number);
  '_tolerationSeconds'?: "tolerationSeconds";
}
