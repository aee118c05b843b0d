// Client side towards one peer: a bounded outgoing queue drained into one long-lived Stream
// call, redialled with back-off when it breaks, plus chunked snapshot transfers.
//
// Batching: send() only enqueues and schedules a flush on the microtask queue, so all the
// messages a driver hands over in one go (one Raft "ready") leave in a single envelope; and
// while gRPC pushes back (write() returned false) messages pile up in the queue and leave
// together after 'drain'. Under light load this adds no delay (the flush runs before the
// event loop turns); under heavy load it turns many small gRPC messages into few large ones.
import { credentials, status, type ClientWritableStream, type ServiceError } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Message, NodeId } from '../core/types.ts';
import type { Envelope } from '../../gen/shoal/raft/Envelope.ts';
import type { Header } from '../../gen/shoal/raft/Header.ts';
import type { RaftPeerClient } from '../../gen/shoal/raft/RaftPeer.ts';
import { Backoff } from './backoff.ts';
import { BoundedQueue } from './bounded-queue.ts';
import { estimateMessageBytes, messageToProto } from './codec.ts';
import { SnapshotSendError } from './errors.ts';
import { clientChannelOptions } from './grpc-options.ts';
import { raftProto } from './raft-proto.ts';
import { sendSnapshot, type SnapshotTransfer } from './snapshot-sender.ts';

/** Room left in an envelope for its header and field framing. */
const ENVELOPE_HEADROOM = 1024;
/** A stream that stayed up this long counts as healthy: its break redials at the initial delay. */
const STABLE_STREAM_MS = 1000;

export type LinkState = 'idle' | 'connecting' | 'open' | 'backoff' | 'closed';

export interface PeerLinkOptions {
  clusterId: number;
  self: NodeId;
  peer: NodeId;
  address: string;
  logger: Logger;
  maxMessageBytes: number;
  maxQueue: number;
  snapshotChunkBytes: number;
  backoff: { initialMs: number; maxMs: number };
  /** The stream broke (or never came up): fired once per break, not once per redial. */
  onUnreachable(): void;
  onSnapshotStatus(ok: boolean): void;
}

export interface PeerLinkStats {
  id: NodeId;
  address: string;
  state: LinkState;
  queued: number;
  sent: number;
  dropped: number;
  breaks: number;
  snapshotsSent: number;
  snapshotsFailed: number;
  lastError?: string;
}

export class PeerLink {
  private readonly client: RaftPeerClient;
  private readonly queue: BoundedQueue<Message>;
  private readonly header: Header;
  private readonly backoff: Backoff;
  private readonly log: Logger;
  private readonly maxBatchBytes: number;

  private state: LinkState = 'idle';
  private call: ClientWritableStream<Envelope> | undefined;
  private openedAt = 0;
  private awaitingDrain = false;
  private flushScheduled = false;
  private reportedDown = false;
  private overflowing = false;
  private redial: NodeJS.Timeout | undefined;
  private snapshot: SnapshotTransfer | undefined;
  private counters = { sent: 0, dropped: 0, breaks: 0, snapshotsSent: 0, snapshotsFailed: 0 };
  private lastError: string | undefined;

  constructor(private readonly opts: PeerLinkOptions) {
    const { RaftPeer } = raftProto();
    this.client = new RaftPeer(opts.address, credentials.createInsecure(), clientChannelOptions(opts.maxMessageBytes, opts.backoff));
    this.queue = new BoundedQueue(opts.maxQueue);
    this.header = { clusterId: opts.clusterId, from: opts.self, to: opts.peer };
    this.backoff = new Backoff(opts.backoff.initialMs, opts.backoff.maxMs);
    this.log = opts.logger.child({ peer: opts.peer, address: opts.address });
    this.maxBatchBytes = opts.maxMessageBytes - ENVELOPE_HEADROOM;
  }

  get address(): string {
    return this.opts.address;
  }

  /** Whether a single message can ever fit in an envelope. */
  fits(m: Message): boolean {
    return estimateMessageBytes(m) <= this.maxBatchBytes;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.dial();
  }

  /** Queues a message; false (and counted) when the queue is full or the link is closed. */
  enqueue(m: Message): boolean {
    if (this.state === 'closed') return false;
    if (!this.queue.push(m)) {
      this.counters.dropped++;
      // One line per overflow episode, not per dropped message.
      if (!this.overflowing) {
        this.overflowing = true;
        this.log.warn({ event: 'queue-full', capacity: this.queue.capacity, dropped: this.counters.dropped, state: this.state }, 'peer queue full, dropping messages');
      }
      return false;
    }
    this.scheduleFlush();
    return true;
  }

