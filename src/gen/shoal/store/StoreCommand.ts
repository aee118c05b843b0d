// Original file: proto/store.proto

import type { PutRequest as _etcdserverpb_PutRequest, PutRequest__Output as _etcdserverpb_PutRequest__Output } from '../../etcdserverpb/PutRequest.ts';
import type { DeleteRangeRequest as _etcdserverpb_DeleteRangeRequest, DeleteRangeRequest__Output as _etcdserverpb_DeleteRangeRequest__Output } from '../../etcdserverpb/DeleteRangeRequest.ts';
import type { TxnRequest as _etcdserverpb_TxnRequest, TxnRequest__Output as _etcdserverpb_TxnRequest__Output } from '../../etcdserverpb/TxnRequest.ts';
import type { CompactionRequest as _etcdserverpb_CompactionRequest, CompactionRequest__Output as _etcdserverpb_CompactionRequest__Output } from '../../etcdserverpb/CompactionRequest.ts';
import type { LeaseGrantRequest as _etcdserverpb_LeaseGrantRequest, LeaseGrantRequest__Output as _etcdserverpb_LeaseGrantRequest__Output } from '../../etcdserverpb/LeaseGrantRequest.ts';
import type { LeaseRevokeRequest as _etcdserverpb_LeaseRevokeRequest, LeaseRevokeRequest__Output as _etcdserverpb_LeaseRevokeRequest__Output } from '../../etcdserverpb/LeaseRevokeRequest.ts';
import type { AlarmRequest as _etcdserverpb_AlarmRequest, AlarmRequest__Output as _etcdserverpb_AlarmRequest__Output } from '../../etcdserverpb/AlarmRequest.ts';
import type { MemberAttributes as _shoal_store_MemberAttributes, MemberAttributes__Output as _shoal_store_MemberAttributes__Output } from '../../shoal/store/MemberAttributes.ts';
import type { LeaseExpired as _shoal_store_LeaseExpired, LeaseExpired__Output as _shoal_store_LeaseExpired__Output } from '../../shoal/store/LeaseExpired.ts';
import type { LeaseRenew as _shoal_store_LeaseRenew, LeaseRenew__Output as _shoal_store_LeaseRenew__Output } from '../../shoal/store/LeaseRenew.ts';

/**
 * One entry of the registry's log. Exactly one field of `command` is set.
 */
export interface StoreCommand {
  'put'?: (_etcdserverpb_PutRequest | null);
  'deleteRange'?: (_etcdserverpb_DeleteRangeRequest | null);
  'txn'?: (_etcdserverpb_TxnRequest | null);
  'compaction'?: (_etcdserverpb_CompactionRequest | null);
  'leaseGrant'?: (_etcdserverpb_LeaseGrantRequest | null);
  'leaseRevoke'?: (_etcdserverpb_LeaseRevokeRequest | null);
  'alarm'?: (_etcdserverpb_AlarmRequest | null);
  'memberAttributes'?: (_shoal_store_MemberAttributes | null);
  'leaseExpired'?: (_shoal_store_LeaseExpired | null);
  'leaseRenew'?: (_shoal_store_LeaseRenew | null);
  'command'?: "put"|"deleteRange"|"txn"|"compaction"|"leaseGrant"|"leaseRevoke"|"alarm"|"memberAttributes"|"leaseExpired"|"leaseRenew";
}

/**
 * One entry of the registry's log. Exactly one field of `command` is set.
 */
export interface StoreCommand__Output {
  'put'?: (_etcdserverpb_PutRequest__Output | null);
  'deleteRange'?: (_etcdserverpb_DeleteRangeRequest__Output | null);
  'txn'?: (_etcdserverpb_TxnRequest__Output | null);
  'compaction'?: (_etcdserverpb_CompactionRequest__Output | null);
  'leaseGrant'?: (_etcdserverpb_LeaseGrantRequest__Output | null);
  'leaseRevoke'?: (_etcdserverpb_LeaseRevokeRequest__Output | null);
  'alarm'?: (_etcdserverpb_AlarmRequest__Output | null);
  'memberAttributes'?: (_shoal_store_MemberAttributes__Output | null);
  'leaseExpired'?: (_shoal_store_LeaseExpired__Output | null);
  'leaseRenew'?: (_shoal_store_LeaseRenew__Output | null);
  'command'?: "put"|"deleteRange"|"txn"|"compaction"|"leaseGrant"|"leaseRevoke"|"alarm"|"memberAttributes"|"leaseExpired"|"leaseRenew";
}
