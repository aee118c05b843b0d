// Original file: proto/store.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The leader found these leases past their deadline; applying this revokes each one that
 * still exists (a lease renewed or revoked meanwhile is left alone by its own rules).
 */
export interface LeaseExpired {
  'ids'?: (number | string | Long)[];
}

/**
 * The leader found these leases past their deadline; applying this revokes each one that
 * still exists (a lease renewed or revoked meanwhile is left alone by its own rules).
 */
export interface LeaseExpired__Output {
  'ids': (number)[];
}
