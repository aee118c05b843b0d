// Original file: proto/resources.proto

import type { LabelSelector as _shoal_resources_LabelSelector, LabelSelector__Output as _shoal_resources_LabelSelector__Output } from '../../shoal/resources/LabelSelector.ts';
import type { PodTemplateSpec as _shoal_resources_PodTemplateSpec, PodTemplateSpec__Output as _shoal_resources_PodTemplateSpec__Output } from '../../shoal/resources/PodTemplateSpec.ts';

export interface ReplicaSetSpec {
  /**
   * Defaulted to 1 when unset; 0 is a valid request.
   */
  'replicas'?: (number);
  /**
   * A new pod counts as available only after being ready this long.
   */
  'minReadySeconds'?: (number);
  /**
   * Must match the template's labels; immutable in apps/v1.
   */
  'selector'?: (_shoal_resources_LabelSelector | null);
  'template'?: (_shoal_resources_PodTemplateSpec | null);
  '_replicas'?: "replicas";
}

export interface ReplicaSetSpec__Output {
  /**
   * Defaulted to 1 when unset; 0 is a valid request.
   */
  'replicas'?: (number);
  /**
   * A new pod counts as available only after being ready this long.
   */
  'minReadySeconds': (number);
  /**
   * Must match the template's labels; immutable in apps/v1.
   */
  'selector': (_shoal_resources_LabelSelector__Output | null);
  'template': (_shoal_resources_PodTemplateSpec__Output | null);
  '_replicas'?: "replicas";
}
