// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { PodSpec as _shoal_resources_PodSpec, PodSpec__Output as _shoal_resources_PodSpec__Output } from '../../shoal/resources/PodSpec.ts';
import type { PodStatus as _shoal_resources_PodStatus, PodStatus__Output as _shoal_resources_PodStatus__Output } from '../../shoal/resources/PodStatus.ts';

export interface Pod {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_PodSpec | null);
  'status'?: (_shoal_resources_PodStatus | null);
}

export interface Pod__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_PodSpec__Output | null);
  'status': (_shoal_resources_PodStatus__Output | null);
}
