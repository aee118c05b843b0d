// Original file: node_modules/etcd3/proto/rpc.proto


export interface StatusRequest {
}

export interface StatusRequest__Output {
}
