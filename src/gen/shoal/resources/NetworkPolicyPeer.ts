// Original file: proto/resources.proto

import type { LabelSelector as _shoal_resources_LabelSelector, LabelSelector__Output as _shoal_resources_LabelSelector__Output } from '../../shoal/resources/LabelSelector.ts';
import type { IPBlock as _shoal_resources_IPBlock, IPBlock__Output as _shoal_resources_IPBlock__Output } from '../../shoal/resources/IPBlock.ts';

/**
 * podSelector and namespaceSelector together mean "these pods in those namespaces"; ipBlock
 * stands alone.
 */
export interface NetworkPolicyPeer {
  'podSelector'?: (_shoal_resources_LabelSelector | null);
  'namespaceSelector'?: (_shoal_resources_LabelSelector | null);
  'ipBlock'?: (_shoal_resources_IPBlock | null);
}

/**
 * podSelector and namespaceSelector together mean "these pods in those namespaces"; ipBlock
 * stands alone.
 */
export interface NetworkPolicyPeer__Output {
  'podSelector': (_shoal_resources_LabelSelector__Output | null);
  'namespaceSelector': (_shoal_resources_LabelSelector__Output | null);
  'ipBlock': (_shoal_resources_IPBlock__Output | null);
}
