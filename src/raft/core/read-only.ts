import { type NodeId } from './types.ts';

interface PendingRead {
  seq: number;
  from: NodeId;
  /** The requester's own context, returned with the answer. */
  context: Uint8Array;
  /** The leader's commit index when the read arrived: the read point once confirmed. */
  index: number;
  acks: Set<NodeId>;
}

/**
 * ReadIndex requests waiting for a quorum to confirm that the leader is still the leader.
 * Each read gets a leader-local sequence number, carried in heartbeat contexts, so that
 * requests from different followers with equal contexts never collide. Bounded.
 */
export class ReadOnlyQueue {
  private queue: PendingRead[] = [];
  private nextSeq = 1;

  constructor(private readonly max: number) {}

  add(context: Uint8Array, from: NodeId, index: number, self: NodeId): Uint8Array | undefined {
    if (this.queue.length >= this.max) return undefined;
    const seq = this.nextSeq++;
    this.queue.push({ seq, from, context, index, acks: new Set([self]) });
    return encodeSeq(seq);
  }

  /**
   * A heartbeat response echoed `seqContext`. If that read now has a quorum, it and every
   * read queued before it are confirmed (a later heartbeat round proves the earlier ones).
   */
  ack(seqContext: Uint8Array, from: NodeId, quorum: number, isVoter: (id: NodeId) => boolean): PendingRead[] {
    const seq = decodeSeq(seqContext);
    if (seq === undefined) return [];
    const read = this.queue.find((r) => r.seq === seq);
    if (!read) return [];
    read.acks.add(from);
    return this.confirmed(quorum, isVoter);
  }

  /**
   * Reads confirmed by a quorum of the *current* voters (an ack from a peer removed since
   * does not count), with every read queued before the last such one. Called on each ack
   * and after each membership change.
   */
  confirmed(quorum: number, isVoter: (id: NodeId) => boolean): PendingRead[] {
    let last = -1;
    for (let i = 0; i < this.queue.length; i++) {
      let n = 0;
      for (const id of this.queue[i].acks) if (isVoter(id)) n++;
      if (n >= quorum) last = i;
    }
    return last < 0 ? [] : this.queue.splice(0, last + 1);
  }

  lastContext(): Uint8Array {
    const last = this.queue[this.queue.length - 1];
    return last ? encodeSeq(last.seq) : new Uint8Array(0);
  }

  clear(): void {
    this.queue = [];
  }
}

function encodeSeq(seq: number): Uint8Array {
  const b = new Uint8Array(9);
  b[0] = 0x72; // 'r': marks a read sequence (not an empty heartbeat context)
  new DataView(b.buffer).setFloat64(1, seq);
  return b;
}

function decodeSeq(b: Uint8Array): number | undefined {
  if (b.byteLength !== 9 || b[0] !== 0x72) return undefined;
  return new DataView(b.buffer, b.byteOffset, 9).getFloat64(1);
}
