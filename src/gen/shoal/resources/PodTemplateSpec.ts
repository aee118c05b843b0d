// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { PodSpec as _shoal_resources_PodSpec, PodSpec__Output as _shoal_resources_PodSpec__Output } from '../../shoal/resources/PodSpec.ts';

/**
 * A pod's metadata and spec, embedded by the workload controllers that stamp out pods.
 */
export interface PodTemplateSpec {
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_PodSpec | null);
}

/**
 * A pod's metadata and spec, embedded by the workload controllers that stamp out pods.
 */
export interface PodTemplateSpec__Output {
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_PodSpec__Output | null);
}
