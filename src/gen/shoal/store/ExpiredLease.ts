// Original file: proto/store.proto

import type { Long } from '@grpc/proto-loader';

export interface ExpiredLease {
  'id'?: (number | string | Long);
  'renewals'?: (number | string | Long);
}

export interface ExpiredLease__Output {
  'id': (number);
  'renewals': (number);
}
