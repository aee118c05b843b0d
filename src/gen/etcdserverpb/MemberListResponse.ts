// Original file: node_modules/etcd3/proto/rpc.proto

import type { ResponseHeader as _etcdserverpb_ResponseHeader, ResponseHeader__Output as _etcdserverpb_ResponseHeader__Output } from '../etcdserverpb/ResponseHeader.ts';
import type { Member as _etcdserverpb_Member, Member__Output as _etcdserverpb_Member__Output } from '../etcdserverpb/Member.ts';

export interface MemberListResponse {
  'header'?: (_etcdserverpb_ResponseHeader | null);
  /**
   * members is a list of all members associated with the cluster.
   */
  'members'?: (_etcdserverpb_Member)[];
}

export interface MemberListResponse__Output {
  'header': (_etcdserverpb_ResponseHeader__Output | null);
  /**
   * members is a list of all members associated with the cluster.
   */
  'members': (_etcdserverpb_Member__Output)[];
}
