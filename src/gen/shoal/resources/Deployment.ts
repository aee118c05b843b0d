// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { DeploymentSpec as _shoal_resources_DeploymentSpec, DeploymentSpec__Output as _shoal_resources_DeploymentSpec__Output } from '../../shoal/resources/DeploymentSpec.ts';
import type { DeploymentStatus as _shoal_resources_DeploymentStatus, DeploymentStatus__Output as _shoal_resources_DeploymentStatus__Output } from '../../shoal/resources/DeploymentStatus.ts';

export interface Deployment {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_DeploymentSpec | null);
  'status'?: (_shoal_resources_DeploymentStatus | null);
}

export interface Deployment__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_DeploymentSpec__Output | null);
  'status': (_shoal_resources_DeploymentStatus__Output | null);
}
