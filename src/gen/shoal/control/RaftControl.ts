// Original file: proto/control.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Empty as _shoal_control_Empty, Empty__Output as _shoal_control_Empty__Output } from '../../shoal/control/Empty.ts';
import type { ProposeRequest as _shoal_control_ProposeRequest, ProposeRequest__Output as _shoal_control_ProposeRequest__Output } from '../../shoal/control/ProposeRequest.ts';
import type { ProposeResponse as _shoal_control_ProposeResponse, ProposeResponse__Output as _shoal_control_ProposeResponse__Output } from '../../shoal/control/ProposeResponse.ts';
import type { StatusRequest as _shoal_control_StatusRequest, StatusRequest__Output as _shoal_control_StatusRequest__Output } from '../../shoal/control/StatusRequest.ts';
import type { StatusResponse as _shoal_control_StatusResponse, StatusResponse__Output as _shoal_control_StatusResponse__Output } from '../../shoal/control/StatusResponse.ts';
import type { TransferRequest as _shoal_control_TransferRequest, TransferRequest__Output as _shoal_control_TransferRequest__Output } from '../../shoal/control/TransferRequest.ts';

export interface RaftControlClient extends grpc.Client {
  /**
   * Appends `data` to the Raft log (through the leader when asked on a follower) and answers
   * once the entry is applied on the member that was asked.
   */
  Propose(argument: _shoal_control_ProposeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_ProposeResponse__Output>): grpc.ClientUnaryCall;
  Propose(argument: _shoal_control_ProposeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_control_ProposeResponse__Output>): grpc.ClientUnaryCall;
  Propose(argument: _shoal_control_ProposeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_ProposeResponse__Output>): grpc.ClientUnaryCall;
  Propose(argument: _shoal_control_ProposeRequest, callback: grpc.requestCallback<_shoal_control_ProposeResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Appends `data` to the Raft log (through the leader when asked on a follower) and answers
   * once the entry is applied on the member that was asked.
   */
  propose(argument: _shoal_control_ProposeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_ProposeResponse__Output>): grpc.ClientUnaryCall;
  propose(argument: _shoal_control_ProposeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_control_ProposeResponse__Output>): grpc.ClientUnaryCall;
  propose(argument: _shoal_control_ProposeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_ProposeResponse__Output>): grpc.ClientUnaryCall;
  propose(argument: _shoal_control_ProposeRequest, callback: grpc.requestCallback<_shoal_control_ProposeResponse__Output>): grpc.ClientUnaryCall;
  
  Status(argument: _shoal_control_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _shoal_control_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_control_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _shoal_control_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _shoal_control_StatusRequest, callback: grpc.requestCallback<_shoal_control_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _shoal_control_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _shoal_control_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_control_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _shoal_control_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _shoal_control_StatusRequest, callback: grpc.requestCallback<_shoal_control_StatusResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Asks the leader to hand leadership to `target`; answers once `target` leads.
   */
  TransferLeadership(argument: _shoal_control_TransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_Empty__Output>): grpc.ClientUnaryCall;
  TransferLeadership(argument: _shoal_control_TransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_control_Empty__Output>): grpc.ClientUnaryCall;
  TransferLeadership(argument: _shoal_control_TransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_Empty__Output>): grpc.ClientUnaryCall;
  TransferLeadership(argument: _shoal_control_TransferRequest, callback: grpc.requestCallback<_shoal_control_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Asks the leader to hand leadership to `target`; answers once `target` leads.
   */
  transferLeadership(argument: _shoal_control_TransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_Empty__Output>): grpc.ClientUnaryCall;
  transferLeadership(argument: _shoal_control_TransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_control_Empty__Output>): grpc.ClientUnaryCall;
  transferLeadership(argument: _shoal_control_TransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_control_Empty__Output>): grpc.ClientUnaryCall;
  transferLeadership(argument: _shoal_control_TransferRequest, callback: grpc.requestCallback<_shoal_control_Empty__Output>): grpc.ClientUnaryCall;
  
}

export interface RaftControlHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Appends `data` to the Raft log (through the leader when asked on a follower) and answers
   * once the entry is applied on the member that was asked.
   */
  Propose: grpc.handleUnaryCall<_shoal_control_ProposeRequest__Output, _shoal_control_ProposeResponse>;
  
  Status: grpc.handleUnaryCall<_shoal_control_StatusRequest__Output, _shoal_control_StatusResponse>;
  
  /**
   * Asks the leader to hand leadership to `target`; answers once `target` leads.
   */
  TransferLeadership: grpc.handleUnaryCall<_shoal_control_TransferRequest__Output, _shoal_control_Empty>;
  
}

export interface RaftControlDefinition extends grpc.ServiceDefinition {
  Propose: MethodDefinition<_shoal_control_ProposeRequest, _shoal_control_ProposeResponse, _shoal_control_ProposeRequest__Output, _shoal_control_ProposeResponse__Output>
  Status: MethodDefinition<_shoal_control_StatusRequest, _shoal_control_StatusResponse, _shoal_control_StatusRequest__Output, _shoal_control_StatusResponse__Output>
  TransferLeadership: MethodDefinition<_shoal_control_TransferRequest, _shoal_control_Empty, _shoal_control_TransferRequest__Output, _shoal_control_Empty__Output>
}
