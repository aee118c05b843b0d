// Original file: proto/resources.proto

import type { ContainerState as _shoal_resources_ContainerState, ContainerState__Output as _shoal_resources_ContainerState__Output } from '../../shoal/resources/ContainerState.ts';
import type { ResourceRequirements as _shoal_resources_ResourceRequirements, ResourceRequirements__Output as _shoal_resources_ResourceRequirements__Output } from '../../shoal/resources/ResourceRequirements.ts';
import type { VolumeMountStatus as _shoal_resources_VolumeMountStatus, VolumeMountStatus__Output as _shoal_resources_VolumeMountStatus__Output } from '../../shoal/resources/VolumeMountStatus.ts';

export interface ContainerStatus {
  'name'?: (string);
  'state'?: (_shoal_resources_ContainerState | null);
  /**
   * The previous run's end, if the container has restarted.
   */
  'lastState'?: (_shoal_resources_ContainerState | null);
  /**
   * Passed its readiness probe (or has none and is running).
   */
  'ready'?: (boolean);
  'restartCount'?: (number);
  'image'?: (string);
  /**
   * Digest-pinned id of the image actually running.
   */
  'imageID'?: (string);
  /**
   * <runtime>://<id>.
   */
  'containerID'?: (string);
  /**
   * Past its startup probe (or has none) and running; unset while unknown.
   */
  'started'?: (boolean);
  /**
   * What the node has set aside for the container (in-place resize).
   */
  'allocatedResources'?: ({[key: string]: string});
  /**
   * Resources actually configured on the running container.
   */
  'resources'?: (_shoal_resources_ResourceRequirements | null);
  'volumeMounts'?: (_shoal_resources_VolumeMountStatus)[];
  '_started'?: "started";
}

export interface ContainerStatus__Output {
  'name': (string);
  'state': (_shoal_resources_ContainerState__Output | null);
  /**
   * The previous run's end, if the container has restarted.
   */
  'lastState': (_shoal_resources_ContainerState__Output | null);
  /**
   * Passed its readiness probe (or has none and is running).
   */
  'ready': (boolean);
  'restartCount': (number);
  'image': (string);
  /**
   * Digest-pinned id of the image actually running.
   */
  'imageID': (string);
  /**
   * <runtime>://<id>.
   */
  'containerID': (string);
  /**
   * Past its startup probe (or has none) and running; unset while unknown.
   */
  'started'?: (boolean);
  /**
   * What the node has set aside for the container (in-place resize).
   */
  'allocatedResources': ({[key: string]: string});
  /**
   * Resources actually configured on the running container.
   */
  'resources': (_shoal_resources_ResourceRequirements__Output | null);
  'volumeMounts': (_shoal_resources_VolumeMountStatus__Output)[];
  '_started'?: "started";
}
