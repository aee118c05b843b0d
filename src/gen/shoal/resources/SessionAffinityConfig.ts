// Original file: proto/resources.proto

import type { ClientIPConfig as _shoal_resources_ClientIPConfig, ClientIPConfig__Output as _shoal_resources_ClientIPConfig__Output } from '../../shoal/resources/ClientIPConfig.ts';

export interface SessionAffinityConfig {
  'clientIP'?: (_shoal_resources_ClientIPConfig | null);
}

export interface SessionAffinityConfig__Output {
  'clientIP': (_shoal_resources_ClientIPConfig__Output | null);
}
