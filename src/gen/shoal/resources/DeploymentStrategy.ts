// Original file: proto/resources.proto

import type { RollingUpdateDeployment as _shoal_resources_RollingUpdateDeployment, RollingUpdateDeployment__Output as _shoal_resources_RollingUpdateDeployment__Output } from '../../shoal/resources/RollingUpdateDeployment.ts';

export interface DeploymentStrategy {
  /**
   * RollingUpdate (default) or Recreate.
   */
  'type'?: (string);
  'rollingUpdate'?: (_shoal_resources_RollingUpdateDeployment | null);
}

export interface DeploymentStrategy__Output {
  /**
   * RollingUpdate (default) or Recreate.
   */
  'type': (string);
  'rollingUpdate': (_shoal_resources_RollingUpdateDeployment__Output | null);
}
