// Original file: proto/node.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Chunk as _shoal_node_Chunk, Chunk__Output as _shoal_node_Chunk__Output } from '../../shoal/node/Chunk.ts';
import type { ExecInput as _shoal_node_ExecInput, ExecInput__Output as _shoal_node_ExecInput__Output } from '../../shoal/node/ExecInput.ts';
import type { LogsRequest as _shoal_node_LogsRequest, LogsRequest__Output as _shoal_node_LogsRequest__Output } from '../../shoal/node/LogsRequest.ts';

/**
 * Served by each agent (on the port it reports in its Node's
 * status.daemonEndpoints.kubeletEndpoint.Port); the masters proxy `shoal logs` and
 * `shoal exec` to it, as Kubernetes' API server does to a kubelet.
 */
export interface PodIOClient extends grpc.Client {
  /**
   * The first message carries `start`; later ones stdin bytes, and stdin_eof at the end.
   */
  Exec(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_ExecInput, _shoal_node_Chunk__Output>;
  Exec(options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_ExecInput, _shoal_node_Chunk__Output>;
  /**
   * The first message carries `start`; later ones stdin bytes, and stdin_eof at the end.
   */
  exec(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_ExecInput, _shoal_node_Chunk__Output>;
  exec(options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_ExecInput, _shoal_node_Chunk__Output>;
  
  Logs(argument: _shoal_node_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_node_Chunk__Output>;
  Logs(argument: _shoal_node_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_node_Chunk__Output>;
  logs(argument: _shoal_node_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_node_Chunk__Output>;
  logs(argument: _shoal_node_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_node_Chunk__Output>;
  
}

/**
 * Served by each agent (on the port it reports in its Node's
 * status.daemonEndpoints.kubeletEndpoint.Port); the masters proxy `shoal logs` and
 * `shoal exec` to it, as Kubernetes' API server does to a kubelet.
 */
export interface PodIOHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The first message carries `start`; later ones stdin bytes, and stdin_eof at the end.
   */
  Exec: grpc.handleBidiStreamingCall<_shoal_node_ExecInput__Output, _shoal_node_Chunk>;
  
  Logs: grpc.handleServerStreamingCall<_shoal_node_LogsRequest__Output, _shoal_node_Chunk>;
  
}

export interface PodIODefinition extends grpc.ServiceDefinition {
  Exec: MethodDefinition<_shoal_node_ExecInput, _shoal_node_Chunk, _shoal_node_ExecInput__Output, _shoal_node_Chunk__Output>
  Logs: MethodDefinition<_shoal_node_LogsRequest, _shoal_node_Chunk, _shoal_node_LogsRequest__Output, _shoal_node_Chunk__Output>
}
