// Loads proto/control.proto at runtime, with the loader options the generated types under
// src/gen/ were made for (shared with the Raft peer proto so the two can never disagree).
import type { ProtoGrpcType } from '../gen/control.ts';
import { protoLoader } from '../raft/transport/raft-proto.ts';

export type ControlProto = ProtoGrpcType['shoal']['control'];

/** Parsed once per process: the server and every client share it. */
export const controlProto = protoLoader<ProtoGrpcType, ControlProto>('control.proto', (g) => g.shoal.control);
