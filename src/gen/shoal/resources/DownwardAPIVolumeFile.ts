// Original file: proto/resources.proto

import type { ObjectFieldSelector as _shoal_resources_ObjectFieldSelector, ObjectFieldSelector__Output as _shoal_resources_ObjectFieldSelector__Output } from '../../shoal/resources/ObjectFieldSelector.ts';
import type { ResourceFieldSelector as _shoal_resources_ResourceFieldSelector, ResourceFieldSelector__Output as _shoal_resources_ResourceFieldSelector__Output } from '../../shoal/resources/ResourceFieldSelector.ts';

export interface DownwardAPIVolumeFile {
  'path'?: (string);
  'fieldRef'?: (_shoal_resources_ObjectFieldSelector | null);
  'resourceFieldRef'?: (_shoal_resources_ResourceFieldSelector | null);
  'mode'?: (number);
  '_mode'?: "mode";
}

export interface DownwardAPIVolumeFile__Output {
  'path': (string);
  'fieldRef': (_shoal_resources_ObjectFieldSelector__Output | null);
  'resourceFieldRef': (_shoal_resources_ResourceFieldSelector__Output | null);
  'mode'?: (number);
  '_mode'?: "mode";
}
