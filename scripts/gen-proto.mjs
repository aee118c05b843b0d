#!/usr/bin/env node
// Generates TypeScript types for every proto/*.proto into src/gen/ (or --out DIR).
//
// The options here must match the runtime loader's (src/raft/transport/raft-proto.ts):
// the generated types describe what @grpc/proto-loader hands out at runtime, so a mismatch
// (say, longs as Long objects vs numbers) would make the types lie.
//
// Output is written to a scratch directory first and swapped in at the end, so an
// interrupted run never leaves a half-generated tree behind. The drift test
// (test/proto/gen-drift.test.ts) runs this with --out into a temp dir and compares.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const protoDir = path.join(root, 'proto');
const generator = path.join(root, 'node_modules', '@grpc', 'proto-loader', 'build', 'bin', 'proto-loader-gen-types.js');
// etcd's wire schema is a dependency (the etcd3 package ships etcd's published .proto files),
// not a retyped copy; store.proto imports it and the etcd services are generated from it too.
const etcdProtoDir = path.join('node_modules', 'etcd3', 'proto');

function parseOut(argv) {
  const i = argv.indexOf('--out');
  if (i === -1) return path.join(root, 'src', 'gen');
  const dir = argv[i + 1];
  if (!dir) throw new Error('gen-proto: --out needs a directory');
  return path.resolve(dir);
}

const outDir = parseOut(process.argv.slice(2));
// Sorted so that the generator sees the files in the same order on every machine.
const protos = readdirSync(protoDir).filter((f) => f.endsWith('.proto')).sort();
if (protos.length === 0) throw new Error(`gen-proto: no .proto files in ${protoDir}`);

mkdirSync(path.dirname(outDir), { recursive: true });
const scratch = mkdtempSync(path.join(path.dirname(outDir), '.gen-proto-'));
try {
  execFileSync(
    process.execPath,
    [
      generator,
      '--longs=Number',
      '--enums=Number',
      '--defaults',
      '--oneofs',
      '--includeComments',
      '--grpcLib=@grpc/grpc-js',
      // The repo imports .ts files directly (allowImportingTsExtensions, run by tsx).
      '--importFileExtension=.ts',
      // Relative on purpose: the generator writes this path into every file's header, and
      // an absolute one would make the output differ between checkouts.
      '-I',
      'proto',
      '-I',
      etcdProtoDir,
      '--outDir',
      scratch,
      ...protos,
      'rpc.proto',
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  rmSync(outDir, { recursive: true, force: true });
  renameSync(scratch, outDir);
} catch (err) {
  rmSync(scratch, { recursive: true, force: true });
  throw err;
}
