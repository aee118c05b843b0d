// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { PersistentVolumeClaimSpec as _shoal_resources_PersistentVolumeClaimSpec, PersistentVolumeClaimSpec__Output as _shoal_resources_PersistentVolumeClaimSpec__Output } from '../../shoal/resources/PersistentVolumeClaimSpec.ts';

export interface PersistentVolumeClaimTemplate {
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_PersistentVolumeClaimSpec | null);
}

export interface PersistentVolumeClaimTemplate__Output {
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_PersistentVolumeClaimSpec__Output | null);
}
