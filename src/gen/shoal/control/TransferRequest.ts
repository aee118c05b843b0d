// Original file: proto/control.proto

import type { Long } from '@grpc/proto-loader';

export interface TransferRequest {
  'targetId'?: (number | string | Long);
}

export interface TransferRequest__Output {
  'targetId': (number);
}
