// Original file: proto/resources.proto

import type { DownwardAPIVolumeFile as _shoal_resources_DownwardAPIVolumeFile, DownwardAPIVolumeFile__Output as _shoal_resources_DownwardAPIVolumeFile__Output } from '../../shoal/resources/DownwardAPIVolumeFile.ts';

export interface DownwardAPIVolumeSource {
  'items'?: (_shoal_resources_DownwardAPIVolumeFile)[];
  'defaultMode'?: (number);
  '_defaultMode'?: "defaultMode";
}

export interface DownwardAPIVolumeSource__Output {
  'items': (_shoal_resources_DownwardAPIVolumeFile__Output)[];
  'defaultMode'?: (number);
  '_defaultMode'?: "defaultMode";
}
