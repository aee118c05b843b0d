// Original file: proto/resources.proto

import type { HostPathVolumeSource as _shoal_resources_HostPathVolumeSource, HostPathVolumeSource__Output as _shoal_resources_HostPathVolumeSource__Output } from '../../shoal/resources/HostPathVolumeSource.ts';
import type { EmptyDirVolumeSource as _shoal_resources_EmptyDirVolumeSource, EmptyDirVolumeSource__Output as _shoal_resources_EmptyDirVolumeSource__Output } from '../../shoal/resources/EmptyDirVolumeSource.ts';
import type { SecretVolumeSource as _shoal_resources_SecretVolumeSource, SecretVolumeSource__Output as _shoal_resources_SecretVolumeSource__Output } from '../../shoal/resources/SecretVolumeSource.ts';
import type { ConfigMapVolumeSource as _shoal_resources_ConfigMapVolumeSource, ConfigMapVolumeSource__Output as _shoal_resources_ConfigMapVolumeSource__Output } from '../../shoal/resources/ConfigMapVolumeSource.ts';
import type { PersistentVolumeClaimVolumeSource as _shoal_resources_PersistentVolumeClaimVolumeSource, PersistentVolumeClaimVolumeSource__Output as _shoal_resources_PersistentVolumeClaimVolumeSource__Output } from '../../shoal/resources/PersistentVolumeClaimVolumeSource.ts';
import type { DownwardAPIVolumeSource as _shoal_resources_DownwardAPIVolumeSource, DownwardAPIVolumeSource__Output as _shoal_resources_DownwardAPIVolumeSource__Output } from '../../shoal/resources/DownwardAPIVolumeSource.ts';
import type { ProjectedVolumeSource as _shoal_resources_ProjectedVolumeSource, ProjectedVolumeSource__Output as _shoal_resources_ProjectedVolumeSource__Output } from '../../shoal/resources/ProjectedVolumeSource.ts';
import type { NFSVolumeSource as _shoal_resources_NFSVolumeSource, NFSVolumeSource__Output as _shoal_resources_NFSVolumeSource__Output } from '../../shoal/resources/NFSVolumeSource.ts';
import type { CSIVolumeSource as _shoal_resources_CSIVolumeSource, CSIVolumeSource__Output as _shoal_resources_CSIVolumeSource__Output } from '../../shoal/resources/CSIVolumeSource.ts';
import type { ImageVolumeSource as _shoal_resources_ImageVolumeSource, ImageVolumeSource__Output as _shoal_resources_ImageVolumeSource__Output } from '../../shoal/resources/ImageVolumeSource.ts';
import type { EphemeralVolumeSource as _shoal_resources_EphemeralVolumeSource, EphemeralVolumeSource__Output as _shoal_resources_EphemeralVolumeSource__Output } from '../../shoal/resources/EphemeralVolumeSource.ts';

/**
 * A named volume; exactly one source is set.
 */
export interface Volume {
  'name'?: (string);
  'hostPath'?: (_shoal_resources_HostPathVolumeSource | null);
  'emptyDir'?: (_shoal_resources_EmptyDirVolumeSource | null);
  'secret'?: (_shoal_resources_SecretVolumeSource | null);
  'configMap'?: (_shoal_resources_ConfigMapVolumeSource | null);
  'persistentVolumeClaim'?: (_shoal_resources_PersistentVolumeClaimVolumeSource | null);
  'downwardAPI'?: (_shoal_resources_DownwardAPIVolumeSource | null);
  'projected'?: (_shoal_resources_ProjectedVolumeSource | null);
  'nfs'?: (_shoal_resources_NFSVolumeSource | null);
  'csi'?: (_shoal_resources_CSIVolumeSource | null);
  'image'?: (_shoal_resources_ImageVolumeSource | null);
  'ephemeral'?: (_shoal_resources_EphemeralVolumeSource | null);
}

/**
 * A named volume; exactly one source is set.
 */
export interface Volume__Output {
  'name': (string);
  'hostPath': (_shoal_resources_HostPathVolumeSource__Output | null);
  'emptyDir': (_shoal_resources_EmptyDirVolumeSource__Output | null);
  'secret': (_shoal_resources_SecretVolumeSource__Output | null);
  'configMap': (_shoal_resources_ConfigMapVolumeSource__Output | null);
  'persistentVolumeClaim': (_shoal_resources_PersistentVolumeClaimVolumeSource__Output | null);
  'downwardAPI': (_shoal_resources_DownwardAPIVolumeSource__Output | null);
  'projected': (_shoal_resources_ProjectedVolumeSource__Output | null);
  'nfs': (_shoal_resources_NFSVolumeSource__Output | null);
  'csi': (_shoal_resources_CSIVolumeSource__Output | null);
  'image': (_shoal_resources_ImageVolumeSource__Output | null);
  'ephemeral': (_shoal_resources_EphemeralVolumeSource__Output | null);
}
