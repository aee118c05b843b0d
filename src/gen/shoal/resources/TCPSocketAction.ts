// Original file: proto/resources.proto

import type { IntOrString as _shoal_resources_IntOrString, IntOrString__Output as _shoal_resources_IntOrString__Output } from '../../shoal/resources/IntOrString.ts';

export interface TCPSocketAction {
  'port'?: (_shoal_resources_IntOrString | null);
  'host'?: (string);
}

export interface TCPSocketAction__Output {
  'port': (_shoal_resources_IntOrString__Output | null);
  'host': (string);
}
