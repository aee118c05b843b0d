// Original file: proto/node.proto

import type { Registered as _shoal_node_Registered, Registered__Output as _shoal_node_Registered__Output } from '../../shoal/node/Registered.ts';
import type { PodSet as _shoal_node_PodSet, PodSet__Output as _shoal_node_PodSet__Output } from '../../shoal/node/PodSet.ts';
import type { PodRef as _shoal_node_PodRef, PodRef__Output as _shoal_node_PodRef__Output } from '../../shoal/node/PodRef.ts';
import type { Peers as _shoal_node_Peers, Peers__Output as _shoal_node_Peers__Output } from '../../shoal/node/Peers.ts';
import type { HeartbeatAck as _shoal_node_HeartbeatAck, HeartbeatAck__Output as _shoal_node_HeartbeatAck__Output } from '../../shoal/node/HeartbeatAck.ts';

export interface MasterMessage {
  'registered'?: (_shoal_node_Registered | null);
  /**
   * Every pod bound to the node now (sent once after Registered, and again after a relist).
   */
  'podSet'?: (_shoal_node_PodSet | null);
  /**
   * A pod bound to the node was added or changed (JSON).
   */
  'podUpsert'?: (Buffer | Uint8Array | string);
  /**
   * A pod is no longer bound to the node or no longer exists.
   */
  'podRemove'?: (_shoal_node_PodRef | null);
  /**
   * Other nodes' pod CIDRs, for routes between nodes (sent when they change).
   */
  'peers'?: (_shoal_node_Peers | null);
  /**
   * The node's lease was renewed in the registry for a heartbeat (the agent fails over to
   * another master when these stop: a frozen or cut-off master keeps the stream open but
   * cannot renew anything).
   */
  'heartbeatAck'?: (_shoal_node_HeartbeatAck | null);
  'msg'?: "registered"|"podSet"|"podUpsert"|"podRemove"|"peers"|"heartbeatAck";
}

export interface MasterMessage__Output {
  'registered'?: (_shoal_node_Registered__Output | null);
  /**
   * Every pod bound to the node now (sent once after Registered, and again after a relist).
   */
  'podSet'?: (_shoal_node_PodSet__Output | null);
  /**
   * A pod bound to the node was added or changed (JSON).
   */
  'podUpsert'?: (Buffer);
  /**
   * A pod is no longer bound to the node or no longer exists.
   */
  'podRemove'?: (_shoal_node_PodRef__Output | null);
  /**
   * Other nodes' pod CIDRs, for routes between nodes (sent when they change).
   */
  'peers'?: (_shoal_node_Peers__Output | null);
  /**
   * The node's lease was renewed in the registry for a heartbeat (the agent fails over to
   * another master when these stop: a frozen or cut-off master keeps the stream open but
   * cannot renew anything).
   */
  'heartbeatAck'?: (_shoal_node_HeartbeatAck__Output | null);
  'msg'?: "registered"|"podSet"|"podUpsert"|"podRemove"|"peers"|"heartbeatAck";
}
