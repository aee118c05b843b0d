// Original file: proto/raft.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Envelope as _shoal_raft_Envelope, Envelope__Output as _shoal_raft_Envelope__Output } from '../../shoal/raft/Envelope.ts';
import type { SnapshotAck as _shoal_raft_SnapshotAck, SnapshotAck__Output as _shoal_raft_SnapshotAck__Output } from '../../shoal/raft/SnapshotAck.ts';
import type { SnapshotChunk as _shoal_raft_SnapshotChunk, SnapshotChunk__Output as _shoal_raft_SnapshotChunk__Output } from '../../shoal/raft/SnapshotChunk.ts';
import type { StreamSummary as _shoal_raft_StreamSummary, StreamSummary__Output as _shoal_raft_StreamSummary__Output } from '../../shoal/raft/StreamSummary.ts';

export interface RaftPeerClient extends grpc.Client {
  /**
   * One call per snapshot, so a large snapshot never becomes one giant gRPC message.
   */
  SendSnapshot(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_raft_SnapshotAck__Output>): grpc.ClientWritableStream<_shoal_raft_SnapshotChunk>;
  SendSnapshot(metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_raft_SnapshotAck__Output>): grpc.ClientWritableStream<_shoal_raft_SnapshotChunk>;
  SendSnapshot(options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_raft_SnapshotAck__Output>): grpc.ClientWritableStream<_shoal_raft_SnapshotChunk>;
  SendSnapshot(callback: grpc.requestCallback<_shoal_raft_SnapshotAck__Output>): grpc.ClientWritableStream<_shoal_raft_SnapshotChunk>;
  /**
   * One call per snapshot, so a large snapshot never becomes one giant gRPC message.
   */
  sendSnapshot(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_raft_SnapshotAck__Output>): grpc.ClientWritableStream<_shoal_raft_SnapshotChunk>;
  sendSnapshot(metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_raft_SnapshotAck__Output>): grpc.ClientWritableStream<_shoal_raft_SnapshotChunk>;
  sendSnapshot(options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_raft_SnapshotAck__Output>): grpc.ClientWritableStream<_shoal_raft_SnapshotChunk>;
  sendSnapshot(callback: grpc.requestCallback<_shoal_raft_SnapshotAck__Output>): grpc.ClientWritableStream<_shoal_raft_SnapshotChunk>;
  
  /**
   * Long-lived, one per (sender, receiver) pair: the sender writes envelopes in order; the
   * receiver answers only when the stream ends (or rejects it with a status).
   */
  Stream(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_raft_StreamSummary__Output>): grpc.ClientWritableStream<_shoal_raft_Envelope>;
  Stream(metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_raft_StreamSummary__Output>): grpc.ClientWritableStream<_shoal_raft_Envelope>;
  Stream(options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_raft_StreamSummary__Output>): grpc.ClientWritableStream<_shoal_raft_Envelope>;
  Stream(callback: grpc.requestCallback<_shoal_raft_StreamSummary__Output>): grpc.ClientWritableStream<_shoal_raft_Envelope>;
  /**
   * Long-lived, one per (sender, receiver) pair: the sender writes envelopes in order; the
   * receiver answers only when the stream ends (or rejects it with a status).
   */
  stream(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_raft_StreamSummary__Output>): grpc.ClientWritableStream<_shoal_raft_Envelope>;
  stream(metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_raft_StreamSummary__Output>): grpc.ClientWritableStream<_shoal_raft_Envelope>;
  stream(options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_raft_StreamSummary__Output>): grpc.ClientWritableStream<_shoal_raft_Envelope>;
  stream(callback: grpc.requestCallback<_shoal_raft_StreamSummary__Output>): grpc.ClientWritableStream<_shoal_raft_Envelope>;
  
}

export interface RaftPeerHandlers extends grpc.UntypedServiceImplementation {
  /**
   * One call per snapshot, so a large snapshot never becomes one giant gRPC message.
   */
  SendSnapshot: grpc.handleClientStreamingCall<_shoal_raft_SnapshotChunk__Output, _shoal_raft_SnapshotAck>;
  
  /**
   * Long-lived, one per (sender, receiver) pair: the sender writes envelopes in order; the
   * receiver answers only when the stream ends (or rejects it with a status).
   */
  Stream: grpc.handleClientStreamingCall<_shoal_raft_Envelope__Output, _shoal_raft_StreamSummary>;
  
}

export interface RaftPeerDefinition extends grpc.ServiceDefinition {
  SendSnapshot: MethodDefinition<_shoal_raft_SnapshotChunk, _shoal_raft_SnapshotAck, _shoal_raft_SnapshotChunk__Output, _shoal_raft_SnapshotAck__Output>
  Stream: MethodDefinition<_shoal_raft_Envelope, _shoal_raft_StreamSummary, _shoal_raft_Envelope__Output, _shoal_raft_StreamSummary__Output>
}
