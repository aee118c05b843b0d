// Original file: proto/resources.proto

import type { Long } from '@grpc/proto-loader';

export interface ContainerImage {
  'names'?: (string)[];
  'sizeBytes'?: (number | string | Long);
}

export interface ContainerImage__Output {
  'names': (string)[];
  'sizeBytes': (number);
}
