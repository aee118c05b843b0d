// Loads proto/ files at runtime for every layer (the schemas sit below all of them). The
// options must match scripts/gen-proto.mjs: the generated types under src/gen/ describe
// exactly what this loader produces.
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync, type Options } from '@grpc/proto-loader';
import { fileURLToPath } from 'node:url';

export const PROTO_DIR = fileURLToPath(new URL('../../proto/', import.meta.url));

export const PROTO_LOADER_OPTIONS: Options = {
  keepCase: false,
  longs: Number,
  enums: Number,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

/**
 * A proto/ file loaded with the options its generated types describe, parsed on first use
 * and shared by every caller in the process. `G` is its generated ProtoGrpcType.
 */
export function protoLoader<G, T>(file: string, pick: (grpcType: G) => T, extraIncludeDirs: string[] = []): () => T {
  let loaded: T | undefined;
  const options = { ...PROTO_LOADER_OPTIONS, includeDirs: [PROTO_DIR, ...extraIncludeDirs] };
  return () => {
    loaded ??= pick(loadPackageDefinition(loadSync(file, options)) as unknown as G);
    return loaded;
  };
}
