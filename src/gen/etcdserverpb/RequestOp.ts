// Original file: node_modules/etcd3/proto/rpc.proto

import type { RangeRequest as _etcdserverpb_RangeRequest, RangeRequest__Output as _etcdserverpb_RangeRequest__Output } from '../etcdserverpb/RangeRequest.ts';
import type { PutRequest as _etcdserverpb_PutRequest, PutRequest__Output as _etcdserverpb_PutRequest__Output } from '../etcdserverpb/PutRequest.ts';
import type { DeleteRangeRequest as _etcdserverpb_DeleteRangeRequest, DeleteRangeRequest__Output as _etcdserverpb_DeleteRangeRequest__Output } from '../etcdserverpb/DeleteRangeRequest.ts';
import type { TxnRequest as _etcdserverpb_TxnRequest, TxnRequest__Output as _etcdserverpb_TxnRequest__Output } from '../etcdserverpb/TxnRequest.ts';

export interface RequestOp {
  'requestRange'?: (_etcdserverpb_RangeRequest | null);
  'requestPut'?: (_etcdserverpb_PutRequest | null);
  'requestDeleteRange'?: (_etcdserverpb_DeleteRangeRequest | null);
  'requestTxn'?: (_etcdserverpb_TxnRequest | null);
  /**
   * request is a union of request types accepted by a transaction.
   */
  'request'?: "requestRange"|"requestPut"|"requestDeleteRange"|"requestTxn";
}

export interface RequestOp__Output {
  'requestRange'?: (_etcdserverpb_RangeRequest__Output | null);
  'requestPut'?: (_etcdserverpb_PutRequest__Output | null);
  'requestDeleteRange'?: (_etcdserverpb_DeleteRangeRequest__Output | null);
  'requestTxn'?: (_etcdserverpb_TxnRequest__Output | null);
  /**
   * request is a union of request types accepted by a transaction.
   */
  'request'?: "requestRange"|"requestPut"|"requestDeleteRange"|"requestTxn";
}
