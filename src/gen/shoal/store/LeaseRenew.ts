// Original file: proto/store.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A keep-alive received by a follower: only the leader's clock decides expiry, so a follower
 * renews through the log, and every member restarts that lease's countdown when it applies.
 */
export interface LeaseRenew {
  'id'?: (number | string | Long);
}

/**
 * A keep-alive received by a follower: only the leader's clock decides expiry, so a follower
 * renews through the log, and every member restarts that lease's countdown when it applies.
 */
export interface LeaseRenew__Output {
  'id': (number);
}
