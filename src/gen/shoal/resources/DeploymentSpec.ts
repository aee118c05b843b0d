// Original file: proto/resources.proto

import type { LabelSelector as _shoal_resources_LabelSelector, LabelSelector__Output as _shoal_resources_LabelSelector__Output } from '../../shoal/resources/LabelSelector.ts';
import type { PodTemplateSpec as _shoal_resources_PodTemplateSpec, PodTemplateSpec__Output as _shoal_resources_PodTemplateSpec__Output } from '../../shoal/resources/PodTemplateSpec.ts';
import type { DeploymentStrategy as _shoal_resources_DeploymentStrategy, DeploymentStrategy__Output as _shoal_resources_DeploymentStrategy__Output } from '../../shoal/resources/DeploymentStrategy.ts';

export interface DeploymentSpec {
  'replicas'?: (number);
  'selector'?: (_shoal_resources_LabelSelector | null);
  'template'?: (_shoal_resources_PodTemplateSpec | null);
  'strategy'?: (_shoal_resources_DeploymentStrategy | null);
  'minReadySeconds'?: (number);
  /**
   * Old ReplicaSets kept for rollback (default 10; 0 keeps none).
   */
  'revisionHistoryLimit'?: (number);
  /**
   * While true, template changes do not start a rollout.
   */
  'paused'?: (boolean);
  /**
   * A rollout without progress for this long is reported as failed (default 600).
   */
  'progressDeadlineSeconds'?: (number);
  '_replicas'?: "replicas";
  '_revisionHistoryLimit'?: "revisionHistoryLimit";
  '_progressDeadlineSeconds'?: "progressDeadlineSeconds";
}

export interface DeploymentSpec__Output {
  'replicas'?: (number);
  'selector': (_shoal_resources_LabelSelector__Output | null);
  'template': (_shoal_resources_PodTemplateSpec__Output | null);
  'strategy': (_shoal_resources_DeploymentStrategy__Output | null);
  'minReadySeconds': (number);
  /**
   * Old ReplicaSets kept for rollback (default 10; 0 keeps none).
   */
  'revisionHistoryLimit'?: (number);
  /**
   * While true, template changes do not start a rollout.
   */
  'paused': (boolean);
  /**
   * A rollout without progress for this long is reported as failed (default 600).
   */
  'progressDeadlineSeconds'?: (number);
  '_replicas'?: "replicas";
  '_revisionHistoryLimit'?: "revisionHistoryLimit";
  '_progressDeadlineSeconds'?: "progressDeadlineSeconds";
}
