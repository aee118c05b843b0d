// Loads proto/api.proto (the resource API service) with the shared loader options.
import type { ProtoGrpcType } from '../gen/api.ts';
import { protoLoader } from './proto-loader.ts';

export type ApiProto = ProtoGrpcType['shoal']['api'];

export const apiProto = protoLoader<ProtoGrpcType, ApiProto>('api.proto', (g) => g.shoal.api);
