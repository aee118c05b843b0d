// Loads proto/control.proto at runtime, with the loader options the generated types under
// src/gen/ were made for (shared with the Raft peer proto so the two can never disagree).
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { ProtoGrpcType } from '../gen/control.ts';
import { PROTO_LOADER_OPTIONS } from '../raft/transport/raft-proto.ts';

export type ControlProto = ProtoGrpcType['shoal']['control'];

let loaded: ControlProto | undefined;

/** Parsed once per process: the server and every client share it. */
export function controlProto(): ControlProto {
  if (!loaded) {
    const definition = loadSync('control.proto', PROTO_LOADER_OPTIONS);
    loaded = (loadPackageDefinition(definition) as unknown as ProtoGrpcType).shoal.control;
  }
  return loaded;
}
