// Encodes the registry's log entries (proto/store.proto) with protobufjs. Decoded objects have
// the shape of the generated __Output types: the same conversion options as the gRPC loader.
import protobuf from 'protobufjs';
import path from 'node:path';
import type { StoreCommand, StoreCommand__Output } from '../../gen/shoal/store/StoreCommand.ts';
import { PROTO_DIR } from '../../raft/transport/raft-proto.ts';
import { ETCD_PROTO_DIR } from '../etcd/etcd-proto.ts';

export type Command = StoreCommand__Output;
export type CommandInput = StoreCommand;

export class CommandCodecError extends Error {
  override readonly name = 'CommandCodecError';
}

let type: protobuf.Type | undefined;

function commandType(): protobuf.Type {
  if (type) return type;
  const root = new protobuf.Root();
  // store.proto imports "rpc.proto", which lives beside the etcd3 package's other protos.
  root.resolvePath = (origin, target) => {
    if (path.isAbsolute(target)) return target;
    for (const dir of [PROTO_DIR, ETCD_PROTO_DIR, origin ? path.dirname(origin) : '']) {
      const candidate = path.join(dir, target);
      if (protobuf.util.fs?.existsSync?.(candidate)) return candidate;
    }
    return target;
  };
  root.loadSync(path.join(PROTO_DIR, 'store.proto'), { keepCase: false });
  type = root.lookupType('shoal.store.StoreCommand');
  return type;
}

const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: Number, bytes: Buffer, defaults: true, oneofs: true };

export function encodeCommand(cmd: CommandInput): Uint8Array {
  const t = commandType();
  return t.encode(t.fromObject(cmd as Record<string, unknown>)).finish();
}

export function decodeCommand(data: Uint8Array): Command {
  const t = commandType();
  let msg: protobuf.Message;
  try {
    msg = t.decode(data);
  } catch (err) {
    throw new CommandCodecError(`registry log entry of ${data.byteLength} bytes does not decode: ${(err as Error).message}`, { cause: err });
  }
  const cmd = t.toObject(msg, TO_OBJECT) as Command;
  if (!cmd.command) throw new CommandCodecError(`registry log entry of ${data.byteLength} bytes holds no command`);
  return cmd;
}
