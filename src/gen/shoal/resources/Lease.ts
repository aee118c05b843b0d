// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { LeaseSpec as _shoal_resources_LeaseSpec, LeaseSpec__Output as _shoal_resources_LeaseSpec__Output } from '../../shoal/resources/LeaseSpec.ts';

export interface Lease {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_LeaseSpec | null);
}

export interface Lease__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_LeaseSpec__Output | null);
}
