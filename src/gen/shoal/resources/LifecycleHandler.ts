// Original file: proto/resources.proto

import type { ExecAction as _shoal_resources_ExecAction, ExecAction__Output as _shoal_resources_ExecAction__Output } from '../../shoal/resources/ExecAction.ts';
import type { HTTPGetAction as _shoal_resources_HTTPGetAction, HTTPGetAction__Output as _shoal_resources_HTTPGetAction__Output } from '../../shoal/resources/HTTPGetAction.ts';
import type { TCPSocketAction as _shoal_resources_TCPSocketAction, TCPSocketAction__Output as _shoal_resources_TCPSocketAction__Output } from '../../shoal/resources/TCPSocketAction.ts';
import type { SleepAction as _shoal_resources_SleepAction, SleepAction__Output as _shoal_resources_SleepAction__Output } from '../../shoal/resources/SleepAction.ts';

export interface LifecycleHandler {
  'exec'?: (_shoal_resources_ExecAction | null);
  'httpGet'?: (_shoal_resources_HTTPGetAction | null);
  /**
   * Deprecated for hooks and not run, but still accepted.
   */
  'tcpSocket'?: (_shoal_resources_TCPSocketAction | null);
  'sleep'?: (_shoal_resources_SleepAction | null);
}

export interface LifecycleHandler__Output {
  'exec': (_shoal_resources_ExecAction__Output | null);
  'httpGet': (_shoal_resources_HTTPGetAction__Output | null);
  /**
   * Deprecated for hooks and not run, but still accepted.
   */
  'tcpSocket': (_shoal_resources_TCPSocketAction__Output | null);
  'sleep': (_shoal_resources_SleepAction__Output | null);
}
