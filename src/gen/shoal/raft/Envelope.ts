// Original file: proto/raft.proto

import type { Header as _shoal_raft_Header, Header__Output as _shoal_raft_Header__Output } from '../../shoal/raft/Header.ts';
import type { Message as _shoal_raft_Message, Message__Output as _shoal_raft_Message__Output } from '../../shoal/raft/Message.ts';

/**
 * Several messages per envelope: the sender batches whatever queued up while the previous
 * write was in flight, which amortises the per-gRPC-message cost under load.
 */
export interface Envelope {
  'header'?: (_shoal_raft_Header | null);
  'messages'?: (_shoal_raft_Message)[];
}

/**
 * Several messages per envelope: the sender batches whatever queued up while the previous
 * write was in flight, which amortises the per-gRPC-message cost under load.
 */
export interface Envelope__Output {
  'header': (_shoal_raft_Header__Output | null);
  'messages': (_shoal_raft_Message__Output)[];
}