  sendSnapshot(m: Message): void {
    if (this.state === 'closed') return;
    if (this.snapshot) {
      // One transfer at a time per peer: a second one would double the memory and bandwidth
      // for a snapshot the leader will re-send anyway once it hears back.
      this.counters.dropped++;
      this.log.warn({ event: 'snapshot-dropped', index: m.snapshot?.metadata.index }, 'snapshot already in flight to peer, dropping');
      return;
    }
    const bytes = m.snapshot?.data.byteLength ?? 0;
    const transfer = sendSnapshot(this.client, this.opts.peer, this.header, m, this.opts.snapshotChunkBytes);
    this.snapshot = transfer;
    this.log.info({ event: 'snapshot-sending', bytes, index: m.snapshot?.metadata.index }, 'sending snapshot');
    transfer.done.then(
      (acked) => {
        if (this.snapshot !== transfer) return;
        this.snapshot = undefined;
        this.counters.snapshotsSent++;
        this.log.info({ event: 'snapshot-sent', bytes: acked }, 'snapshot sent');
        this.opts.onSnapshotStatus(true);
      },
      (err: unknown) => {
        if (this.snapshot !== transfer) return;
        this.snapshot = undefined;
        this.counters.snapshotsFailed++;
        this.lastError = err instanceof Error ? err.message : String(err);
        const code = err instanceof SnapshotSendError && err.code !== undefined ? status[err.code] : undefined;
        this.log.warn({ event: 'snapshot-failed', code, bytes }, this.lastError);
        this.opts.onSnapshotStatus(false);
      },
    );
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.redial);
    const call = this.call;
    this.call = undefined;
    call?.cancel();
    const snapshot = this.snapshot;
    this.snapshot = undefined;
    snapshot?.cancel();
    this.queue.clear();
    this.client.close();
  }

  stats(): PeerLinkStats {
    return {
      id: this.opts.peer,
      address: this.opts.address,
      state: this.state,
      queued: this.queue.length,
      ...this.counters,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  private dial(): void {
    this.redial = undefined;
    this.state = 'connecting';
    const call = this.client.Stream((err: ServiceError | null) => this.broken(call, err));
    this.call = call;
    // Outcome arrives through the callback; this only keeps stream errors from throwing.
    call.on('error', () => {});
    call.on('metadata', () => {
      if (this.call !== call) return;
      this.state = 'open';
      this.openedAt = Date.now();
      this.reportedDown = false;
      this.log.info({ event: 'peer-stream-open' }, 'peer stream open');
      this.flush();
    });
  }

  private broken(call: ClientWritableStream<Envelope>, err: ServiceError | null): void {
    if (this.call !== call) return; // superseded or closed
    this.call = undefined;
    this.awaitingDrain = false;
    const wasOpen = this.state === 'open';
    if (wasOpen && Date.now() - this.openedAt >= STABLE_STREAM_MS) this.backoff.reset();
    const delay = this.backoff.next();
    this.state = 'backoff';
    this.lastError = err ? err.details || err.message : 'peer ended the stream';
    const fields = { code: err ? status[err.code] : 'OK', wasOpen, retryInMs: delay, queued: this.queue.length };
    if (!this.reportedDown) {
      this.reportedDown = true;
      this.counters.breaks++;
      this.log.warn({ event: 'peer-unreachable', ...fields }, `peer stream broke: ${this.lastError}`);
      this.opts.onUnreachable();
    } else {
      this.log.debug({ event: 'peer-redial-failed', ...fields }, this.lastError);
    }
    this.redial = setTimeout(() => this.dial(), delay);
    this.redial.unref();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const call = this.call;
    if (this.state !== 'open' || !call || this.awaitingDrain) return;
    while (this.queue.length > 0) {
      const messages = [];
      let bytes = 0;
      for (let next = this.queue.peek(); next; next = this.queue.peek()) {
        const size = estimateMessageBytes(next) + 6;
        if (messages.length > 0 && bytes + size > this.maxBatchBytes) break;
        this.queue.shift();
        messages.push(messageToProto(next, 'omit'));
        bytes += size;
      }
      this.counters.sent += messages.length;
      if (!call.write({ header: this.header, messages })) {
        this.awaitingDrain = true;
        call.once('drain', () => {
          if (this.call !== call) return;
          this.awaitingDrain = false;
          this.flush();
        });
        return;
      }
    }
    this.overflowing = false;
  }
}
