// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { ServiceSpec as _shoal_resources_ServiceSpec, ServiceSpec__Output as _shoal_resources_ServiceSpec__Output } from '../../shoal/resources/ServiceSpec.ts';
import type { ServiceStatus as _shoal_resources_ServiceStatus, ServiceStatus__Output as _shoal_resources_ServiceStatus__Output } from '../../shoal/resources/ServiceStatus.ts';

export interface Service {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  'spec'?: (_shoal_resources_ServiceSpec | null);
  'status'?: (_shoal_resources_ServiceStatus | null);
}

export interface Service__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  'spec': (_shoal_resources_ServiceSpec__Output | null);
  'status': (_shoal_resources_ServiceStatus__Output | null);
}
