// Original file: proto/store.proto

import type { ExpiredLease as _shoal_store_ExpiredLease, ExpiredLease__Output as _shoal_store_ExpiredLease__Output } from '../../shoal/store/ExpiredLease.ts';

/**
 * The leader found these leases past their deadline. Each carries the count of renewals the
 * leader had seen through the log when it decided; a lease renewed through the log since then
 * (a keep-alive that reached a follower) survives, so no acknowledged keep-alive is undone.
 */
export interface LeaseExpired {
  'leases'?: (_shoal_store_ExpiredLease)[];
}

/**
 * The leader found these leases past their deadline. Each carries the count of renewals the
 * leader had seen through the log when it decided; a lease renewed through the log since then
 * (a keep-alive that reached a follower) survives, so no acknowledged keep-alive is undone.
 */
export interface LeaseExpired__Output {
  'leases': (_shoal_store_ExpiredLease__Output)[];
}
