// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { ReplicationControllerSpec as _shoal_resources_ReplicationControllerSpec, ReplicationControllerSpec__Output as _shoal_resources_ReplicationControllerSpec__Output } from '../../shoal/resources/ReplicationControllerSpec.ts';
import type { ReplicationControllerStatus as _shoal_resources_ReplicationControllerStatus, ReplicationControllerStatus__Output as _shoal_resources_ReplicationControllerStatus__Output } from '../../shoal/resources/ReplicationControllerStatus.ts';

export interface ReplicationController {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_ReplicationControllerSpec | null);
  'status'?: (_shoal_resources_ReplicationControllerStatus | null);
}

export interface ReplicationController__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_ReplicationControllerSpec__Output | null);
  'status': (_shoal_resources_ReplicationControllerStatus__Output | null);
}
