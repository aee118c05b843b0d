// Original file: proto/resources.proto

import type { SecretProjection as _shoal_resources_SecretProjection, SecretProjection__Output as _shoal_resources_SecretProjection__Output } from '../../shoal/resources/SecretProjection.ts';
import type { ConfigMapProjection as _shoal_resources_ConfigMapProjection, ConfigMapProjection__Output as _shoal_resources_ConfigMapProjection__Output } from '../../shoal/resources/ConfigMapProjection.ts';
import type { DownwardAPIProjection as _shoal_resources_DownwardAPIProjection, DownwardAPIProjection__Output as _shoal_resources_DownwardAPIProjection__Output } from '../../shoal/resources/DownwardAPIProjection.ts';
import type { ServiceAccountTokenProjection as _shoal_resources_ServiceAccountTokenProjection, ServiceAccountTokenProjection__Output as _shoal_resources_ServiceAccountTokenProjection__Output } from '../../shoal/resources/ServiceAccountTokenProjection.ts';
import type { ClusterTrustBundleProjection as _shoal_resources_ClusterTrustBundleProjection, ClusterTrustBundleProjection__Output as _shoal_resources_ClusterTrustBundleProjection__Output } from '../../shoal/resources/ClusterTrustBundleProjection.ts';

export interface VolumeProjection {
  'secret'?: (_shoal_resources_SecretProjection | null);
  'configMap'?: (_shoal_resources_ConfigMapProjection | null);
  'downwardAPI'?: (_shoal_resources_DownwardAPIProjection | null);
  'serviceAccountToken'?: (_shoal_resources_ServiceAccountTokenProjection | null);
  'clusterTrustBundle'?: (_shoal_resources_ClusterTrustBundleProjection | null);
}

export interface VolumeProjection__Output {
  'secret': (_shoal_resources_SecretProjection__Output | null);
  'configMap': (_shoal_resources_ConfigMapProjection__Output | null);
  'downwardAPI': (_shoal_resources_DownwardAPIProjection__Output | null);
  'serviceAccountToken': (_shoal_resources_ServiceAccountTokenProjection__Output | null);
  'clusterTrustBundle': (_shoal_resources_ClusterTrustBundleProjection__Output | null);
}
