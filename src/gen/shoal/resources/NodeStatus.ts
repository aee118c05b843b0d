// Original file: proto/resources.proto

import type { NodeCondition as _shoal_resources_NodeCondition, NodeCondition__Output as _shoal_resources_NodeCondition__Output } from '../../shoal/resources/NodeCondition.ts';
import type { NodeAddress as _shoal_resources_NodeAddress, NodeAddress__Output as _shoal_resources_NodeAddress__Output } from '../../shoal/resources/NodeAddress.ts';
import type { NodeDaemonEndpoints as _shoal_resources_NodeDaemonEndpoints, NodeDaemonEndpoints__Output as _shoal_resources_NodeDaemonEndpoints__Output } from '../../shoal/resources/NodeDaemonEndpoints.ts';
import type { NodeSystemInfo as _shoal_resources_NodeSystemInfo, NodeSystemInfo__Output as _shoal_resources_NodeSystemInfo__Output } from '../../shoal/resources/NodeSystemInfo.ts';
import type { ContainerImage as _shoal_resources_ContainerImage, ContainerImage__Output as _shoal_resources_ContainerImage__Output } from '../../shoal/resources/ContainerImage.ts';
import type { AttachedVolume as _shoal_resources_AttachedVolume, AttachedVolume__Output as _shoal_resources_AttachedVolume__Output } from '../../shoal/resources/AttachedVolume.ts';
import type { NodeRuntimeHandler as _shoal_resources_NodeRuntimeHandler, NodeRuntimeHandler__Output as _shoal_resources_NodeRuntimeHandler__Output } from '../../shoal/resources/NodeRuntimeHandler.ts';
import type { NodeFeatures as _shoal_resources_NodeFeatures, NodeFeatures__Output as _shoal_resources_NodeFeatures__Output } from '../../shoal/resources/NodeFeatures.ts';

export interface NodeStatus {
  /**
   * Total resources of the node (quantities by resource name: cpu, memory, pods, ...).
   */
  'capacity'?: ({[key: string]: string});
  /**
   * What is left for pods after system reservations.
   */
  'allocatable'?: ({[key: string]: string});
  /**
   * Deprecated; accepted for old dumps.
   */
  'phase'?: (string);
  'conditions'?: (_shoal_resources_NodeCondition)[];
  'addresses'?: (_shoal_resources_NodeAddress)[];
  'daemonEndpoints'?: (_shoal_resources_NodeDaemonEndpoints | null);
  'nodeInfo'?: (_shoal_resources_NodeSystemInfo | null);
  'images'?: (_shoal_resources_ContainerImage)[];
  'volumesInUse'?: (string)[];
  'volumesAttached'?: (_shoal_resources_AttachedVolume)[];
  'runtimeHandlers'?: (_shoal_resources_NodeRuntimeHandler)[];
  'features'?: (_shoal_resources_NodeFeatures | null);
}

export interface NodeStatus__Output {
  /**
   * Total resources of the node (quantities by resource name: cpu, memory, pods, ...).
   */
  'capacity': ({[key: string]: string});
  /**
   * What is left for pods after system reservations.
   */
  'allocatable': ({[key: string]: string});
  /**
   * Deprecated; accepted for old dumps.
   */
  'phase': (string);
  'conditions': (_shoal_resources_NodeCondition__Output)[];
  'addresses': (_shoal_resources_NodeAddress__Output)[];
  'daemonEndpoints': (_shoal_resources_NodeDaemonEndpoints__Output | null);
  'nodeInfo': (_shoal_resources_NodeSystemInfo__Output | null);
  'images': (_shoal_resources_ContainerImage__Output)[];
  'volumesInUse': (string)[];
  'volumesAttached': (_shoal_resources_AttachedVolume__Output)[];
  'runtimeHandlers': (_shoal_resources_NodeRuntimeHandler__Output)[];
  'features': (_shoal_resources_NodeFeatures__Output | null);
}
