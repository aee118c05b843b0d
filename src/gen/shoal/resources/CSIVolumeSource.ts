// Original file: proto/resources.proto

import type { LocalObjectReference as _shoal_resources_LocalObjectReference, LocalObjectReference__Output as _shoal_resources_LocalObjectReference__Output } from '../../shoal/resources/LocalObjectReference.ts';

export interface CSIVolumeSource {
  'driver'?: (string);
  'readOnly'?: (boolean);
  'fsType'?: (string);
  /**
   * Driver-specific settings.
   */
  'volumeAttributes'?: ({[key: string]: string});
  'nodePublishSecretRef'?: (_shoal_resources_LocalObjectReference | null);
  '_readOnly'?: "readOnly";
  '_fsType'?: "fsType";
}

export interface CSIVolumeSource__Output {
  'driver': (string);
  'readOnly'?: (boolean);
  'fsType'?: (string);
  /**
   * Driver-specific settings.
   */
  'volumeAttributes': ({[key: string]: string});
  'nodePublishSecretRef': (_shoal_resources_LocalObjectReference__Output | null);
  '_readOnly'?: "readOnly";
  '_fsType'?: "fsType";
}
