// Original file: proto/resources.proto

import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from '../../shoal/resources/ObjectMeta.ts';
import type { ObjectReference as _shoal_resources_ObjectReference, ObjectReference__Output as _shoal_resources_ObjectReference__Output } from '../../shoal/resources/ObjectReference.ts';
import type { EventSource as _shoal_resources_EventSource, EventSource__Output as _shoal_resources_EventSource__Output } from '../../shoal/resources/EventSource.ts';
import type { EventSeries as _shoal_resources_EventSeries, EventSeries__Output as _shoal_resources_EventSeries__Output } from '../../shoal/resources/EventSeries.ts';

export interface Event {
  'apiVersion'?: (string);
  'kind'?: (string);
  'metadata'?: (_shoal_resources_ObjectMeta | null);
  /**
   * What the event is about.
   */
  'involvedObject'?: (_shoal_resources_ObjectReference | null);
  /**
   * Short CamelCase cause, e.g. Scheduled, Pulled, BackOff.
   */
  'reason'?: (string);
  'message'?: (string);
  'source'?: (_shoal_resources_EventSource | null);
  'firstTimestamp'?: (string);
  'lastTimestamp'?: (string);
  /**
   * How many times this event has been seen (repeats are folded into one object).
   */
  'count'?: (number);
  /**
   * Normal or Warning.
   */
  'type'?: (string);
  /**
   * Microsecond-precision time of the first occurrence (newer reporters).
   */
  'eventTime'?: (string);
  'series'?: (_shoal_resources_EventSeries | null);
  /**
   * What was done (or failed), e.g. Binding, Killing.
   */
  'action'?: (string);
  /**
   * A second object involved, e.g. the node a pod was bound to.
   */
  'related'?: (_shoal_resources_ObjectReference | null);
  'reportingComponent'?: (string);
  'reportingInstance'?: (string);
}

export interface Event__Output {
  'apiVersion': (string);
  'kind': (string);
  'metadata': (_shoal_resources_ObjectMeta__Output | null);
  /**
   * What the event is about.
   */
  'involvedObject': (_shoal_resources_ObjectReference__Output | null);
  /**
   * Short CamelCase cause, e.g. Scheduled, Pulled, BackOff.
   */
  'reason': (string);
  'message': (string);
  'source': (_shoal_resources_EventSource__Output | null);
  'firstTimestamp': (string);
  'lastTimestamp': (string);
  /**
   * How many times this event has been seen (repeats are folded into one object).
   */
  'count': (number);
  /**
   * Normal or Warning.
   */
  'type': (string);
  /**
   * Microsecond-precision time of the first occurrence (newer reporters).
   */
  'eventTime': (string);
  'series': (_shoal_resources_EventSeries__Output | null);
  /**
   * What was done (or failed), e.g. Binding, Killing.
   */
  'action': (string);
  /**
   * A second object involved, e.g. the node a pod was bound to.
   */
  'related': (_shoal_resources_ObjectReference__Output | null);
  'reportingComponent': (string);
  'reportingInstance': (string);
}
