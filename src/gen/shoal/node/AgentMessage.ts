// Original file: proto/node.proto

import type { Register as _shoal_node_Register, Register__Output as _shoal_node_Register__Output } from '../../shoal/node/Register.ts';
import type { Heartbeat as _shoal_node_Heartbeat, Heartbeat__Output as _shoal_node_Heartbeat__Output } from '../../shoal/node/Heartbeat.ts';
import type { PodStatus as _shoal_node_PodStatus, PodStatus__Output as _shoal_node_PodStatus__Output } from '../../shoal/node/PodStatus.ts';
import type { PodGone as _shoal_node_PodGone, PodGone__Output as _shoal_node_PodGone__Output } from '../../shoal/node/PodGone.ts';
import type { GoingAway as _shoal_node_GoingAway, GoingAway__Output as _shoal_node_GoingAway__Output } from '../../shoal/node/GoingAway.ts';

export interface AgentMessage {
  /**
   * First message on every stream.
   */
  'register'?: (_shoal_node_Register | null);
  /**
   * Every renew interval (the agent's lease in kube-node-lease is renewed from it).
   */
  'heartbeat'?: (_shoal_node_Heartbeat | null);
  'podStatus'?: (_shoal_node_PodStatus | null);
  /**
   * The pod's containers are stopped and its sandbox removed: the master deletes it for good.
   */
  'podGone'?: (_shoal_node_PodGone | null);
  /**
   * The agent is stopping on purpose (a restart, an upgrade) and leaves its pods running;
   * sent last, just before it ends the stream.
   */
  'goingAway'?: (_shoal_node_GoingAway | null);
  'msg'?: "register"|"heartbeat"|"podStatus"|"podGone"|"goingAway";
}

export interface AgentMessage__Output {
  /**
   * First message on every stream.
   */
  'register'?: (_shoal_node_Register__Output | null);
  /**
   * Every renew interval (the agent's lease in kube-node-lease is renewed from it).
   */
  'heartbeat'?: (_shoal_node_Heartbeat__Output | null);
  'podStatus'?: (_shoal_node_PodStatus__Output | null);
  /**
   * The pod's containers are stopped and its sandbox removed: the master deletes it for good.
   */
  'podGone'?: (_shoal_node_PodGone__Output | null);
  /**
   * The agent is stopping on purpose (a restart, an upgrade) and leaves its pods running;
   * sent last, just before it ends the stream.
   */
  'goingAway'?: (_shoal_node_GoingAway__Output | null);
  'msg'?: "register"|"heartbeat"|"podStatus"|"podGone"|"goingAway";
}
