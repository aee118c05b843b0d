// Original file: proto/node.proto

import type { Peer as _shoal_node_Peer, Peer__Output as _shoal_node_Peer__Output } from '../../shoal/node/Peer.ts';

export interface Peers {
  'peers'?: (_shoal_node_Peer)[];
}

export interface Peers__Output {
  'peers': (_shoal_node_Peer__Output)[];
}
