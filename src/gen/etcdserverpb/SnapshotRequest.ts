// Original file: node_modules/etcd3/proto/rpc.proto


export interface SnapshotRequest {
}

export interface SnapshotRequest__Output {
}
