// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { NetworkPolicySpec as _shoal_resources_NetworkPolicySpec, NetworkPolicySpec__Output as _shoal_resources_NetworkPolicySpec__Output } from '../../shoal/resources/NetworkPolicySpec.ts';

export interface NetworkPolicy {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_NetworkPolicySpec | null);
}

export interface NetworkPolicy__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_NetworkPolicySpec__Output | null);
}
