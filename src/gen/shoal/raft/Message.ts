// Original file: proto/raft.proto

import type { MessageType as _shoal_raft_MessageType, MessageType__Output as _shoal_raft_MessageType__Output } from '../../shoal/raft/MessageType.ts';
import type { Entry as _shoal_raft_Entry, Entry__Output as _shoal_raft_Entry__Output } from '../../shoal/raft/Entry.ts';
import type { Snapshot as _shoal_raft_Snapshot, Snapshot__Output as _shoal_raft_Snapshot__Output } from '../../shoal/raft/Snapshot.ts';
import type { Long } from '@grpc/proto-loader';

export interface Message {
  'type'?: (_shoal_raft_MessageType);
  'from'?: (number | string | Long);
  'to'?: (number | string | Long);
  'term'?: (number | string | Long);
  'logTerm'?: (number | string | Long);
  'index'?: (number | string | Long);
  'entries'?: (_shoal_raft_Entry)[];
  'commit'?: (number | string | Long);
  'reject'?: (boolean);
  'rejectHint'?: (number | string | Long);
  'context'?: (Buffer | Uint8Array | string);
  /**
   * Absent on the Stream RPC: snapshots travel through SendSnapshot, in chunks.
   */
  'snapshot'?: (_shoal_raft_Snapshot | null);
}

export interface Message__Output {
  'type': (_shoal_raft_MessageType__Output);
  'from': (number);
  'to': (number);
  'term': (number);
  'logTerm': (number);
  'index': (number);
  'entries': (_shoal_raft_Entry__Output)[];
  'commit': (number);
  'reject': (boolean);
  'rejectHint': (number);
  'context': (Buffer);
  /**
   * Absent on the Stream RPC: snapshots travel through SendSnapshot, in chunks.
   */
  'snapshot': (_shoal_raft_Snapshot__Output | null);
}
