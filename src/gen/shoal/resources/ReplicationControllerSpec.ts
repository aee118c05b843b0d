// Original file: proto/resources.proto

import type { PodTemplateSpec as _shoal_resources_PodTemplateSpec, PodTemplateSpec__Output as _shoal_resources_PodTemplateSpec__Output } from '../../shoal/resources/PodTemplateSpec.ts';

export interface ReplicationControllerSpec {
  'replicas'?: (number);
  'minReadySeconds'?: (number);
  /**
   * Defaulted from the template's labels when empty.
   */
  'selector'?: ({[key: string]: string});
  'template'?: (_shoal_resources_PodTemplateSpec | null);
  '_replicas'?: "replicas";
}

export interface ReplicationControllerSpec__Output {
  'replicas'?: (number);
  'minReadySeconds': (number);
  /**
   * Defaulted from the template's labels when empty.
   */
  'selector': ({[key: string]: string});
  'template': (_shoal_resources_PodTemplateSpec__Output | null);
  '_replicas'?: "replicas";
}
