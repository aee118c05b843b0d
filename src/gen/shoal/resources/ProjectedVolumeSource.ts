// Original file: proto/resources.proto

import type { VolumeProjection as _shoal_resources_VolumeProjection, VolumeProjection__Output as _shoal_resources_VolumeProjection__Output } from '../../shoal/resources/VolumeProjection.ts';

/**
 * Several sources merged into one directory (the service-account token volume is one).
 */
export interface ProjectedVolumeSource {
  'sources'?: (_shoal_resources_VolumeProjection)[];
  'defaultMode'?: (number);
  '_defaultMode'?: "defaultMode";
}

/**
 * Several sources merged into one directory (the service-account token volume is one).
 */
export interface ProjectedVolumeSource__Output {
  'sources': (_shoal_resources_VolumeProjection__Output)[];
  'defaultMode'?: (number);
  '_defaultMode'?: "defaultMode";
}
