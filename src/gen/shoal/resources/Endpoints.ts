// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { EndpointSubset as _shoal_resources_EndpointSubset, EndpointSubset__Output as _shoal_resources_EndpointSubset__Output } from '../../shoal/resources/EndpointSubset.ts';

export interface Endpoints {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  /**
   * Every address of a subset serves every port of that subset.
   */
  'subsets'?: (_shoal_resources_EndpointSubset)[];
}

export interface Endpoints__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  /**
   * Every address of a subset serves every port of that subset.
   */
  'subsets': (_shoal_resources_EndpointSubset__Output)[];
}
