// Original file: proto/api.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApplyResponse as _shoal_api_ApplyResponse, ApplyResponse__Output as _shoal_api_ApplyResponse__Output } from '../../shoal/api/ApplyResponse.ts';
import type { Chunk as _shoal_node_Chunk, Chunk__Output as _shoal_node_Chunk__Output } from '../../shoal/node/Chunk.ts';
import type { DeleteRequest as _shoal_api_DeleteRequest, DeleteRequest__Output as _shoal_api_DeleteRequest__Output } from '../../shoal/api/DeleteRequest.ts';
import type { ExecInput as _shoal_node_ExecInput, ExecInput__Output as _shoal_node_ExecInput__Output } from '../../shoal/node/ExecInput.ts';
import type { GetRequest as _shoal_api_GetRequest, GetRequest__Output as _shoal_api_GetRequest__Output } from '../../shoal/api/GetRequest.ts';
import type { KindsRequest as _shoal_api_KindsRequest, KindsRequest__Output as _shoal_api_KindsRequest__Output } from '../../shoal/api/KindsRequest.ts';
import type { KindsResponse as _shoal_api_KindsResponse, KindsResponse__Output as _shoal_api_KindsResponse__Output } from '../../shoal/api/KindsResponse.ts';
import type { ListRequest as _shoal_api_ListRequest, ListRequest__Output as _shoal_api_ListRequest__Output } from '../../shoal/api/ListRequest.ts';
import type { ListResponse as _shoal_api_ListResponse, ListResponse__Output as _shoal_api_ListResponse__Output } from '../../shoal/api/ListResponse.ts';
import type { LogsRequest as _shoal_node_LogsRequest, LogsRequest__Output as _shoal_node_LogsRequest__Output } from '../../shoal/node/LogsRequest.ts';
import type { ObjectResponse as _shoal_api_ObjectResponse, ObjectResponse__Output as _shoal_api_ObjectResponse__Output } from '../../shoal/api/ObjectResponse.ts';
import type { PatchRequest as _shoal_api_PatchRequest, PatchRequest__Output as _shoal_api_PatchRequest__Output } from '../../shoal/api/PatchRequest.ts';
import type { WatchEvent as _shoal_api_WatchEvent, WatchEvent__Output as _shoal_api_WatchEvent__Output } from '../../shoal/api/WatchEvent.ts';
import type { WatchRequest as _shoal_api_WatchRequest, WatchRequest__Output as _shoal_api_WatchRequest__Output } from '../../shoal/api/WatchRequest.ts';
import type { WriteRequest as _shoal_api_WriteRequest, WriteRequest__Output as _shoal_api_WriteRequest__Output } from '../../shoal/api/WriteRequest.ts';

