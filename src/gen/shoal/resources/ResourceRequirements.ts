// Original file: proto/resources.proto

import type { ResourceClaim as _shoal_resources_ResourceClaim, ResourceClaim__Output as _shoal_resources_ResourceClaim__Output } from '../../shoal/resources/ResourceClaim.ts';

export interface ResourceRequirements {
  /**
   * Hard caps, quantities by resource name (cpu, memory, ephemeral-storage, ...).
   */
  'limits'?: ({[key: string]: string});
  /**
   * What the scheduler reserves; defaults to limits when only those are given.
   */
  'requests'?: ({[key: string]: string});
  'claims'?: (_shoal_resources_ResourceClaim)[];
}

export interface ResourceRequirements__Output {
  /**
   * Hard caps, quantities by resource name (cpu, memory, ephemeral-storage, ...).
   */
  'limits': ({[key: string]: string});
  /**
   * What the scheduler reserves; defaults to limits when only those are given.
   */
  'requests': ({[key: string]: string});
  'claims': (_shoal_resources_ResourceClaim__Output)[];
}
