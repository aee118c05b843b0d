// Original file: proto/raft.proto

import type { Header as _shoal_raft_Header, Header__Output as _shoal_raft_Header__Output } from '../../shoal/raft/Header.ts';
import type { Message as _shoal_raft_Message, Message__Output as _shoal_raft_Message__Output } from '../../shoal/raft/Message.ts';
import type { Long } from '@grpc/proto-loader';

/**
 * One piece of a snapshot. The first chunk (offset 0) carries the Snap message with its
 * snapshot metadata but empty snapshot data, and the total size; every chunk carries a slice
 * of the data at `offset`; the chunk with `last` set completes it.
 */
export interface SnapshotChunk {
  'header'?: (_shoal_raft_Header | null);
  'message'?: (_shoal_raft_Message | null);
  'totalSize'?: (number | string | Long);
  'offset'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
  'last'?: (boolean);
}

/**
 * One piece of a snapshot. The first chunk (offset 0) carries the Snap message with its
 * snapshot metadata but empty snapshot data, and the total size; every chunk carries a slice
 * of the data at `offset`; the chunk with `last` set completes it.
 */
export interface SnapshotChunk__Output {
  'header': (_shoal_raft_Header__Output | null);
  'message': (_shoal_raft_Message__Output | null);
  'totalSize': (number);
  'offset': (number);
  'data': (Buffer);
  'last': (boolean);
}
