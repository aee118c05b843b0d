// Original file: node_modules/etcd3/proto/rpc.proto

import type { ResponseHeader as _etcdserverpb_ResponseHeader, ResponseHeader__Output as _etcdserverpb_ResponseHeader__Output } from '../etcdserverpb/ResponseHeader.ts';

export interface AuthEnableResponse {
  'header'?: (_etcdserverpb_ResponseHeader | null);
}

export interface AuthEnableResponse__Output {
  'header': (_etcdserverpb_ResponseHeader__Output | null);
}
