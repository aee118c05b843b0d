// Original file: proto/resources.proto

import type { LifecycleHandler as _shoal_resources_LifecycleHandler, LifecycleHandler__Output as _shoal_resources_LifecycleHandler__Output } from '../../shoal/resources/LifecycleHandler.ts';

export interface Lifecycle {
  /**
   * Runs right after the container is created; the container is not running until it ends.
   */
  'postStart'?: (_shoal_resources_LifecycleHandler | null);
  /**
   * Runs before the stop signal; counts against the grace period.
   */
  'preStop'?: (_shoal_resources_LifecycleHandler | null);
  /**
   * Signal used to stop the container instead of the image's STOPSIGNAL.
   */
  'stopSignal'?: (string);
  '_stopSignal'?: "stopSignal";
}

export interface Lifecycle__Output {
  /**
   * Runs right after the container is created; the container is not running until it ends.
   */
  'postStart': (_shoal_resources_LifecycleHandler__Output | null);
  /**
   * Runs before the stop signal; counts against the grace period.
   */
  'preStop': (_shoal_resources_LifecycleHandler__Output | null);
  /**
   * Signal used to stop the container instead of the image's STOPSIGNAL.
   */
  'stopSignal'?: (string);
  '_stopSignal'?: "stopSignal";
}
