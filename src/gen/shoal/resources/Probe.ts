// Original file: proto/resources.proto

import type { ExecAction as _shoal_resources_ExecAction, ExecAction__Output as _shoal_resources_ExecAction__Output } from '../../shoal/resources/ExecAction.ts';
import type { HTTPGetAction as _shoal_resources_HTTPGetAction, HTTPGetAction__Output as _shoal_resources_HTTPGetAction__Output } from '../../shoal/resources/HTTPGetAction.ts';
import type { TCPSocketAction as _shoal_resources_TCPSocketAction, TCPSocketAction__Output as _shoal_resources_TCPSocketAction__Output } from '../../shoal/resources/TCPSocketAction.ts';
import type { GRPCAction as _shoal_resources_GRPCAction, GRPCAction__Output as _shoal_resources_GRPCAction__Output } from '../../shoal/resources/GRPCAction.ts';
import type { Long } from '@grpc/proto-loader';

/**
 * A health check. Exactly one handler (exec, httpGet, tcpSocket, grpc) is set. The timings are
 * optional because the server defaults unset ones (timeout 1s, period 10s, thresholds 1 and 3).
 */
export interface Probe {
  'exec'?: (_shoal_resources_ExecAction | null);
  'httpGet'?: (_shoal_resources_HTTPGetAction | null);
  'tcpSocket'?: (_shoal_resources_TCPSocketAction | null);
  'grpc'?: (_shoal_resources_GRPCAction | null);
  'initialDelaySeconds'?: (number);
  'timeoutSeconds'?: (number);
  'periodSeconds'?: (number);
  /**
   * Must be 1 for liveness and startup probes.
   */
  'successThreshold'?: (number);
  'failureThreshold'?: (number);
  /**
   * Overrides the pod's grace period when this probe's failure kills the container.
   */
  'terminationGracePeriodSeconds'?: (number | string | Long);
  '_initialDelaySeconds'?: "initialDelaySeconds";
  '_timeoutSeconds'?: "timeoutSeconds";
  '_periodSeconds'?: "periodSeconds";
  '_successThreshold'?: "successThreshold";
  '_failureThreshold'?: "failureThreshold";
  '_terminationGracePeriodSeconds'?: "terminationGracePeriodSeconds";
}

/**
 * A health check. Exactly one handler (exec, httpGet, tcpSocket, grpc) is set. The timings are
 * optional because the server defaults unset ones (timeout 1s, period 10s, thresholds 1 and 3).
 */
export interface Probe__Output {
  'exec': (_shoal_resources_ExecAction__Output | null);
  'httpGet': (_shoal_resources_HTTPGetAction__Output | null);
  'tcpSocket': (_shoal_resources_TCPSocketAction__Output | null);
  'grpc': (_shoal_resources_GRPCAction__Output | null);
  'initialDelaySeconds'?: (number);
  'timeoutSeconds'?: (number);
  'periodSeconds'?: (number);
  /**
   * Must be 1 for liveness and startup probes.
   */
  'successThreshold'?: (number);
  'failureThreshold'?: (number);
  /**
   * Overrides the pod's grace period when this probe's failure kills the container.
   */
  'terminationGracePeriodSeconds'?: (number);
  '_initialDelaySeconds'?: "initialDelaySeconds";
  '_timeoutSeconds'?: "timeoutSeconds";
  '_periodSeconds'?: "periodSeconds";
  '_successThreshold'?: "successThreshold";
  '_failureThreshold'?: "failureThreshold";
  '_terminationGracePeriodSeconds'?: "terminationGracePeriodSeconds";
}
