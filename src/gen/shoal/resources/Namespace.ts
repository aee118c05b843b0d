// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { NamespaceSpec as _shoal_resources_NamespaceSpec, NamespaceSpec__Output as _shoal_resources_NamespaceSpec__Output } from '../../shoal/resources/NamespaceSpec.ts';
import type { NamespaceStatus as _shoal_resources_NamespaceStatus, NamespaceStatus__Output as _shoal_resources_NamespaceStatus__Output } from '../../shoal/resources/NamespaceStatus.ts';

export interface Namespace {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_NamespaceSpec | null);
  'status'?: (_shoal_resources_NamespaceStatus | null);
}

export interface Namespace__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_NamespaceSpec__Output | null);
  'status': (_shoal_resources_NamespaceStatus__Output | null);
}
