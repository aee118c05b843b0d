// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';

export interface Secret {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  /**
   * Opaque (default), kubernetes.io/tls, kubernetes.io/dockerconfigjson, ...; some types
   * require certain keys.
   */
  'type'?: (string);
  /**
   * Base64-encoded values.
   */
  'data'?: ({[key: string]: string});
  /**
   * Plain-text convenience input, merged into data on write (and never read back).
   */
  'stringData'?: ({[key: string]: string});
  'immutable'?: (boolean);
  '_immutable'?: "immutable";
}

export interface Secret__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  /**
   * Opaque (default), kubernetes.io/tls, kubernetes.io/dockerconfigjson, ...; some types
   * require certain keys.
   */
  'type': (string);
  /**
   * Base64-encoded values.
   */
  'data': ({[key: string]: string});
  /**
   * Plain-text convenience input, merged into data on write (and never read back).
   */
  'stringData': ({[key: string]: string});
  'immutable'?: (boolean);
  '_immutable'?: "immutable";
}
