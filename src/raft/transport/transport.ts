import type { Message, NodeId } from '../core/types.ts';

export interface PeerAddress {
  id: NodeId;
  /** host:port of the peer's Raft gRPC server. */
  address: string;
}

/**
 * Moves Raft messages between peers. Delivery is best effort (Raft tolerates loss):
 * send never blocks, and a full per-peer queue drops the message.
 */
export interface Transport {
  start(): Promise<void>;
  send(messages: Message[]): void;
  onMessage(handler: (message: Message) => void): void;
  /** Called when the stream to a peer breaks: a strong hint that the peer is down. */
  onPeerUnreachable(handler: (peer: NodeId) => void): void;
  addPeer(peer: PeerAddress): void;
  removePeer(id: NodeId): void;
  stop(): Promise<void>;
}
