// etcd's v3 wire schema, loaded from the .proto files the etcd3 package ships (a dependency,
// not a retyped copy), with the loader options the generated types under src/gen/ describe.
import { fileURLToPath } from 'node:url';
import type { ProtoGrpcType } from '../../gen/rpc.ts';
import { protoLoader } from '../../raft/transport/raft-proto.ts';

export const ETCD_PROTO_DIR = fileURLToPath(new URL('../../../node_modules/etcd3/proto/', import.meta.url));

export type EtcdProto = ProtoGrpcType['etcdserverpb'];

/** Parsed once per process: servers and clients share it. */
export const etcdProto = protoLoader<ProtoGrpcType, EtcdProto>('rpc.proto', (g) => g.etcdserverpb, [ETCD_PROTO_DIR]);
