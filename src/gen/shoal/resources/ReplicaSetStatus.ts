// Original file: proto/resources.proto

import type { ReplicaSetCondition as _shoal_resources_ReplicaSetCondition, ReplicaSetCondition__Output as _shoal_resources_ReplicaSetCondition__Output } from '../../shoal/resources/ReplicaSetCondition.ts';
import type { Long } from '@grpc/proto-loader';

export interface ReplicaSetStatus {
  'replicas'?: (number);
  /**
   * Pods whose labels match the template's labels, not just the selector.
   */
  'fullyLabeledReplicas'?: (number);
  'readyReplicas'?: (number);
  'availableReplicas'?: (number);
  /**
   * Pods being deleted (deletionTimestamp set) but not gone yet.
   */
  'terminatingReplicas'?: (number);
  /**
   * The metadata.generation this status reflects.
   */
  'observedGeneration'?: (number | string | Long);
  'conditions'?: (_shoal_resources_ReplicaSetCondition)[];
  '_terminatingReplicas'?: "terminatingReplicas";
}

export interface ReplicaSetStatus__Output {
  'replicas': (number);
  /**
   * Pods whose labels match the template's labels, not just the selector.
   */
  'fullyLabeledReplicas': (number);
  'readyReplicas': (number);
  'availableReplicas': (number);
  /**
   * Pods being deleted (deletionTimestamp set) but not gone yet.
   */
  'terminatingReplicas'?: (number);
  /**
   * The metadata.generation this status reflects.
   */
  'observedGeneration': (number);
  'conditions': (_shoal_resources_ReplicaSetCondition__Output)[];
  '_terminatingReplicas'?: "terminatingReplicas";
}
