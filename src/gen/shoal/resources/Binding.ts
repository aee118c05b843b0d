// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { ObjectReference as _shoal_resources_ObjectReference, ObjectReference__Output as _shoal_resources_ObjectReference__Output } from '../../shoal/resources/ObjectReference.ts';

export interface Binding {
  'apiVersion'?: (string);
  'kind'?: (string);
  /**
   * Names the pod being bound.
   */
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  /**
   * The node (kind Node, name).
   */
  'target'?: (_shoal_resources_ObjectReference | null);
}

export interface Binding__Output {
  'apiVersion': (string);
  'kind': (string);
  /**
   * Names the pod being bound.
   */
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  /**
   * The node (kind Node, name).
   */
  'target': (_shoal_resources_ObjectReference__Output | null);
}
