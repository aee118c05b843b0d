// Original file: proto/resources.proto

import type { LabelSelector as _shoal_resources_LabelSelector, LabelSelector__Output as _shoal_resources_LabelSelector__Output } from '../../shoal/resources/LabelSelector.ts';
import type { VolumeResourceRequirements as _shoal_resources_VolumeResourceRequirements, VolumeResourceRequirements__Output as _shoal_resources_VolumeResourceRequirements__Output } from '../../shoal/resources/VolumeResourceRequirements.ts';
import type { TypedLocalObjectReference as _shoal_resources_TypedLocalObjectReference, TypedLocalObjectReference__Output as _shoal_resources_TypedLocalObjectReference__Output } from '../../shoal/resources/TypedLocalObjectReference.ts';
import type { TypedObjectReference as _shoal_resources_TypedObjectReference, TypedObjectReference__Output as _shoal_resources_TypedObjectReference__Output } from '../../shoal/resources/TypedObjectReference.ts';

export interface PersistentVolumeClaimSpec {
  /**
   * ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.
   */
  'accessModes'?: (string)[];
  'selector'?: (_shoal_resources_LabelSelector | null);
  'resources'?: (_shoal_resources_VolumeResourceRequirements | null);
  /**
   * Binds to this specific PersistentVolume.
   */
  'volumeName'?: (string);
  /**
   * Unset means the default class; "" means no class (static volumes only).
   */
  'storageClassName'?: (string);
  /**
   * Filesystem (default) or Block.
   */
  'volumeMode'?: (string);
  'dataSource'?: (_shoal_resources_TypedLocalObjectReference | null);
  'dataSourceRef'?: (_shoal_resources_TypedObjectReference | null);
  'volumeAttributesClassName'?: (string);
  '_storageClassName'?: "storageClassName";
  '_volumeMode'?: "volumeMode";
  '_volumeAttributesClassName'?: "volumeAttributesClassName";
}

export interface PersistentVolumeClaimSpec__Output {
  /**
   * ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.
   */
  'accessModes': (string)[];
  'selector': (_shoal_resources_LabelSelector__Output | null);
  'resources': (_shoal_resources_VolumeResourceRequirements__Output | null);
  /**
   * Binds to this specific PersistentVolume.
   */
  'volumeName': (string);
  /**
   * Unset means the default class; "" means no class (static volumes only).
   */
  'storageClassName'?: (string);
  /**
   * Filesystem (default) or Block.
   */
  'volumeMode'?: (string);
  'dataSource': (_shoal_resources_TypedLocalObjectReference__Output | null);
  'dataSourceRef': (_shoal_resources_TypedObjectReference__Output | null);
  'volumeAttributesClassName'?: (string);
  '_storageClassName'?: "storageClassName";
  '_volumeMode'?: "volumeMode";
  '_volumeAttributesClassName'?: "volumeAttributesClassName";
}
