// Original file: proto/raft.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Who sends to whom, in which cluster. The receiver checks it on every envelope and chunk,
 * so a peer from another cluster (or a stale address book) can never inject a message.
 */
export interface Header {
  'clusterId'?: (number | string | Long);
  'from'?: (number | string | Long);
  'to'?: (number | string | Long);
}

/**
 * Who sends to whom, in which cluster. The receiver checks it on every envelope and chunk,
 * so a peer from another cluster (or a stale address book) can never inject a message.
 */
export interface Header__Output {
  'clusterId': (number);
  'from': (number);
  'to': (number);
}
