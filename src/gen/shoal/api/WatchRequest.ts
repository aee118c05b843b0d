// Original file: proto/api.proto


export interface WatchRequest {
  'resource'?: (string);
  'namespace'?: (string);
  'labelSelector'?: (string);
  'fieldSelector'?: (string);
  /**
   * Events after this version; "" or "0" = the current state first (as ADDED events), then
   * changes. A compacted version ends the stream with OUT_OF_RANGE (relist).
   */
  'resourceVersion'?: (string);
  /**
   * Send BOOKMARK events now and then so a reconnect can resume from a recent version.
   */
  'allowBookmarks'?: (boolean);
  /**
   * Only this object.
   */
  'name'?: (string);
}

export interface WatchRequest__Output {
  'resource': (string);
  'namespace': (string);
  'labelSelector': (string);
  'fieldSelector': (string);
  /**
   * Events after this version; "" or "0" = the current state first (as ADDED events), then
   * changes. A compacted version ends the stream with OUT_OF_RANGE (relist).
   */
  'resourceVersion': (string);
  /**
   * Send BOOKMARK events now and then so a reconnect can resume from a recent version.
   */
  'allowBookmarks': (boolean);
  /**
   * Only this object.
   */
  'name': (string);
}
