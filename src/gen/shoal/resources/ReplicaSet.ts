// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { ReplicaSetSpec as _shoal_resources_ReplicaSetSpec, ReplicaSetSpec__Output as _shoal_resources_ReplicaSetSpec__Output } from '../../shoal/resources/ReplicaSetSpec.ts';
import type { ReplicaSetStatus as _shoal_resources_ReplicaSetStatus, ReplicaSetStatus__Output as _shoal_resources_ReplicaSetStatus__Output } from '../../shoal/resources/ReplicaSetStatus.ts';

export interface ReplicaSet {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_ReplicaSetSpec | null);
  'status'?: (_shoal_resources_ReplicaSetStatus | null);
}

export interface ReplicaSet__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_ReplicaSetSpec__Output | null);
  'status': (_shoal_resources_ReplicaSetStatus__Output | null);
}
