// Original file: proto/resources.proto

import type { IntOrString as _shoal_resources_IntOrString, IntOrString__Output as _shoal_resources_IntOrString__Output } from '../../shoal/resources/IntOrString.ts';

/**
 * Both are a count or a percentage of replicas ("25%", the default for each).
 */
export interface RollingUpdateDeployment {
  /**
   * How many pods may be unavailable during the update (percentages round down).
   */
  'maxUnavailable'?: (_shoal_resources_IntOrString | null);
  /**
   * How many pods may exist above the desired count (percentages round up).
   */
  'maxSurge'?: (_shoal_resources_IntOrString | null);
}

/**
 * Both are a count or a percentage of replicas ("25%", the default for each).
 */
export interface RollingUpdateDeployment__Output {
  /**
   * How many pods may be unavailable during the update (percentages round down).
   */
  'maxUnavailable': (_shoal_resources_IntOrString__Output | null);
  /**
   * How many pods may exist above the desired count (percentages round up).
   */
  'maxSurge': (_shoal_resources_IntOrString__Output | null);
}
