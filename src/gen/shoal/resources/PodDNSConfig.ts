// Original file: proto/resources.proto

import type { PodDNSConfigOption as _shoal_resources_PodDNSConfigOption, PodDNSConfigOption__Output as _shoal_resources_PodDNSConfigOption__Output } from '../../shoal/resources/PodDNSConfigOption.ts';

export interface PodDNSConfig {
  'nameservers'?: (string)[];
  'searches'?: (string)[];
  'options'?: (_shoal_resources_PodDNSConfigOption)[];
}

export interface PodDNSConfig__Output {
  'nameservers': (string)[];
  'searches': (string)[];
  'options': (_shoal_resources_PodDNSConfigOption__Output)[];
}
