// Loads proto/raft.proto at runtime (src/proto/proto-loader.ts holds the shared options).
import type { ProtoGrpcType } from '../../gen/raft.ts';
import { protoLoader } from '../../proto/proto-loader.ts';

export { PROTO_DIR, PROTO_LOADER_OPTIONS, protoLoader } from '../../proto/proto-loader.ts';

export type RaftProto = ProtoGrpcType['shoal']['raft'];

/** Every transport shares the same service definition. */
export const raftProto = protoLoader<ProtoGrpcType, RaftProto>('raft.proto', (g) => g.shoal.raft);
