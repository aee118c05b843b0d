// Watchers of one member: each sees every change to its key range from its start revision on,
// in revision order, with no gap and no duplicate. A new watcher catches up from the store's
// history synchronously (nothing can be applied meanwhile: one thread), then hears each applied
// batch as it happens. A member that installs a snapshot lets each watcher catch up again
// from where it was, or cancels it if that history is gone.
import { CompactedError } from '../mvcc/errors.ts';
import type { KeyEvent, MvccStore } from '../mvcc/mvcc-store.ts';

export interface WatchSpec {
  key: Uint8Array;
  /** Exclusive; empty = the key alone; [0] = every key >= key. */
  end: Uint8Array;
  /** 0 = from the next change on. */
  startRevision: number;
  prevKv: boolean;
  noPut: boolean;
  noDelete: boolean;
  /** Hear the revision now and then even when nothing changes (etcd's progress_notify). */
  progressNotify: boolean;
}

/** Where a watcher's output goes (one gRPC stream holds many watchers). */
export interface WatchTarget {
  /** Events of one or more revisions, `revision` = the store's revision they bring the watcher to. */
  events(w: Watcher, events: KeyEvent[], revision: number): void;
  /** The watcher cannot go on (its history was compacted away, or its target gave up). */
  canceled(w: Watcher, reason: string, compactRevision: number): void;
}

export class Watcher {
  /** The first revision this watcher has not seen yet. */
  nextRevision = 0;
  private readonly lo: string;
  private readonly hi: string | undefined;
  private readonly all: boolean;

  constructor(
    readonly id: number,
    readonly spec: WatchSpec,
    readonly target: WatchTarget,
  ) {
    this.lo = latin1(spec.key);
    this.all = spec.end.byteLength === 1 && spec.end[0] === 0;
    this.hi = spec.end.byteLength > 0 && !this.all ? latin1(spec.end) : undefined;
  }

  matches(key: string): boolean {
    if (this.all) return key >= this.lo;
    if (this.hi === undefined) return key === this.lo;
    return key >= this.lo && key < this.hi;
  }

  /** The events this watcher wants, shaped as asked (filters, prev_kv). */
  select(events: KeyEvent[], keys: string[]): KeyEvent[] {
    const out: KeyEvent[] = [];
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      if (!this.matches(keys[i])) continue;
      if ((ev.type === 'put' && this.spec.noPut) || (ev.type === 'delete' && this.spec.noDelete)) continue;
      out.push(this.spec.prevKv || !ev.prevKv ? ev : { ...ev, prevKv: undefined });
    }
    return out;
  }
}

/** Catch-up batches are cut after this many events (at the next revision boundary) so responses stay bounded. */
export const CATCH_UP_BATCH_EVENTS = 1000;

export class WatchHub {
  private readonly watchers = new Set<Watcher>();

  constructor(private readonly store: MvccStore) {}

  get size(): number {
    return this.watchers.size;
  }

  /**
   * Starts a watcher. Events since spec.startRevision are delivered before this returns; a
   * start below the compaction cancels it at once with the compact revision.
   */
  add(w: Watcher): void {
    const current = this.store.revision;
    const start = w.spec.startRevision > 0 ? w.spec.startRevision : current + 1;
    w.nextRevision = start;
    this.watchers.add(w);
    this.catchUp(w);
  }

  remove(w: Watcher): void {
    this.watchers.delete(w);
  }

  /** Called after each applied batch that changed something. */
  changed(revision: number, events: KeyEvent[]): void {
    if (this.watchers.size === 0) return;
    const keys = events.map((e) => latin1(e.kv.key));
    for (const w of [...this.watchers]) {
      if (w.nextRevision > revision) continue;
      if (w.nextRevision < revision) {
        // Behind (it started in the future, or missed a snapshot install): history first.
        this.catchUp(w);
        continue;
      }
      w.nextRevision = revision + 1;
      const mine = w.select(events, keys);
      if (mine.length > 0) w.target.events(w, mine, revision);
    }
  }

  /** The state was replaced by a snapshot: every watcher catches up from where it was. */
  restored(): void {
    for (const w of [...this.watchers]) this.catchUp(w);
  }

  private catchUp(w: Watcher): void {
    const current = this.store.revision;
    if (w.nextRevision > current) return;
    let changes: KeyEvent[];
    try {
      changes = this.store.changes(w.spec.key, w.spec.end.byteLength > 0 ? w.spec.end : undefined, w.nextRevision, current);
    } catch (err) {
      if (!(err instanceof CompactedError)) throw err;
      this.watchers.delete(w);
      w.target.canceled(w, 'etcdserver: mvcc: required revision has been compacted', err.compactRevision);
      return;
    }
    w.nextRevision = current + 1;
    const keys = changes.map((e) => latin1(e.kv.key));
    const mine = w.select(changes, keys);
    for (let i = 0; i < mine.length; ) {
      // Cut only between revisions (as etcd does): a client resumes from the last revision it
      // was told of, plus one, so a revision split in two would lose its second part.
      let j = Math.min(i + CATCH_UP_BATCH_EVENTS, mine.length);
      while (j < mine.length && mine[j].kv.modRevision === mine[j - 1].kv.modRevision) j++;
      const batch = mine.slice(i, j);
      const last = j >= mine.length;
      // The last batch brings the watcher to the current revision; earlier ones to their own.
      w.target.events(w, batch, last ? current : batch[batch.length - 1].kv.modRevision);
      if (!this.watchers.has(w)) return;
      i = j;
    }
  }
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}
