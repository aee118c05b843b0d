// Original file: proto/resources.proto

import type { IntOrString as _shoal_resources_IntOrString, IntOrString__Output as _shoal_resources_IntOrString__Output } from '../../shoal/resources/IntOrString.ts';
import type { HTTPHeader as _shoal_resources_HTTPHeader, HTTPHeader__Output as _shoal_resources_HTTPHeader__Output } from '../../shoal/resources/HTTPHeader.ts';

export interface HTTPGetAction {
  'path'?: (string);
  /**
   * Number or the name of a container port.
   */
  'port'?: (_shoal_resources_IntOrString | null);
  /**
   * Defaults to the pod IP.
   */
  'host'?: (string);
  /**
   * HTTP or HTTPS (certificates are not verified).
   */
  'scheme'?: (string);
  'httpHeaders'?: (_shoal_resources_HTTPHeader)[];
}

export interface HTTPGetAction__Output {
  'path': (string);
  /**
   * Number or the name of a container port.
   */
  'port': (_shoal_resources_IntOrString__Output | null);
  /**
   * Defaults to the pod IP.
   */
  'host': (string);
  /**
   * HTTP or HTTPS (certificates are not verified).
   */
  'scheme': (string);
  'httpHeaders': (_shoal_resources_HTTPHeader__Output)[];
}
