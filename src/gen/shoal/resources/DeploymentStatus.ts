// Original file: proto/resources.proto

import type { DeploymentCondition as _shoal_resources_DeploymentCondition, DeploymentCondition__Output as _shoal_resources_DeploymentCondition__Output } from '../../shoal/resources/DeploymentCondition.ts';
import type { Long } from '@grpc/proto-loader';

export interface DeploymentStatus {
  'observedGeneration'?: (number | string | Long);
  /**
   * Pods of all its ReplicaSets (not terminating).
   */
  'replicas'?: (number);
  /**
   * Pods on the current template.
   */
  'updatedReplicas'?: (number);
  'readyReplicas'?: (number);
  'availableReplicas'?: (number);
  'unavailableReplicas'?: (number);
  'terminatingReplicas'?: (number);
  'conditions'?: (_shoal_resources_DeploymentCondition)[];
  /**
   * Bumped to resolve a hash clash between the template and an existing ReplicaSet's name.
   */
  'collisionCount'?: (number);
  '_terminatingReplicas'?: "terminatingReplicas";
  '_collisionCount'?: "collisionCount";
}

export interface DeploymentStatus__Output {
  'observedGeneration': (number);
  /**
   * Pods of all its ReplicaSets (not terminating).
   */
  'replicas': (number);
  /**
   * Pods on the current template.
   */
  'updatedReplicas': (number);
  'readyReplicas': (number);
  'availableReplicas': (number);
  'unavailableReplicas': (number);
  'terminatingReplicas'?: (number);
  'conditions': (_shoal_resources_DeploymentCondition__Output)[];
  /**
   * Bumped to resolve a hash clash between the template and an existing ReplicaSet's name.
   */
  'collisionCount'?: (number);
  '_terminatingReplicas'?: "terminatingReplicas";
  '_collisionCount'?: "collisionCount";
}
