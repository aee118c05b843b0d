// Original file: node_modules/etcd3/proto/rpc.proto


export interface AuthStatusRequest {
}

export interface AuthStatusRequest__Output {
}
