// Original file: node_modules/etcd3/proto/rpc.proto


export interface AuthEnableRequest {
}

export interface AuthEnableRequest__Output {
}
