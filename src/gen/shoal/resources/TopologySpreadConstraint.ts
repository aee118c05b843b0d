// Original file: proto/resources.proto

import type { LabelSelector as _shoal_resources_LabelSelector, LabelSelector__Output as _shoal_resources_LabelSelector__Output } from '../../shoal/resources/LabelSelector.ts';

/**
 * Spread matching pods evenly across the values of a node label (zones, hosts, ...).
 */
export interface TopologySpreadConstraint {
  /**
   * Largest allowed difference in matching pods between two domains.
   */
  'maxSkew'?: (number);
  'topologyKey'?: (string);
  /**
   * DoNotSchedule or ScheduleAnyway.
   */
  'whenUnsatisfiable'?: (string);
  'labelSelector'?: (_shoal_resources_LabelSelector | null);
  'minDomains'?: (number);
  /**
   * Honor or Ignore.
   */
  'nodeAffinityPolicy'?: (string);
  'nodeTaintsPolicy'?: (string);
  /**
   * Label keys whose values are taken from the incoming pod and added to labelSelector.
   */
  'matchLabelKeys'?: (string)[];
  '_minDomains'?: "minDomains";
  '_nodeAffinityPolicy'?: "nodeAffinityPolicy";
  '_nodeTaintsPolicy'?: "nodeTaintsPolicy";
}

/**
 * Spread matching pods evenly across the values of a node label (zones, hosts, ...).
 */
export interface TopologySpreadConstraint__Output {
  /**
   * Largest allowed difference in matching pods between two domains.
   */
  'maxSkew': (number);
  'topologyKey': (string);
  /**
   * DoNotSchedule or ScheduleAnyway.
   */
  'whenUnsatisfiable': (string);
  'labelSelector': (_shoal_resources_LabelSelector__Output | null);
  'minDomains'?: (number);
  /**
   * Honor or Ignore.
   */
  'nodeAffinityPolicy'?: (string);
  'nodeTaintsPolicy'?: (string);
  /**
   * Label keys whose values are taken from the incoming pod and added to labelSelector.
   */
  'matchLabelKeys': (string)[];
  '_minDomains'?: "minDomains";
  '_nodeAffinityPolicy'?: "nodeAffinityPolicy";
  '_nodeTaintsPolicy'?: "nodeTaintsPolicy";
}
