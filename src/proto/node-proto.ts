// Loads proto/node.proto (the agent stream) with the shared loader options.
import type { ProtoGrpcType } from '../gen/node.ts';
import { protoLoader } from './proto-loader.ts';

export type NodeProto = ProtoGrpcType['shoal']['node'];

export const nodeProto = protoLoader<ProtoGrpcType, NodeProto>('node.proto', (g) => g.shoal.node);
