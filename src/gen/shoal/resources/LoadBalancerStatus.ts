// Original file: proto/resources.proto

import type { LoadBalancerIngress as _shoal_resources_LoadBalancerIngress, LoadBalancerIngress__Output as _shoal_resources_LoadBalancerIngress__Output } from '../../shoal/resources/LoadBalancerIngress.ts';

export interface LoadBalancerStatus {
  'ingress'?: (_shoal_resources_LoadBalancerIngress)[];
}

export interface LoadBalancerStatus__Output {
  'ingress': (_shoal_resources_LoadBalancerIngress__Output)[];
}
