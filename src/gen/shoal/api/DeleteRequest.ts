// Original file: proto/api.proto

import type { Long } from '@grpc/proto-loader';

export interface DeleteRequest {
  'resource'?: (string);
  'namespace'?: (string);
  'name'?: (string);
  /**
   * -1 = the object's own (or the kind's default); 0 = at once.
   */
  'gracePeriodSeconds'?: (number | string | Long);
  /**
   * "Background" (default), "Foreground" or "Orphan".
   */
  'propagationPolicy'?: (string);
  /**
   * Preconditions: delete only if these match (empty = any).
   */
  'preconditionUid'?: (string);
  'preconditionResourceVersion'?: (string);
  'dryRun'?: (boolean);
}

export interface DeleteRequest__Output {
  'resource': (string);
  'namespace': (string);
  'name': (string);
  /**
   * -1 = the object's own (or the kind's default); 0 = at once.
   */
  'gracePeriodSeconds': (number);
  /**
   * "Background" (default), "Foreground" or "Orphan".
   */
  'propagationPolicy': (string);
  /**
   * Preconditions: delete only if these match (empty = any).
   */
  'preconditionUid': (string);
  'preconditionResourceVersion': (string);
  'dryRun': (boolean);
}
