// Original file: proto/resources.proto

import type { EndpointAddress as _shoal_resources_EndpointAddress, EndpointAddress__Output as _shoal_resources_EndpointAddress__Output } from '../../shoal/resources/EndpointAddress.ts';
import type { EndpointPort as _shoal_resources_EndpointPort, EndpointPort__Output as _shoal_resources_EndpointPort__Output } from '../../shoal/resources/EndpointPort.ts';

export interface EndpointSubset {
  'addresses'?: (_shoal_resources_EndpointAddress)[];
  /**
   * Backends that are not ready; proxies skip them.
   */
  'notReadyAddresses'?: (_shoal_resources_EndpointAddress)[];
  'ports'?: (_shoal_resources_EndpointPort)[];
}

export interface EndpointSubset__Output {
  'addresses': (_shoal_resources_EndpointAddress__Output)[];
  /**
   * Backends that are not ready; proxies skip them.
   */
  'notReadyAddresses': (_shoal_resources_EndpointAddress__Output)[];
  'ports': (_shoal_resources_EndpointPort__Output)[];
}
