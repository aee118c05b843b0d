// Original file: proto/resources.proto

import type { IntOrString as _shoal_resources_IntOrString, IntOrString__Output as _shoal_resources_IntOrString__Output } from '../../shoal/resources/IntOrString.ts';

export interface NetworkPolicyPort {
  /**
   * TCP (default), UDP or SCTP.
   */
  'protocol'?: (string);
  /**
   * A number or a named container port; unset means every port.
   */
  'port'?: (_shoal_resources_IntOrString | null);
  /**
   * With a numeric port, the rule covers the range port..endPort.
   */
  'endPort'?: (number);
  '_protocol'?: "protocol";
  '_endPort'?: "endPort";
}

export interface NetworkPolicyPort__Output {
  /**
   * TCP (default), UDP or SCTP.
   */
  'protocol'?: (string);
  /**
   * A number or a named container port; unset means every port.
   */
  'port': (_shoal_resources_IntOrString__Output | null);
  /**
   * With a numeric port, the rule covers the range port..endPort.
   */
  'endPort'?: (number);
  '_protocol'?: "protocol";
  '_endPort'?: "endPort";
}
