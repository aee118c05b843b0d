// Original file: proto/resources.proto

import type { DaemonEndpoint as _shoal_resources_DaemonEndpoint, DaemonEndpoint__Output as _shoal_resources_DaemonEndpoint__Output } from '../../shoal/resources/DaemonEndpoint.ts';

export interface NodeDaemonEndpoints {
  'kubeletEndpoint'?: (_shoal_resources_DaemonEndpoint | null);
}

export interface NodeDaemonEndpoints__Output {
  'kubeletEndpoint': (_shoal_resources_DaemonEndpoint__Output | null);
}
