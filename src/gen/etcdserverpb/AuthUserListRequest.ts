// Original file: node_modules/etcd3/proto/rpc.proto


export interface AuthUserListRequest {
}

export interface AuthUserListRequest__Output {
}