export interface ResourcesClient extends grpc.Client {
  /**
   * Creates the object, or replaces the stored one's spec/labels/annotations by name.
   */
  Apply(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ApplyResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ApplyResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _shoal_api_WriteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ApplyResponse__Output>): grpc.ClientUnaryCall;
  Apply(argument: _shoal_api_WriteRequest, callback: grpc.requestCallback<_shoal_api_ApplyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates the object, or replaces the stored one's spec/labels/annotations by name.
   */
  apply(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ApplyResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ApplyResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _shoal_api_WriteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ApplyResponse__Output>): grpc.ClientUnaryCall;
  apply(argument: _shoal_api_WriteRequest, callback: grpc.requestCallback<_shoal_api_ApplyResponse__Output>): grpc.ClientUnaryCall;
  
  Create(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _shoal_api_WriteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _shoal_api_WriteRequest, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _shoal_api_WriteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _shoal_api_WriteRequest, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  Delete(argument: _shoal_api_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _shoal_api_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _shoal_api_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _shoal_api_DeleteRequest, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _shoal_api_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _shoal_api_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _shoal_api_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _shoal_api_DeleteRequest, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A command in a container (`shoal exec`), through the master to the pod's node agent.
   */
  Exec(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_ExecInput, _shoal_node_Chunk__Output>;
  Exec(options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_ExecInput, _shoal_node_Chunk__Output>;
  /**
   * A command in a container (`shoal exec`), through the master to the pod's node agent.
   */
  exec(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_ExecInput, _shoal_node_Chunk__Output>;
  exec(options?: grpc.CallOptions): grpc.ClientDuplexStream<_shoal_node_ExecInput, _shoal_node_Chunk__Output>;
  
  Get(argument: _shoal_api_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _shoal_api_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _shoal_api_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _shoal_api_GetRequest, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _shoal_api_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _shoal_api_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _shoal_api_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _shoal_api_GetRequest, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The kinds this server knows (for clients' short names and tables).
   */
  Kinds(argument: _shoal_api_KindsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_KindsResponse__Output>): grpc.ClientUnaryCall;
  Kinds(argument: _shoal_api_KindsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_KindsResponse__Output>): grpc.ClientUnaryCall;
  Kinds(argument: _shoal_api_KindsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_KindsResponse__Output>): grpc.ClientUnaryCall;
  Kinds(argument: _shoal_api_KindsRequest, callback: grpc.requestCallback<_shoal_api_KindsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The kinds this server knows (for clients' short names and tables).
   */
  kinds(argument: _shoal_api_KindsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_KindsResponse__Output>): grpc.ClientUnaryCall;
  kinds(argument: _shoal_api_KindsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_KindsResponse__Output>): grpc.ClientUnaryCall;
  kinds(argument: _shoal_api_KindsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_KindsResponse__Output>): grpc.ClientUnaryCall;
  kinds(argument: _shoal_api_KindsRequest, callback: grpc.requestCallback<_shoal_api_KindsResponse__Output>): grpc.ClientUnaryCall;
  
  List(argument: _shoal_api_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _shoal_api_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _shoal_api_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _shoal_api_ListRequest, callback: grpc.requestCallback<_shoal_api_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _shoal_api_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _shoal_api_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _shoal_api_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _shoal_api_ListRequest, callback: grpc.requestCallback<_shoal_api_ListResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A container's log (`shoal logs`), through the master to the pod's node agent.
   */
  Logs(argument: _shoal_node_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_node_Chunk__Output>;
  Logs(argument: _shoal_node_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_node_Chunk__Output>;
  /**
   * A container's log (`shoal logs`), through the master to the pod's node agent.
   */
  logs(argument: _shoal_node_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_node_Chunk__Output>;
  logs(argument: _shoal_node_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_node_Chunk__Output>;
  
  /**
   * JSON merge patch (RFC 7386) applied to the stored object.
   */
  Patch(argument: _shoal_api_PatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Patch(argument: _shoal_api_PatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Patch(argument: _shoal_api_PatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Patch(argument: _shoal_api_PatchRequest, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  /**
   * JSON merge patch (RFC 7386) applied to the stored object.
   */
  patch(argument: _shoal_api_PatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  patch(argument: _shoal_api_PatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  patch(argument: _shoal_api_PatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  patch(argument: _shoal_api_PatchRequest, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Replaces the object; a non-empty metadata.resourceVersion must be the current one.
   */
  Update(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _shoal_api_WriteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _shoal_api_WriteRequest, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Replaces the object; a non-empty metadata.resourceVersion must be the current one.
   */
  update(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _shoal_api_WriteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _shoal_api_WriteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _shoal_api_WriteRequest, callback: grpc.requestCallback<_shoal_api_ObjectResponse__Output>): grpc.ClientUnaryCall;
  
  Watch(argument: _shoal_api_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_api_WatchEvent__Output>;
  Watch(argument: _shoal_api_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_api_WatchEvent__Output>;
  watch(argument: _shoal_api_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_api_WatchEvent__Output>;
  watch(argument: _shoal_api_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_shoal_api_WatchEvent__Output>;
  
}

export interface ResourcesHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates the object, or replaces the stored one's spec/labels/annotations by name.
   */
  Apply: grpc.handleUnaryCall<_shoal_api_WriteRequest__Output, _shoal_api_ApplyResponse>;
  
  Create: grpc.handleUnaryCall<_shoal_api_WriteRequest__Output, _shoal_api_ObjectResponse>;
  
  Delete: grpc.handleUnaryCall<_shoal_api_DeleteRequest__Output, _shoal_api_ObjectResponse>;
  
  /**
   * A command in a container (`shoal exec`), through the master to the pod's node agent.
   */
  Exec: grpc.handleBidiStreamingCall<_shoal_node_ExecInput__Output, _shoal_node_Chunk>;
  
  Get: grpc.handleUnaryCall<_shoal_api_GetRequest__Output, _shoal_api_ObjectResponse>;
  
  /**
   * The kinds this server knows (for clients' short names and tables).
   */
  Kinds: grpc.handleUnaryCall<_shoal_api_KindsRequest__Output, _shoal_api_KindsResponse>;
  
  List: grpc.handleUnaryCall<_shoal_api_ListRequest__Output, _shoal_api_ListResponse>;
  
  /**
   * A container's log (`shoal logs`), through the master to the pod's node agent.
   */
  Logs: grpc.handleServerStreamingCall<_shoal_node_LogsRequest__Output, _shoal_node_Chunk>;
  
  /**
   * JSON merge patch (RFC 7386) applied to the stored object.
   */
  Patch: grpc.handleUnaryCall<_shoal_api_PatchRequest__Output, _shoal_api_ObjectResponse>;
  
  /**
   * Replaces the object; a non-empty metadata.resourceVersion must be the current one.
   */
  Update: grpc.handleUnaryCall<_shoal_api_WriteRequest__Output, _shoal_api_ObjectResponse>;
  
  Watch: grpc.handleServerStreamingCall<_shoal_api_WatchRequest__Output, _shoal_api_WatchEvent>;
  
}

export interface ResourcesDefinition extends grpc.ServiceDefinition {
  Apply: MethodDefinition<_shoal_api_WriteRequest, _shoal_api_ApplyResponse, _shoal_api_WriteRequest__Output, _shoal_api_ApplyResponse__Output>
  Create: MethodDefinition<_shoal_api_WriteRequest, _shoal_api_ObjectResponse, _shoal_api_WriteRequest__Output, _shoal_api_ObjectResponse__Output>
  Delete: MethodDefinition<_shoal_api_DeleteRequest, _shoal_api_ObjectResponse, _shoal_api_DeleteRequest__Output, _shoal_api_ObjectResponse__Output>
  Exec: MethodDefinition<_shoal_node_ExecInput, _shoal_node_Chunk, _shoal_node_ExecInput__Output, _shoal_node_Chunk__Output>
  Get: MethodDefinition<_shoal_api_GetRequest, _shoal_api_ObjectResponse, _shoal_api_GetRequest__Output, _shoal_api_ObjectResponse__Output>
  Kinds: MethodDefinition<_shoal_api_KindsRequest, _shoal_api_KindsResponse, _shoal_api_KindsRequest__Output, _shoal_api_KindsResponse__Output>
  List: MethodDefinition<_shoal_api_ListRequest, _shoal_api_ListResponse, _shoal_api_ListRequest__Output, _shoal_api_ListResponse__Output>
  Logs: MethodDefinition<_shoal_node_LogsRequest, _shoal_node_Chunk, _shoal_node_LogsRequest__Output, _shoal_node_Chunk__Output>
  Patch: MethodDefinition<_shoal_api_PatchRequest, _shoal_api_ObjectResponse, _shoal_api_PatchRequest__Output, _shoal_api_ObjectResponse__Output>
  Update: MethodDefinition<_shoal_api_WriteRequest, _shoal_api_ObjectResponse, _shoal_api_WriteRequest__Output, _shoal_api_ObjectResponse__Output>
  Watch: MethodDefinition<_shoal_api_WatchRequest, _shoal_api_WatchEvent, _shoal_api_WatchRequest__Output, _shoal_api_WatchEvent__Output>
}
