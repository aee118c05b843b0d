// Original file: proto/resources.proto

import type { EnvVarSource as _shoal_resources_EnvVarSource, EnvVarSource__Output as _shoal_resources_EnvVarSource__Output } from '../../shoal/resources/EnvVarSource.ts';

export interface EnvVar {
  'name'?: (string);
  'value'?: (string);
  /**
   * Takes the value from elsewhere; only when value is empty.
   */
  'valueFrom'?: (_shoal_resources_EnvVarSource | null);
}

export interface EnvVar__Output {
  'name': (string);
  'value': (string);
  /**
   * Takes the value from elsewhere; only when value is empty.
   */
  'valueFrom': (_shoal_resources_EnvVarSource__Output | null);
}
