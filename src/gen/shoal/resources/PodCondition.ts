// Original file: proto/resources.proto

import type { Long } from '@grpc/proto-loader';

export interface PodCondition {
  /**
   * PodScheduled, Initialized, ContainersReady, Ready, PodReadyToStartContainers, or a
   * readiness gate's type.
   */
  'type'?: (string);
  'observedGeneration'?: (number | string | Long);
  'status'?: (string);
  'lastProbeTime'?: (string);
  'lastTransitionTime'?: (string);
  'reason'?: (string);
  'message'?: (string);
}

export interface PodCondition__Output {
  /**
   * PodScheduled, Initialized, ContainersReady, Ready, PodReadyToStartContainers, or a
   * readiness gate's type.
   */
  'type': (string);
  'observedGeneration': (number);
  'status': (string);
  'lastProbeTime': (string);
  'lastTransitionTime': (string);
  'reason': (string);
  'message': (string);
}
