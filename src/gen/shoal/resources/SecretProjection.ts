// Original file: proto/resources.proto

import type { KeyToPath as _shoal_resources_KeyToPath, KeyToPath__Output as _shoal_resources_KeyToPath__Output } from '../../shoal/resources/KeyToPath.ts';

export interface SecretProjection {
  'name'?: (string);
  'items'?: (_shoal_resources_KeyToPath)[];
  'optional'?: (boolean);
  '_optional'?: "optional";
}

export interface SecretProjection__Output {
  'name': (string);
  'items': (_shoal_resources_KeyToPath__Output)[];
  'optional'?: (boolean);
  '_optional'?: "optional";
}
