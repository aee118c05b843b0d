// Original file: proto/node.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AgentMessage as _shoal_node_AgentMessage, AgentMessage__Output as _shoal_node_AgentMessage__Output } from '../../shoal/node/AgentMessage.ts';
import type { MasterMessage as _shoal_node_MasterMessage, MasterMessage__Output as _shoal_node_MasterMessage__Output } from '../../shoal/node/MasterMessage.ts';

export interface NodeAgentClient extends grpc.Client {
  Connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_AgentMessage, _shoal_node_MasterMessage__Output>;
  Connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_AgentMessage, _shoal_node_MasterMessage__Output>;
  connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_AgentMessage, _shoal_node_MasterMessage__Output>;
  connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_AgentMessage, _shoal_node_MasterMessage__Output>;
  
}

export interface NodeAgentHandlers extends grpc.UntypedServiceImplementation {
  Connect: grpc.handleBidiStreamingCall<_shoal_node_AgentMessage__Output, _shoal_node_MasterMessage>;
  
}

export interface NodeAgentDefinition extends grpc.ServiceDefinition {
  Connect: MethodDefinition<_shoal_node_AgentMessage, _shoal_node_MasterMessage, _shoal_node_AgentMessage__Output, _shoal_node_MasterMessage__Output>
}
