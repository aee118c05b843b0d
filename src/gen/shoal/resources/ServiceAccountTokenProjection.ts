// Original file: proto/resources.proto

import type { Long } from '@grpc/proto-loader';

export interface ServiceAccountTokenProjection {
  'audience'?: (string);
  /**
   * Requested token lifetime (default one hour).
   */
  'expirationSeconds'?: (number | string | Long);
  'path'?: (string);
  '_expirationSeconds'?: "expirationSeconds";
}

export interface ServiceAccountTokenProjection__Output {
  'audience': (string);
  /**
   * Requested token lifetime (default one hour).
   */
  'expirationSeconds'?: (number);
  'path': (string);
  '_expirationSeconds'?: "expirationSeconds";
}
