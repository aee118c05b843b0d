// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { ScaleSpec as _shoal_resources_ScaleSpec, ScaleSpec__Output as _shoal_resources_ScaleSpec__Output } from '../../shoal/resources/ScaleSpec.ts';
import type { ScaleStatus as _shoal_resources_ScaleStatus, ScaleStatus__Output as _shoal_resources_ScaleStatus__Output } from '../../shoal/resources/ScaleStatus.ts';

export interface Scale {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_ScaleSpec | null);
  'status'?: (_shoal_resources_ScaleStatus | null);
}

export interface Scale__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_ScaleSpec__Output | null);
  'status': (_shoal_resources_ScaleStatus__Output | null);
}
