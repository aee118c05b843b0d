// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';

export interface ConfigMap {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  /**
   * UTF-8 values.
   */
  'data'?: ({[key: string]: string});
  /**
   * Base64-encoded values (for bytes that are not UTF-8); keys may not repeat those of data.
   */
  'binaryData'?: ({[key: string]: string});
  /**
   * Once true, data can no longer change (only deletion).
   */
  'immutable'?: (boolean);
  '_immutable'?: "immutable";
}

export interface ConfigMap__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  /**
   * UTF-8 values.
   */
  'data': ({[key: string]: string});
  /**
   * Base64-encoded values (for bytes that are not UTF-8); keys may not repeat those of data.
   */
  'binaryData': ({[key: string]: string});
  /**
   * Once true, data can no longer change (only deletion).
   */
  'immutable'?: (boolean);
  '_immutable'?: "immutable";
}
