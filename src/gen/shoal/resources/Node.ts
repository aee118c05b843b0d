// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { NodeSpec as _shoal_resources_NodeSpec, NodeSpec__Output as _shoal_resources_NodeSpec__Output } from '../../shoal/resources/NodeSpec.ts';
import type { NodeStatus as _shoal_resources_NodeStatus, NodeStatus__Output as _shoal_resources_NodeStatus__Output } from '../../shoal/resources/NodeStatus.ts';

export interface Node {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_NodeSpec | null);
  'status'?: (_shoal_resources_NodeStatus | null);
}

export interface Node__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_NodeSpec__Output | null);
  'status': (_shoal_resources_NodeStatus__Output | null);
}
