// Original file: proto/resources.proto

import type { ObjectFieldSelector as _shoal_resources_ObjectFieldSelector, ObjectFieldSelector__Output as _shoal_resources_ObjectFieldSelector__Output } from '../../shoal/resources/ObjectFieldSelector.ts';
import type { ResourceFieldSelector as _shoal_resources_ResourceFieldSelector, ResourceFieldSelector__Output as _shoal_resources_ResourceFieldSelector__Output } from '../../shoal/resources/ResourceFieldSelector.ts';
import type { ConfigMapKeySelector as _shoal_resources_ConfigMapKeySelector, ConfigMapKeySelector__Output as _shoal_resources_ConfigMapKeySelector__Output } from '../../shoal/resources/ConfigMapKeySelector.ts';
import type { SecretKeySelector as _shoal_resources_SecretKeySelector, SecretKeySelector__Output as _shoal_resources_SecretKeySelector__Output } from '../../shoal/resources/SecretKeySelector.ts';

export interface EnvVarSource {
  /**
   * A pod field, e.g. metadata.name, status.podIP, spec.nodeName.
   */
  'fieldRef'?: (_shoal_resources_ObjectFieldSelector | null);
  /**
   * A container's resource request or limit.
   */
  'resourceFieldRef'?: (_shoal_resources_ResourceFieldSelector | null);
  'configMapKeyRef'?: (_shoal_resources_ConfigMapKeySelector | null);
  'secretKeyRef'?: (_shoal_resources_SecretKeySelector | null);
}

export interface EnvVarSource__Output {
  /**
   * A pod field, e.g. metadata.name, status.podIP, spec.nodeName.
   */
  'fieldRef': (_shoal_resources_ObjectFieldSelector__Output | null);
  /**
   * A container's resource request or limit.
   */
  'resourceFieldRef': (_shoal_resources_ResourceFieldSelector__Output | null);
  'configMapKeyRef': (_shoal_resources_ConfigMapKeySelector__Output | null);
  'secretKeyRef': (_shoal_resources_SecretKeySelector__Output | null);
}
