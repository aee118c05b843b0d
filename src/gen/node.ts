import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AgentMessage as _shoal_node_AgentMessage, AgentMessage__Output as _shoal_node_AgentMessage__Output } from './shoal/node/AgentMessage.ts';
import type { Chunk as _shoal_node_Chunk, Chunk__Output as _shoal_node_Chunk__Output } from './shoal/node/Chunk.ts';
import type { ExecInput as _shoal_node_ExecInput, ExecInput__Output as _shoal_node_ExecInput__Output } from './shoal/node/ExecInput.ts';
import type { ExecStart as _shoal_node_ExecStart, ExecStart__Output as _shoal_node_ExecStart__Output } from './shoal/node/ExecStart.ts';
import type { GoingAway as _shoal_node_GoingAway, GoingAway__Output as _shoal_node_GoingAway__Output } from './shoal/node/GoingAway.ts';
import type { Heartbeat as _shoal_node_Heartbeat, Heartbeat__Output as _shoal_node_Heartbeat__Output } from './shoal/node/Heartbeat.ts';
import type { HeartbeatAck as _shoal_node_HeartbeatAck, HeartbeatAck__Output as _shoal_node_HeartbeatAck__Output } from './shoal/node/HeartbeatAck.ts';
import type { LogsRequest as _shoal_node_LogsRequest, LogsRequest__Output as _shoal_node_LogsRequest__Output } from './shoal/node/LogsRequest.ts';
import type { MasterMessage as _shoal_node_MasterMessage, MasterMessage__Output as _shoal_node_MasterMessage__Output } from './shoal/node/MasterMessage.ts';
import type { NodeAgentClient as _shoal_node_NodeAgentClient, NodeAgentDefinition as _shoal_node_NodeAgentDefinition } from './shoal/node/NodeAgent.ts';
import type { Peer as _shoal_node_Peer, Peer__Output as _shoal_node_Peer__Output } from './shoal/node/Peer.ts';
import type { Peers as _shoal_node_Peers, Peers__Output as _shoal_node_Peers__Output } from './shoal/node/Peers.ts';
import type { PodGone as _shoal_node_PodGone, PodGone__Output as _shoal_node_PodGone__Output } from './shoal/node/PodGone.ts';
import type { PodIOClient as _shoal_node_PodIOClient, PodIODefinition as _shoal_node_PodIODefinition } from './shoal/node/PodIO.ts';
import type { PodRef as _shoal_node_PodRef, PodRef__Output as _shoal_node_PodRef__Output } from './shoal/node/PodRef.ts';
import type { PodSet as _shoal_node_PodSet, PodSet__Output as _shoal_node_PodSet__Output } from './shoal/node/PodSet.ts';
import type { PodStatus as _shoal_node_PodStatus, PodStatus__Output as _shoal_node_PodStatus__Output } from './shoal/node/PodStatus.ts';
import type { Register as _shoal_node_Register, Register__Output as _shoal_node_Register__Output } from './shoal/node/Register.ts';
import type { Registered as _shoal_node_Registered, Registered__Output as _shoal_node_Registered__Output } from './shoal/node/Registered.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  shoal: {
    node: {
      AgentMessage: MessageTypeDefinition<_shoal_node_AgentMessage, _shoal_node_AgentMessage__Output>
      Chunk: MessageTypeDefinition<_shoal_node_Chunk, _shoal_node_Chunk__Output>
      ExecInput: MessageTypeDefinition<_shoal_node_ExecInput, _shoal_node_ExecInput__Output>
      ExecStart: MessageTypeDefinition<_shoal_node_ExecStart, _shoal_node_ExecStart__Output>
      GoingAway: MessageTypeDefinition<_shoal_node_GoingAway, _shoal_node_GoingAway__Output>
      Heartbeat: MessageTypeDefinition<_shoal_node_Heartbeat, _shoal_node_Heartbeat__Output>
      HeartbeatAck: MessageTypeDefinition<_shoal_node_HeartbeatAck, _shoal_node_HeartbeatAck__Output>
      LogsRequest: MessageTypeDefinition<_shoal_node_LogsRequest, _shoal_node_LogsRequest__Output>
      MasterMessage: MessageTypeDefinition<_shoal_node_MasterMessage, _shoal_node_MasterMessage__Output>
      NodeAgent: SubtypeConstructor<typeof grpc.Client, _shoal_node_NodeAgentClient> & { service: _shoal_node_NodeAgentDefinition }
      Peer: MessageTypeDefinition<_shoal_node_Peer, _shoal_node_Peer__Output>
      Peers: MessageTypeDefinition<_shoal_node_Peers, _shoal_node_Peers__Output>
      PodGone: MessageTypeDefinition<_shoal_node_PodGone, _shoal_node_PodGone__Output>
      /**
       * Served by each agent (on the port it reports in its Node's
       * status.daemonEndpoints.kubeletEndpoint.Port); the masters proxy `shoal logs` and
       * `shoal exec` to it, as Kubernetes' API server does to a kubelet.
       */
      PodIO: SubtypeConstructor<typeof grpc.Client, _shoal_node_PodIOClient> & { service: _shoal_node_PodIODefinition }
      PodRef: MessageTypeDefinition<_shoal_node_PodRef, _shoal_node_PodRef__Output>
      PodSet: MessageTypeDefinition<_shoal_node_PodSet, _shoal_node_PodSet__Output>
      PodStatus: MessageTypeDefinition<_shoal_node_PodStatus, _shoal_node_PodStatus__Output>
      Register: MessageTypeDefinition<_shoal_node_Register, _shoal_node_Register__Output>
      Registered: MessageTypeDefinition<_shoal_node_Registered, _shoal_node_Registered__Output>
    }
  }
}

