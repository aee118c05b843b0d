// Original file: proto/api.proto

import type { Long } from '@grpc/proto-loader';

export interface ListResponse {
  /**
   * A JSON array of objects.
   */
  'items'?: (Buffer | Uint8Array | string);
  /**
   * The revision every item was read at.
   */
  'resourceVersion'?: (string);
  'continueToken'?: (string);
  /**
   * Objects matching the selectors not returned yet, when known (-1 = unknown).
   */
  'remainingItemCount'?: (number | string | Long);
}

export interface ListResponse__Output {
  /**
   * A JSON array of objects.
   */
  'items': (Buffer);
  /**
   * The revision every item was read at.
   */
  'resourceVersion': (string);
  'continueToken': (string);
  /**
   * Objects matching the selectors not returned yet, when known (-1 = unknown).
   */
  'remainingItemCount': (number);
}
