// Original file: proto/raft.proto

import type { Long } from '@grpc/proto-loader';

export interface StreamSummary {
  'receivedMessages'?: (number | string | Long);
}

export interface StreamSummary__Output {
  'receivedMessages': (number);
}
