// Original file: proto/resources.proto

import type { NetworkPolicyPort as _shoal_resources_NetworkPolicyPort, NetworkPolicyPort__Output as _shoal_resources_NetworkPolicyPort__Output } from '../../shoal/resources/NetworkPolicyPort.ts';
import type { NetworkPolicyPeer as _shoal_resources_NetworkPolicyPeer, NetworkPolicyPeer__Output as _shoal_resources_NetworkPolicyPeer__Output } from '../../shoal/resources/NetworkPolicyPeer.ts';

export interface NetworkPolicyEgressRule {
  'ports'?: (_shoal_resources_NetworkPolicyPort)[];
  'to'?: (_shoal_resources_NetworkPolicyPeer)[];
}

export interface NetworkPolicyEgressRule__Output {
  'ports': (_shoal_resources_NetworkPolicyPort__Output)[];
  'to': (_shoal_resources_NetworkPolicyPeer__Output)[];
}
