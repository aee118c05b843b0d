// Original file: proto/resources.proto

import type { DownwardAPIVolumeFile as _shoal_resources_DownwardAPIVolumeFile, DownwardAPIVolumeFile__Output as _shoal_resources_DownwardAPIVolumeFile__Output } from '../../shoal/resources/DownwardAPIVolumeFile.ts';

export interface DownwardAPIProjection {
  'items'?: (_shoal_resources_DownwardAPIVolumeFile)[];
}

export interface DownwardAPIProjection__Output {
  'items': (_shoal_resources_DownwardAPIVolumeFile__Output)[];
}
