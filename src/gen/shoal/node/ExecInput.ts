// Original file: proto/node.proto

import type { ExecStart as _shoal_node_ExecStart, ExecStart__Output as _shoal_node_ExecStart__Output } from '../../shoal/node/ExecStart.ts';

export interface ExecInput {
  'start'?: (_shoal_node_ExecStart | null);
  'stdin'?: (Buffer | Uint8Array | string);
  'stdinEof'?: (boolean);
}

export interface ExecInput__Output {
  'start': (_shoal_node_ExecStart__Output | null);
  'stdin': (Buffer);
  'stdinEof': (boolean);
}
