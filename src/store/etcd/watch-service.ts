// etcd's Watch service: one bidirectional stream carries many watchers. Output is bounded: a
// stream whose client reads too slowly has its watchers cancelled with a reason (the client
// re-creates them from the last revision it saw), so it never holds back the apply loop, other
// streams, or this process's memory.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Event } from '../../gen/mvccpb/Event.ts';
import type { WatchHandlers } from '../../gen/etcdserverpb/Watch.ts';
import type { WatchRequest__Output } from '../../gen/etcdserverpb/WatchRequest.ts';
import type { WatchResponse } from '../../gen/etcdserverpb/WatchResponse.ts';
import type { KeyEvent } from '../mvcc/mvcc-store.ts';
import type { Registry } from '../registry/registry.ts';
import { Watcher, type WatchTarget } from '../watch/watch-hub.ts';

export interface WatchLimits {
  /** Responses queued on one stream before its watchers are cancelled as too slow. */
  maxQueuedResponses: number;
  /** Watchers one stream may hold. */
  maxWatchersPerStream: number;
  /** How often a watcher that asked for progress notifications hears the revision (etcd: 10 min). */
  progressIntervalMs: number;
}

export const DEFAULT_WATCH_LIMITS: WatchLimits = { maxQueuedResponses: 10_000, maxWatchersPerStream: 10_000, progressIntervalMs: 10 * 60 * 1000 };

const FILTER_NOPUT = 0;
const FILTER_NODELETE = 1;
/** etcd's InvalidWatchID: a progress answer for the whole stream. */
const STREAM_WIDE = -1;

type Call = ServerDuplexStream<WatchRequest__Output, WatchResponse>;

export function createWatchService(reg: Registry, logger: Logger, limits: WatchLimits = DEFAULT_WATCH_LIMITS): WatchHandlers {
  const log = logger.child({ component: 'etcd-watch' });
  return {
    Watch(call: Call) {
      new WatchStream(call, reg, limits, log);
    },
  };
}

class WatchStream implements WatchTarget {
  private readonly watchers = new Map<number, Watcher>();
  private nextId = 0;
  private closed = false;
  private readonly progressTimer: NodeJS.Timeout;
  /** Watchers that heard nothing since the last progress tick. */
  private readonly quiet = new Set<number>();

  constructor(
    private readonly call: Call,
    private readonly reg: Registry,
    private readonly limits: WatchLimits,
    private readonly log: Logger,
  ) {
    call.on('data', (req: WatchRequest__Output) => this.request(req));
    call.on('end', () => this.close());
    call.on('cancelled', () => this.close());
    call.on('error', () => this.close());
    this.progressTimer = setInterval(() => this.progressTick(), limits.progressIntervalMs);
    this.progressTimer.unref();
  }

  private request(req: WatchRequest__Output): void {
    if (this.closed) return;
    if (req.createRequest) {
      const c = req.createRequest;
      let id = c.watchId;
      if (id !== 0 && this.watchers.has(id)) {
        this.send({ header: this.reg.header(), watchId: id, created: true, canceled: true, cancelReason: 'mvcc: duplicate watch ID provided on the WatchStream' });
        return;
      }
      if (this.watchers.size >= this.limits.maxWatchersPerStream) {
        this.send({ header: this.reg.header(), watchId: -1, created: true, canceled: true, cancelReason: `shoal: this stream already holds ${this.watchers.size} watchers (limit ${this.limits.maxWatchersPerStream})` });
        return;
      }
      if (id === 0) {
        while (this.watchers.has(this.nextId)) this.nextId++;
        id = this.nextId++;
      }
      const w = new Watcher(
        id,
        {
          key: c.key,
          end: c.rangeEnd,
          startRevision: Math.max(0, c.startRevision),
          prevKv: c.prevKv,
          noPut: c.filters.includes(FILTER_NOPUT),
          noDelete: c.filters.includes(FILTER_NODELETE),
          progressNotify: c.progressNotify,
        },
        this,
      );
      this.watchers.set(id, w);
      if (c.progressNotify) this.quiet.add(id);
      this.send({ header: this.reg.header(), watchId: id, created: true });
      this.reg.hub.add(w);
    } else if (req.cancelRequest) {
      const id = req.cancelRequest.watchId;
      const w = this.watchers.get(id);
      if (!w) return;
      this.drop(w);
      this.send({ header: this.reg.header(), watchId: id, canceled: true });
    } else if (req.progressRequest) {
      this.send({ header: this.reg.header(), watchId: STREAM_WIDE });
    }
  }

  events(w: Watcher, events: KeyEvent[], revision: number): void {
    if (this.closed) return;
    this.quiet.delete(w.id);
    this.send({ header: this.reg.header(revision), watchId: w.id, events: events.map(toWire) });
    if (this.call.writableLength > this.limits.maxQueuedResponses) this.tooSlow();
  }

  canceled(w: Watcher, reason: string, compactRevision: number): void {
    this.watchers.delete(w.id);
    this.quiet.delete(w.id);
    // A watch cancelled for compaction says so by its compact_revision alone, with no
    // cancel_reason, as etcd's does (clients turn compact_revision into ErrCompacted).
    if (compactRevision > 0) this.log.debug({ event: 'watch-compacted', watchId: w.id, start: w.spec.startRevision, compactRevision }, reason);
    this.send({ header: this.reg.header(), watchId: w.id, canceled: true, cancelReason: compactRevision > 0 ? '' : reason, compactRevision });
  }

  private tooSlow(): void {
    const queued = this.call.writableLength;
    this.log.warn({ event: 'watch-stream-too-slow', queued, limit: this.limits.maxQueuedResponses, watchers: this.watchers.size }, 'watch stream too slow: cancelling its watchers');
    for (const w of [...this.watchers.values()]) {
      this.drop(w);
      const reason = `shoal: watch stream too slow: ${queued} responses queued (limit ${this.limits.maxQueuedResponses}); re-create the watch from revision ${w.nextRevision}`;
      this.send({ header: this.reg.header(), watchId: w.id, canceled: true, cancelReason: reason });
    }
  }

  private progressTick(): void {
    for (const id of this.quiet) {
      const w = this.watchers.get(id);
      if (w) this.send({ header: this.reg.header(), watchId: id });
    }
    this.quiet.clear();
    for (const w of this.watchers.values()) if (w.spec.progressNotify) this.quiet.add(w.id);
  }

  private drop(w: Watcher): void {
    this.reg.hub.remove(w);
    this.watchers.delete(w.id);
    this.quiet.delete(w.id);
  }

  private send(resp: WatchResponse): void {
    if (this.closed) return;
    this.call.write(resp);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.progressTimer);
    for (const w of this.watchers.values()) this.reg.hub.remove(w);
    this.watchers.clear();
    this.call.end();
  }
}

function toWire(ev: KeyEvent): Event {
  return { type: ev.type === 'put' ? 0 : 1, kv: ev.kv, prevKv: ev.prevKv ?? null };
}
