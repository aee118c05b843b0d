// Original file: proto/resources.proto

import type { ConfigMapEnvSource as _shoal_resources_ConfigMapEnvSource, ConfigMapEnvSource__Output as _shoal_resources_ConfigMapEnvSource__Output } from '../../shoal/resources/ConfigMapEnvSource.ts';
import type { SecretEnvSource as _shoal_resources_SecretEnvSource, SecretEnvSource__Output as _shoal_resources_SecretEnvSource__Output } from '../../shoal/resources/SecretEnvSource.ts';

/**
 * Every key of a ConfigMap or Secret becomes an env var (keys that are not valid names are
 * skipped).
 */
export interface EnvFromSource {
  'prefix'?: (string);
  'configMapRef'?: (_shoal_resources_ConfigMapEnvSource | null);
  'secretRef'?: (_shoal_resources_SecretEnvSource | null);
}

/**
 * Every key of a ConfigMap or Secret becomes an env var (keys that are not valid names are
 * skipped).
 */
export interface EnvFromSource__Output {
  'prefix': (string);
  'configMapRef': (_shoal_resources_ConfigMapEnvSource__Output | null);
  'secretRef': (_shoal_resources_SecretEnvSource__Output | null);
}
