// Original file: node_modules/etcd3/proto/rpc.proto


export interface HashRequest {
}

export interface HashRequest__Output {
}
