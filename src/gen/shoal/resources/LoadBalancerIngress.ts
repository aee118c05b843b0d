// Original file: proto/resources.proto

import type { PortStatus as _shoal_resources_PortStatus, PortStatus__Output as _shoal_resources_PortStatus__Output } from '../../shoal/resources/PortStatus.ts';

export interface LoadBalancerIngress {
  'ip'?: (string);
  'hostname'?: (string);
  /**
   * VIP (traffic reaches nodes with the LB's IP as destination) or Proxy.
   */
  'ipMode'?: (string);
  'ports'?: (_shoal_resources_PortStatus)[];
  '_ipMode'?: "ipMode";
}

export interface LoadBalancerIngress__Output {
  'ip': (string);
  'hostname': (string);
  /**
   * VIP (traffic reaches nodes with the LB's IP as destination) or Proxy.
   */
  'ipMode'?: (string);
  'ports': (_shoal_resources_PortStatus__Output)[];
  '_ipMode'?: "ipMode";
}
