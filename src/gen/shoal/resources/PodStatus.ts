// Original file: proto/resources.proto

import type { PodCondition as _shoal_resources_PodCondition, PodCondition__Output as _shoal_resources_PodCondition__Output } from '../../shoal/resources/PodCondition.ts';
import type { HostIP as _shoal_resources_HostIP, HostIP__Output as _shoal_resources_HostIP__Output } from '../../shoal/resources/HostIP.ts';
import type { PodIP as _shoal_resources_PodIP, PodIP__Output as _shoal_resources_PodIP__Output } from '../../shoal/resources/PodIP.ts';
import type { ContainerStatus as _shoal_resources_ContainerStatus, ContainerStatus__Output as _shoal_resources_ContainerStatus__Output } from '../../shoal/resources/ContainerStatus.ts';
import type { Long } from '@grpc/proto-loader';

export interface PodStatus {
  'observedGeneration'?: (number | string | Long);
  /**
   * Pending, Running, Succeeded, Failed or Unknown.
   */
  'phase'?: (string);
  'conditions'?: (_shoal_resources_PodCondition)[];
  'message'?: (string);
  /**
   * e.g. Evicted.
   */
  'reason'?: (string);
  /**
   * Node the scheduler expects the pod to land on once preemption has made room.
   */
  'nominatedNodeName'?: (string);
  'hostIP'?: (string);
  'hostIPs'?: (_shoal_resources_HostIP)[];
  'podIP'?: (string);
  /**
   * One per IP family; the first equals podIP.
   */
  'podIPs'?: (_shoal_resources_PodIP)[];
  /**
   * When the node agent accepted the pod (before images are pulled).
   */
  'startTime'?: (string);
  'initContainerStatuses'?: (_shoal_resources_ContainerStatus)[];
  'containerStatuses'?: (_shoal_resources_ContainerStatus)[];
  /**
   * Guaranteed, Burstable or BestEffort (derived from the resources).
   */
  'qosClass'?: (string);
  'ephemeralContainerStatuses'?: (_shoal_resources_ContainerStatus)[];
  /**
   * Deprecated in-place resize state; accepted for old dumps.
   */
  'resize'?: (string);
}

export interface PodStatus__Output {
  'observedGeneration': (number);
  /**
   * Pending, Running, Succeeded, Failed or Unknown.
   */
  'phase': (string);
  'conditions': (_shoal_resources_PodCondition__Output)[];
  'message': (string);
  /**
   * e.g. Evicted.
   */
  'reason': (string);
  /**
   * Node the scheduler expects the pod to land on once preemption has made room.
   */
  'nominatedNodeName': (string);
  'hostIP': (string);
  'hostIPs': (_shoal_resources_HostIP__Output)[];
  'podIP': (string);
  /**
   * One per IP family; the first equals podIP.
   */
  'podIPs': (_shoal_resources_PodIP__Output)[];
  /**
   * When the node agent accepted the pod (before images are pulled).
   */
  'startTime': (string);
  'initContainerStatuses': (_shoal_resources_ContainerStatus__Output)[];
  'containerStatuses': (_shoal_resources_ContainerStatus__Output)[];
  /**
   * Guaranteed, Burstable or BestEffort (derived from the resources).
   */
  'qosClass': (string);
  'ephemeralContainerStatuses': (_shoal_resources_ContainerStatus__Output)[];
  /**
   * Deprecated in-place resize state; accepted for old dumps.
   */
  'resize': (string);
}
