// Original file: proto/resources.proto

import type { ObjectReference as _shoal_resources_ObjectReference, ObjectReference__Output as _shoal_resources_ObjectReference__Output } from '../../shoal/resources/ObjectReference.ts';

export interface EndpointAddress {
  'ip'?: (string);
  'hostname'?: (string);
  'nodeName'?: (string);
  /**
   * Usually the pod behind the address.
   */
  'targetRef'?: (_shoal_resources_ObjectReference | null);
  '_nodeName'?: "nodeName";
}

export interface EndpointAddress__Output {
  'ip': (string);
  'hostname': (string);
  'nodeName'?: (string);
  /**
   * Usually the pod behind the address.
   */
  'targetRef': (_shoal_resources_ObjectReference__Output | null);
  '_nodeName'?: "nodeName";
}
