// Original file: node_modules/etcd3/proto/rpc.proto


export interface MemberListRequest {
  'linearizable'?: (boolean);
}

export interface MemberListRequest__Output {
  'linearizable': (boolean);
}
