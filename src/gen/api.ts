import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplyResponse as _shoal_api_ApplyResponse, ApplyResponse__Output as _shoal_api_ApplyResponse__Output } from './shoal/api/ApplyResponse.ts';
import type { DeleteRequest as _shoal_api_DeleteRequest, DeleteRequest__Output as _shoal_api_DeleteRequest__Output } from './shoal/api/DeleteRequest.ts';
import type { GetRequest as _shoal_api_GetRequest, GetRequest__Output as _shoal_api_GetRequest__Output } from './shoal/api/GetRequest.ts';
import type { KindInfo as _shoal_api_KindInfo, KindInfo__Output as _shoal_api_KindInfo__Output } from './shoal/api/KindInfo.ts';
import type { KindsRequest as _shoal_api_KindsRequest, KindsRequest__Output as _shoal_api_KindsRequest__Output } from './shoal/api/KindsRequest.ts';
import type { KindsResponse as _shoal_api_KindsResponse, KindsResponse__Output as _shoal_api_KindsResponse__Output } from './shoal/api/KindsResponse.ts';
import type { ListRequest as _shoal_api_ListRequest, ListRequest__Output as _shoal_api_ListRequest__Output } from './shoal/api/ListRequest.ts';
import type { ListResponse as _shoal_api_ListResponse, ListResponse__Output as _shoal_api_ListResponse__Output } from './shoal/api/ListResponse.ts';
import type { ObjectResponse as _shoal_api_ObjectResponse, ObjectResponse__Output as _shoal_api_ObjectResponse__Output } from './shoal/api/ObjectResponse.ts';
import type { PatchRequest as _shoal_api_PatchRequest, PatchRequest__Output as _shoal_api_PatchRequest__Output } from './shoal/api/PatchRequest.ts';
import type { ResourcesClient as _shoal_api_ResourcesClient, ResourcesDefinition as _shoal_api_ResourcesDefinition } from './shoal/api/Resources.ts';
import type { WatchEvent as _shoal_api_WatchEvent, WatchEvent__Output as _shoal_api_WatchEvent__Output } from './shoal/api/WatchEvent.ts';
import type { WatchRequest as _shoal_api_WatchRequest, WatchRequest__Output as _shoal_api_WatchRequest__Output } from './shoal/api/WatchRequest.ts';
import type { WriteRequest as _shoal_api_WriteRequest, WriteRequest__Output as _shoal_api_WriteRequest__Output } from './shoal/api/WriteRequest.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  shoal: {
    api: {
      ApplyResponse: MessageTypeDefinition<_shoal_api_ApplyResponse, _shoal_api_ApplyResponse__Output>
      DeleteRequest: MessageTypeDefinition<_shoal_api_DeleteRequest, _shoal_api_DeleteRequest__Output>
      GetRequest: MessageTypeDefinition<_shoal_api_GetRequest, _shoal_api_GetRequest__Output>
      KindInfo: MessageTypeDefinition<_shoal_api_KindInfo, _shoal_api_KindInfo__Output>
      KindsRequest: MessageTypeDefinition<_shoal_api_KindsRequest, _shoal_api_KindsRequest__Output>
      KindsResponse: MessageTypeDefinition<_shoal_api_KindsResponse, _shoal_api_KindsResponse__Output>
      ListRequest: MessageTypeDefinition<_shoal_api_ListRequest, _shoal_api_ListRequest__Output>
      ListResponse: MessageTypeDefinition<_shoal_api_ListResponse, _shoal_api_ListResponse__Output>
      ObjectResponse: MessageTypeDefinition<_shoal_api_ObjectResponse, _shoal_api_ObjectResponse__Output>
      PatchRequest: MessageTypeDefinition<_shoal_api_PatchRequest, _shoal_api_PatchRequest__Output>
      Resources: SubtypeConstructor<typeof grpc.Client, _shoal_api_ResourcesClient> & { service: _shoal_api_ResourcesDefinition }
      WatchEvent: MessageTypeDefinition<_shoal_api_WatchEvent, _shoal_api_WatchEvent__Output>
      WatchRequest: MessageTypeDefinition<_shoal_api_WatchRequest, _shoal_api_WatchRequest__Output>
      WriteRequest: MessageTypeDefinition<_shoal_api_WriteRequest, _shoal_api_WriteRequest__Output>
    }
  }
}

