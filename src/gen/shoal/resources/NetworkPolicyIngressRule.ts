// Original file: proto/resources.proto

import type { NetworkPolicyPort as _shoal_resources_NetworkPolicyPort, NetworkPolicyPort__Output as _shoal_resources_NetworkPolicyPort__Output } from '../../shoal/resources/NetworkPolicyPort.ts';
import type { NetworkPolicyPeer as _shoal_resources_NetworkPolicyPeer, NetworkPolicyPeer__Output as _shoal_resources_NetworkPolicyPeer__Output } from '../../shoal/resources/NetworkPolicyPeer.ts';

/**
 * Empty from (or ports) means any source (or port).
 */
export interface NetworkPolicyIngressRule {
  'ports'?: (_shoal_resources_NetworkPolicyPort)[];
  'from'?: (_shoal_resources_NetworkPolicyPeer)[];
}

/**
 * Empty from (or ports) means any source (or port).
 */
export interface NetworkPolicyIngressRule__Output {
  'ports': (_shoal_resources_NetworkPolicyPort__Output)[];
  'from': (_shoal_resources_NetworkPolicyPeer__Output)[];
}
