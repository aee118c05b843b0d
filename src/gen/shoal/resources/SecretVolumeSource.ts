// Original file: proto/resources.proto

import type { KeyToPath as _shoal_resources_KeyToPath, KeyToPath__Output as _shoal_resources_KeyToPath__Output } from '../../shoal/resources/KeyToPath.ts';

export interface SecretVolumeSource {
  'secretName'?: (string);
  /**
   * When given, only these keys are projected; otherwise every key becomes a file.
   */
  'items'?: (_shoal_resources_KeyToPath)[];
  'defaultMode'?: (number);
  'optional'?: (boolean);
  '_defaultMode'?: "defaultMode";
  '_optional'?: "optional";
}

export interface SecretVolumeSource__Output {
  'secretName': (string);
  /**
   * When given, only these keys are projected; otherwise every key becomes a file.
   */
  'items': (_shoal_resources_KeyToPath__Output)[];
  'defaultMode'?: (number);
  'optional'?: (boolean);
  '_defaultMode'?: "defaultMode";
  '_optional'?: "optional";
}
