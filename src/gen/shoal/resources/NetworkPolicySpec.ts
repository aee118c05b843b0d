// Original file: proto/resources.proto

import type { LabelSelector as _shoal_resources_LabelSelector, LabelSelector__Output as _shoal_resources_LabelSelector__Output } from '../../shoal/resources/LabelSelector.ts';
import type { NetworkPolicyIngressRule as _shoal_resources_NetworkPolicyIngressRule, NetworkPolicyIngressRule__Output as _shoal_resources_NetworkPolicyIngressRule__Output } from '../../shoal/resources/NetworkPolicyIngressRule.ts';
import type { NetworkPolicyEgressRule as _shoal_resources_NetworkPolicyEgressRule, NetworkPolicyEgressRule__Output as _shoal_resources_NetworkPolicyEgressRule__Output } from '../../shoal/resources/NetworkPolicyEgressRule.ts';

/**
 * Pods selected by any policy are isolated in the listed directions: only traffic some rule
 * allows gets through. Policies add up; there are no deny rules.
 */
export interface NetworkPolicySpec {
  /**
   * Pods in the policy's namespace it applies to; empty selects all of them.
   */
  'podSelector'?: (_shoal_resources_LabelSelector | null);
  'ingress'?: (_shoal_resources_NetworkPolicyIngressRule)[];
  'egress'?: (_shoal_resources_NetworkPolicyEgressRule)[];
  /**
   * Ingress and/or Egress; defaulted from which rule lists are present.
   */
  'policyTypes'?: (string)[];
}

/**
 * Pods selected by any policy are isolated in the listed directions: only traffic some rule
 * allows gets through. Policies add up; there are no deny rules.
 */
export interface NetworkPolicySpec__Output {
  /**
   * Pods in the policy's namespace it applies to; empty selects all of them.
   */
  'podSelector': (_shoal_resources_LabelSelector__Output | null);
  'ingress': (_shoal_resources_NetworkPolicyIngressRule__Output)[];
  'egress': (_shoal_resources_NetworkPolicyEgressRule__Output)[];
  /**
   * Ingress and/or Egress; defaulted from which rule lists are present.
   */
  'policyTypes': (string)[];
}
