// Loads proto/raft.proto at runtime. The options must match scripts/gen-proto.mjs: the
// generated types under src/gen/ describe exactly what this loader produces.
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync, type Options } from '@grpc/proto-loader';
import { fileURLToPath } from 'node:url';
import type { ProtoGrpcType } from '../../gen/raft.ts';

export const PROTO_DIR = fileURLToPath(new URL('../../../proto/', import.meta.url));

export const PROTO_LOADER_OPTIONS: Options = {
  keepCase: false,
  longs: Number,
  enums: Number,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

export type RaftProto = ProtoGrpcType['shoal']['raft'];

let loaded: RaftProto | undefined;

/** Parsed once per process: every transport shares the same service definition. */
export function raftProto(): RaftProto {
  if (!loaded) {
    const definition = loadSync('raft.proto', PROTO_LOADER_OPTIONS);
    loaded = (loadPackageDefinition(definition) as unknown as ProtoGrpcType).shoal.raft;
  }
  return loaded;
}
