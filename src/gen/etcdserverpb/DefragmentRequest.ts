// Original file: node_modules/etcd3/proto/rpc.proto


export interface DefragmentRequest {
}

export interface DefragmentRequest__Output {
}
