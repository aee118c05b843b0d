// Original file: proto/node.proto

import type { Long } from '@grpc/proto-loader';

export interface PodStatus {
  'namespace'?: (string);
  'name'?: (string);
  'uid'?: (string);
  /**
   * The pod's status (JSON), as the agent computes it.
   */
  'status'?: (Buffer | Uint8Array | string);
  /**
   * CPU and memory use, for `shoal top` and the autoscaler (annotations on the pod).
   */
  'cpuMillicores'?: (number | string | Long);
  'memoryBytes'?: (number | string | Long);
}

export interface PodStatus__Output {
  'namespace': (string);
  'name': (string);
  'uid': (string);
  /**
   * The pod's status (JSON), as the agent computes it.
   */
  'status': (Buffer);
  /**
   * CPU and memory use, for `shoal top` and the autoscaler (annotations on the pod).
   */
  'cpuMillicores': (number);
  'memoryBytes': (number);
}
