// Original file: proto/resources.proto

import type { OwnerReference as _shoal_resources_OwnerReference, OwnerReference__Output as _shoal_resources_OwnerReference__Output } from '../../shoal/resources/OwnerReference.ts';
import type { Long } from '@grpc/proto-loader';

/**
 * Metadata common to every object. Server-owned fields (uid, resourceVersion, generation,
 * creationTimestamp, deletionTimestamp) are accepted on input so that a dumped object can be
 * re-applied, but the server sets them.
 */
export interface ObjectMeta {
  'name'?: (string);
  /**
   * Prefix for a server-generated name, used when name is empty.
   */
  'generateName'?: (string);
  'namespace'?: (string);
  /**
   * Deprecated and always empty in recent Kubernetes; accepted so that old dumps validate.
   */
  'selfLink'?: (string);
  'uid'?: (string);
  /**
   * Opaque version of the stored object; an update carrying it must match (optimistic lock).
   */
  'resourceVersion'?: (string);
  /**
   * Bumped on every change to the desired state (spec), not on status changes.
   */
  'generation'?: (number | string | Long);
  'creationTimestamp'?: (string);
  /**
   * Set when a graceful delete has been requested; the object lives on until finalizers clear.
   */
  'deletionTimestamp'?: (string);
  'deletionGracePeriodSeconds'?: (number | string | Long);
  'labels'?: ({[key: string]: string});
  'annotations'?: ({[key: string]: string});
  'ownerReferences'?: (_shoal_resources_OwnerReference)[];
  /**
   * While non-empty, a deleted object is kept (marked by deletionTimestamp).
   */
  'finalizers'?: (string)[];
  '_deletionGracePeriodSeconds'?: "deletionGracePeriodSeconds";
}

/**
 * Metadata common to every object. Server-owned fields (uid, resourceVersion, generation,
 * creationTimestamp, deletionTimestamp) are accepted on input so that a dumped object can be
 * re-applied, but the server sets them.
 */
export interface ObjectMeta__Output {
  'name': (string);
  /**
   * Prefix for a server-generated name, used when name is empty.
   */
  'generateName': (string);
  'namespace': (string);
  /**
   * Deprecated and always empty in recent Kubernetes; accepted so that old dumps validate.
   */
  'selfLink': (string);
  'uid': (string);
  /**
   * Opaque version of the stored object; an update carrying it must match (optimistic lock).
   */
  'resourceVersion': (string);
  /**
   * Bumped on every change to the desired state (spec), not on status changes.
   */
  'generation': (number);
  'creationTimestamp': (string);
  /**
   * Set when a graceful delete has been requested; the object lives on until finalizers clear.
   */
  'deletionTimestamp': (string);
  'deletionGracePeriodSeconds'?: (number);
  'labels': ({[key: string]: string});
  'annotations': ({[key: string]: string});
  'ownerReferences': (_shoal_resources_OwnerReference__Output)[];
  /**
   * While non-empty, a deleted object is kept (marked by deletionTimestamp).
   */
  'finalizers': (string)[];
  '_deletionGracePeriodSeconds'?: "deletionGracePeriodSeconds";
}
