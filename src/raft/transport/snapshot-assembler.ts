// Receive side of a chunked snapshot: checks each chunk against what came before and copies
// it into one buffer, sized once from the declared total.
import { status } from '@grpc/grpc-js';
import { EMPTY, MessageType, type Message } from '../core/types.ts';
import type { SnapshotChunk__Output } from '../../gen/shoal/raft/SnapshotChunk.ts';
import { bytesView, messageFromProto } from './codec.ts';
import { CodecError, PeerRejectedError } from './errors.ts';

export interface SnapshotLimits {
  /** Largest data slice one chunk may carry. */
  maxChunkBytes: number;
  /** Largest snapshot accepted: the buffer is allocated up front from the declared size. */
  maxSnapshotBytes: number;
}

export class SnapshotAssembler {
  private message: Message | undefined;
  private buffer: Uint8Array = EMPTY;
  private total = 0;
  private received = 0;
  private done = false;

  constructor(private readonly limits: SnapshotLimits) {}

  get receivedBytes(): number {
    return this.received;
  }

  get complete(): boolean {
    return this.done;
  }

  /** Returns the whole Snap message once the last chunk is in; throws PeerRejectedError. */
  add(chunk: SnapshotChunk__Output): Message | undefined {
    if (this.done) throw invalid('snapshot chunk after the last one', { offset: chunk.offset });
    const len = chunk.data.byteLength;
    if (len > this.limits.maxChunkBytes) {
      throw new PeerRejectedError(
        status.RESOURCE_EXHAUSTED,
        `snapshot chunk of ${len} bytes exceeds limit ${this.limits.maxChunkBytes}`,
        { chunkBytes: len, limit: this.limits.maxChunkBytes },
      );
    }
    if (!this.message) this.begin(chunk);
    if (chunk.offset !== this.received) {
      throw invalid(`snapshot chunk at offset ${chunk.offset}, expected ${this.received}`, {
        offset: chunk.offset,
        expected: this.received,
      });
    }
    if (this.received + len > this.total) {
      throw invalid(`snapshot chunk ends at ${this.received + len}, past the declared size ${this.total}`, {
        end: this.received + len,
        totalSize: this.total,
      });
    }
    this.buffer.set(chunk.data, this.received);
    this.received += len;
    if (!chunk.last) return undefined;
    if (this.received !== this.total) {
      throw invalid(`last snapshot chunk at ${this.received} of ${this.total} bytes`, {
        received: this.received,
        totalSize: this.total,
      });
    }
    this.done = true;
    const m = this.message!;
    return { ...m, snapshot: { metadata: m.snapshot!.metadata, data: this.buffer } };
  }

  private begin(chunk: SnapshotChunk__Output): void {
    if (!chunk.message) throw invalid('first snapshot chunk carries no message', {});
    let m: Message;
    try {
      m = messageFromProto(chunk.message, 'chunk.message');
    } catch (err) {
      if (err instanceof CodecError) throw invalid(err.message, { field: err.field });
      throw err;
    }
    if (m.type !== MessageType.Snap || !m.snapshot) {
      throw invalid(`first snapshot chunk carries a message of type ${m.type} without a snapshot`, { type: m.type });
    }
    if (chunk.totalSize > this.limits.maxSnapshotBytes) {
      throw new PeerRejectedError(
        status.RESOURCE_EXHAUSTED,
        `snapshot of ${chunk.totalSize} bytes exceeds limit ${this.limits.maxSnapshotBytes}`,
        { totalSize: chunk.totalSize, limit: this.limits.maxSnapshotBytes },
      );
    }
    this.message = m;
    this.total = chunk.totalSize;
    this.buffer = this.total === 0 ? EMPTY : bytesView(Buffer.allocUnsafe(this.total));
  }
}

function invalid(message: string, context: Record<string, unknown>): PeerRejectedError {
  return new PeerRejectedError(status.INVALID_ARGUMENT, message, context);
}
