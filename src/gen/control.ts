import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Empty as _shoal_control_Empty, Empty__Output as _shoal_control_Empty__Output } from './shoal/control/Empty.ts';
import type { Member as _shoal_control_Member, Member__Output as _shoal_control_Member__Output } from './shoal/control/Member.ts';
import type { ProposeRequest as _shoal_control_ProposeRequest, ProposeRequest__Output as _shoal_control_ProposeRequest__Output } from './shoal/control/ProposeRequest.ts';
import type { ProposeResponse as _shoal_control_ProposeResponse, ProposeResponse__Output as _shoal_control_ProposeResponse__Output } from './shoal/control/ProposeResponse.ts';
import type { RaftControlClient as _shoal_control_RaftControlClient, RaftControlDefinition as _shoal_control_RaftControlDefinition } from './shoal/control/RaftControl.ts';
import type { StatusRequest as _shoal_control_StatusRequest, StatusRequest__Output as _shoal_control_StatusRequest__Output } from './shoal/control/StatusRequest.ts';
import type { StatusResponse as _shoal_control_StatusResponse, StatusResponse__Output as _shoal_control_StatusResponse__Output } from './shoal/control/StatusResponse.ts';
import type { TransferRequest as _shoal_control_TransferRequest, TransferRequest__Output as _shoal_control_TransferRequest__Output } from './shoal/control/TransferRequest.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  shoal: {
    control: {
      Empty: MessageTypeDefinition<_shoal_control_Empty, _shoal_control_Empty__Output>
      Member: MessageTypeDefinition<_shoal_control_Member, _shoal_control_Member__Output>
      ProposeRequest: MessageTypeDefinition<_shoal_control_ProposeRequest, _shoal_control_ProposeRequest__Output>
      ProposeResponse: MessageTypeDefinition<_shoal_control_ProposeResponse, _shoal_control_ProposeResponse__Output>
      RaftControl: SubtypeConstructor<typeof grpc.Client, _shoal_control_RaftControlClient> & { service: _shoal_control_RaftControlDefinition }
      StatusRequest: MessageTypeDefinition<_shoal_control_StatusRequest, _shoal_control_StatusRequest__Output>
      StatusResponse: MessageTypeDefinition<_shoal_control_StatusResponse, _shoal_control_StatusResponse__Output>
      TransferRequest: MessageTypeDefinition<_shoal_control_TransferRequest, _shoal_control_TransferRequest__Output>
    }
  }
}

