// Original file: node_modules/etcd3/proto/rpc.proto

import type { ResponseHeader as _etcdserverpb_ResponseHeader, ResponseHeader__Output as _etcdserverpb_ResponseHeader__Output } from '../etcdserverpb/ResponseHeader.ts';
import type { KeyValue as _mvccpb_KeyValue, KeyValue__Output as _mvccpb_KeyValue__Output } from '../mvccpb/KeyValue.ts';

export interface PutResponse {
  'header'?: (_etcdserverpb_ResponseHeader | null);
  /**
   * if prev_kv is set in the request, the previous key-value pair will be returned.
   */
  'prevKv'?: (_mvccpb_KeyValue | null);
}

export interface PutResponse__Output {
  'header': (_etcdserverpb_ResponseHeader__Output | null);
  /**
   * if prev_kv is set in the request, the previous key-value pair will be returned.
   */
  'prevKv': (_mvccpb_KeyValue__Output | null);
}
