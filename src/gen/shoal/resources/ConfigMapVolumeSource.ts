// Original file: proto/resources.proto

import type { KeyToPath as _shoal_resources_KeyToPath, KeyToPath__Output as _shoal_resources_KeyToPath__Output } from '../../shoal/resources/KeyToPath.ts';

export interface ConfigMapVolumeSource {
  'name'?: (string);
  'items'?: (_shoal_resources_KeyToPath)[];
  'defaultMode'?: (number);
  'optional'?: (boolean);
  '_defaultMode'?: "defaultMode";
  '_optional'?: "optional";
}

export interface ConfigMapVolumeSource__Output {
  'name': (string);
  'items': (_shoal_resources_KeyToPath__Output)[];
  'defaultMode'?: (number);
  'optional'?: (boolean);
  '_defaultMode'?: "defaultMode";
  '_optional'?: "optional";
}
