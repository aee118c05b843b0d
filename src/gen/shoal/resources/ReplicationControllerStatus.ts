// Original file: proto/resources.proto

import type { ReplicationControllerCondition as _shoal_resources_ReplicationControllerCondition, ReplicationControllerCondition__Output as _shoal_resources_ReplicationControllerCondition__Output } from '../../shoal/resources/ReplicationControllerCondition.ts';
import type { Long } from '@grpc/proto-loader';

export interface ReplicationControllerStatus {
  'replicas'?: (number);
  'fullyLabeledReplicas'?: (number);
  'readyReplicas'?: (number);
  'availableReplicas'?: (number);
  'observedGeneration'?: (number | string | Long);
  'conditions'?: (_shoal_resources_ReplicationControllerCondition)[];
}

export interface ReplicationControllerStatus__Output {
  'replicas': (number);
  'fullyLabeledReplicas': (number);
  'readyReplicas': (number);
  'availableReplicas': (number);
  'observedGeneration': (number);
  'conditions': (_shoal_resources_ReplicationControllerCondition__Output)[];
}
