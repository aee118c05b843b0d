// Original file: proto/resources.proto

import type { ContainerStateWaiting as _shoal_resources_ContainerStateWaiting, ContainerStateWaiting__Output as _shoal_resources_ContainerStateWaiting__Output } from '../../shoal/resources/ContainerStateWaiting.ts';
import type { ContainerStateRunning as _shoal_resources_ContainerStateRunning, ContainerStateRunning__Output as _shoal_resources_ContainerStateRunning__Output } from '../../shoal/resources/ContainerStateRunning.ts';
import type { ContainerStateTerminated as _shoal_resources_ContainerStateTerminated, ContainerStateTerminated__Output as _shoal_resources_ContainerStateTerminated__Output } from '../../shoal/resources/ContainerStateTerminated.ts';

/**
 * At most one of the three is set.
 */
export interface ContainerState {
  'waiting'?: (_shoal_resources_ContainerStateWaiting | null);
  'running'?: (_shoal_resources_ContainerStateRunning | null);
  'terminated'?: (_shoal_resources_ContainerStateTerminated | null);
}

/**
 * At most one of the three is set.
 */
export interface ContainerState__Output {
  'waiting': (_shoal_resources_ContainerStateWaiting__Output | null);
  'running': (_shoal_resources_ContainerStateRunning__Output | null);
  'terminated': (_shoal_resources_ContainerStateTerminated__Output | null);
}
