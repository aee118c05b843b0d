import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConfState as _shoal_raft_ConfState, ConfState__Output as _shoal_raft_ConfState__Output } from './shoal/raft/ConfState.ts';
import type { Entry as _shoal_raft_Entry, Entry__Output as _shoal_raft_Entry__Output } from './shoal/raft/Entry.ts';
import type { Envelope as _shoal_raft_Envelope, Envelope__Output as _shoal_raft_Envelope__Output } from './shoal/raft/Envelope.ts';
import type { HardState as _shoal_raft_HardState, HardState__Output as _shoal_raft_HardState__Output } from './shoal/raft/HardState.ts';
import type { Header as _shoal_raft_Header, Header__Output as _shoal_raft_Header__Output } from './shoal/raft/Header.ts';
import type { Message as _shoal_raft_Message, Message__Output as _shoal_raft_Message__Output } from './shoal/raft/Message.ts';
import type { RaftPeerClient as _shoal_raft_RaftPeerClient, RaftPeerDefinition as _shoal_raft_RaftPeerDefinition } from './shoal/raft/RaftPeer.ts';
import type { Snapshot as _shoal_raft_Snapshot, Snapshot__Output as _shoal_raft_Snapshot__Output } from './shoal/raft/Snapshot.ts';
import type { SnapshotAck as _shoal_raft_SnapshotAck, SnapshotAck__Output as _shoal_raft_SnapshotAck__Output } from './shoal/raft/SnapshotAck.ts';
import type { SnapshotChunk as _shoal_raft_SnapshotChunk, SnapshotChunk__Output as _shoal_raft_SnapshotChunk__Output } from './shoal/raft/SnapshotChunk.ts';
import type { SnapshotMetadata as _shoal_raft_SnapshotMetadata, SnapshotMetadata__Output as _shoal_raft_SnapshotMetadata__Output } from './shoal/raft/SnapshotMetadata.ts';
import type { StreamSummary as _shoal_raft_StreamSummary, StreamSummary__Output as _shoal_raft_StreamSummary__Output } from './shoal/raft/StreamSummary.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  shoal: {
    raft: {
      ConfState: MessageTypeDefinition<_shoal_raft_ConfState, _shoal_raft_ConfState__Output>
      Entry: MessageTypeDefinition<_shoal_raft_Entry, _shoal_raft_Entry__Output>
      EntryType: EnumTypeDefinition
      Envelope: MessageTypeDefinition<_shoal_raft_Envelope, _shoal_raft_Envelope__Output>
      HardState: MessageTypeDefinition<_shoal_raft_HardState, _shoal_raft_HardState__Output>
      Header: MessageTypeDefinition<_shoal_raft_Header, _shoal_raft_Header__Output>
      Message: MessageTypeDefinition<_shoal_raft_Message, _shoal_raft_Message__Output>
      MessageType: EnumTypeDefinition
      RaftPeer: SubtypeConstructor<typeof grpc.Client, _shoal_raft_RaftPeerClient> & { service: _shoal_raft_RaftPeerDefinition }
      Snapshot: MessageTypeDefinition<_shoal_raft_Snapshot, _shoal_raft_Snapshot__Output>
      SnapshotAck: MessageTypeDefinition<_shoal_raft_SnapshotAck, _shoal_raft_SnapshotAck__Output>
      SnapshotChunk: MessageTypeDefinition<_shoal_raft_SnapshotChunk, _shoal_raft_SnapshotChunk__Output>
      SnapshotMetadata: MessageTypeDefinition<_shoal_raft_SnapshotMetadata, _shoal_raft_SnapshotMetadata__Output>
      StreamSummary: MessageTypeDefinition<_shoal_raft_StreamSummary, _shoal_raft_StreamSummary__Output>
    }
  }
}

