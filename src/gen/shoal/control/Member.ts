// Original file: proto/control.proto

import type { Long } from '@grpc/proto-loader';

export interface Member {
  'name'?: (string);
  'id'?: (number | string | Long);
  'peerUrl'?: (string);
}

export interface Member__Output {
  'name': (string);
  'id': (number);
  'peerUrl': (string);
}
