// Original file: proto/resources.proto

import type { Taint as _shoal_resources_Taint, Taint__Output as _shoal_resources_Taint__Output } from '../../shoal/resources/Taint.ts';

export interface NodeSpec {
  /**
   * The pod address range given to this node; podCIDRs holds one per IP family (first equals
   * podCIDR).
   */
  'podCIDR'?: (string);
  'podCIDRs'?: (string)[];
  /**
   * Cloud provider's id for the machine (<provider>://<id>).
   */
  'providerID'?: (string);
  /**
   * Cordoned: no new pods are scheduled here.
   */
  'unschedulable'?: (boolean);
  'taints'?: (_shoal_resources_Taint)[];
}

export interface NodeSpec__Output {
  /**
   * The pod address range given to this node; podCIDRs holds one per IP family (first equals
   * podCIDR).
   */
  'podCIDR': (string);
  'podCIDRs': (string)[];
  /**
   * Cloud provider's id for the machine (<provider>://<id>).
   */
  'providerID': (string);
  /**
   * Cordoned: no new pods are scheduled here.
   */
  'unschedulable': (boolean);
  'taints': (_shoal_resources_Taint__Output)[];
}
