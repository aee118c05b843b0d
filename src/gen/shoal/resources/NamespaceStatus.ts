// Original file: proto/resources.proto

import type { NamespaceCondition as _shoal_resources_NamespaceCondition, NamespaceCondition__Output as _shoal_resources_NamespaceCondition__Output } from '../../shoal/resources/NamespaceCondition.ts';

export interface NamespaceStatus {
  /**
   * Active or Terminating.
   */
  'phase'?: (string);
  'conditions'?: (_shoal_resources_NamespaceCondition)[];
}

export interface NamespaceStatus__Output {
  /**
   * Active or Terminating.
   */
  'phase': (string);
  'conditions': (_shoal_resources_NamespaceCondition__Output)[];
}
