// Original file: proto/resources.proto

import type { PersistentVolumeClaimTemplate as _shoal_resources_PersistentVolumeClaimTemplate, PersistentVolumeClaimTemplate__Output as _shoal_resources_PersistentVolumeClaimTemplate__Output } from '../../shoal/resources/PersistentVolumeClaimTemplate.ts';

/**
 * A volume claim created with the pod and deleted with it (named <pod>-<volume>).
 */
export interface EphemeralVolumeSource {
  'volumeClaimTemplate'?: (_shoal_resources_PersistentVolumeClaimTemplate | null);
}

/**
 * A volume claim created with the pod and deleted with it (named <pod>-<volume>).
 */
export interface EphemeralVolumeSource__Output {
  'volumeClaimTemplate': (_shoal_resources_PersistentVolumeClaimTemplate__Output | null);
}
