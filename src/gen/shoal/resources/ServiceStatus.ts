// Original file: proto/resources.proto

import type { LoadBalancerStatus as _shoal_resources_LoadBalancerStatus, LoadBalancerStatus__Output as _shoal_resources_LoadBalancerStatus__Output } from '../../shoal/resources/LoadBalancerStatus.ts';
import type { Condition as _shoal_resources_Condition, Condition__Output as _shoal_resources_Condition__Output } from '../../shoal/resources/Condition.ts';

export interface ServiceStatus {
  'loadBalancer'?: (_shoal_resources_LoadBalancerStatus | null);
  'conditions'?: (_shoal_resources_Condition)[];
}

export interface ServiceStatus__Output {
  'loadBalancer': (_shoal_resources_LoadBalancerStatus__Output | null);
  'conditions': (_shoal_resources_Condition__Output)[];
}
