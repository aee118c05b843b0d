// Original file: node_modules/etcd3/proto/rpc.proto


export interface AuthDisableRequest {
}

export interface AuthDisableRequest__Output {
}
