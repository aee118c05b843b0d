// Original file: proto/resources.proto

import type { Long } from '@grpc/proto-loader';

export interface SleepAction {
  'seconds'?: (number | string | Long);
}

export interface SleepAction__Output {
  'seconds': (number);
}
