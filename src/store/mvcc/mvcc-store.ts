import { CompactedError, FutureRevisionError } from './errors.ts';
import { KeyHistory, type Version } from './key-history.ts';

/** A key's state at some revision, as etcd's mvccpb.KeyValue. */
export interface KeyValue {
  key: Uint8Array;
  value: Uint8Array;
  createRevision: number;
  modRevision: number;
  version: number;
  lease: number;
}

export interface RangeOptions {
  /** Exclusive end; empty = the single key; [0] = every key >= key (etcd's "\0"). */
  end?: Uint8Array;
  /** 0 = current. */
  revision?: number;
  /** 0 = no limit. */
  limit?: number;
}

export interface RangeResult {
  kvs: KeyValue[];
  /** Every match, regardless of limit. */
  count: number;
  more: boolean;
  /** The store's current revision when read. */
  revision: number;
}

export type WriteOp =
  | { type: 'put'; key: Uint8Array; value: Uint8Array; lease?: number }
  | { type: 'delete'; key: Uint8Array; end?: Uint8Array };

/** A change of one key, as etcd's mvccpb.Event. A delete's kv carries only key and modRevision. */
export interface KeyEvent {
  type: 'put' | 'delete';
  kv: KeyValue;
  /**
   * The key's value at the revision before this one, if it was live (etcd's prev_kv: a delete
   * after a put of the same key in one batch still reports the value before the batch).
   */
  prevKv?: KeyValue;
  /** Order within the revision's batch. */
  sub: number;
}

export interface WriteResult {
  /** The store's revision after the write (unchanged if nothing changed). */
  revision: number;
  /** Per op: the previous value of a put's key, or the keys a delete removed. */
  prev: KeyValue[][];
}

// Keys are held as latin1 strings: one UTF-16 unit per byte, so JavaScript's string order is
// exactly the byte order etcd sorts by.
const toKey = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
const fromKey = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** Bookkeeping bytes counted per stored version on top of key and value (revisions, indexes). */
const VERSION_OVERHEAD = 48;

/**
 * One atomic write at one revision (see MvccStore.batch). Every change is numbered in order
 * (etcd's sub-revision), so watchers see a batch's events as they happened.
 */
export class WriteBatch {
  readonly events: KeyEvent[] = [];

  constructor(
    private readonly store: MvccStore,
    readonly revision: number,
  ) {}

  /** Returns the key's previous live value, if any. */
  put(key: Uint8Array, value: Uint8Array, lease = 0): KeyValue | undefined {
    const ev = this.store.putAt(this.revision, this.events.length, key, value, lease);
    this.events.push(ev);
    return ev.prevKv;
  }

  /** Deletes every live key in [key, end) (just key without end); returns what was removed. */
  delete(key: Uint8Array, end?: Uint8Array): KeyValue[] {
    const removed: KeyValue[] = [];
    for (const k of this.store.liveKeysIn(key, end, this.revision)) {
      const { event, removed: kv } = this.store.deleteAt(this.revision, this.events.length, k)!;
      this.events.push(event);
      removed.push(kv);
    }
    return removed;
  }

  /** Reads the state as this batch has left it so far (or at an older revision, if asked). */
  range(key: Uint8Array, opts: RangeOptions = {}): RangeResult {
    return this.store.rangeAt(key, opts, this.revision);
  }
}

/**
 * The multi-version key space of the registry, with etcd v3's semantics: a global revision
 * (1 for an empty store) that every write batch moves by one, per-key create/mod revision
 * and version, reads at any retained revision, compaction. In memory; the state machine
 * around it makes it durable (snapshots + the Raft log).
 */
export class MvccStore {
  private readonly keys = new Map<string, KeyHistory>();
  /** Every key with any retained version, sorted (binary search for ranges). */
  private sorted: string[] = [];
  private current = 1;
  private compacted = 0;
  private bytes = 0;

  get revision(): number {
    return this.current;
  }

  get compactRevision(): number {
    return this.compacted;
  }

  range(key: Uint8Array, opts: RangeOptions = {}): RangeResult {
    return this.collect(key, opts.end, this.readRevision(opts.revision ?? 0), opts.limit ?? 0);
  }

  private collect(key: Uint8Array, end: Uint8Array | undefined, rev: number, limit: number): RangeResult {
    const kvs: KeyValue[] = [];
    let count = 0;
    for (const k of this.keysIn(key, end)) {
      const kv = this.visible(k, rev);
      if (!kv) continue;
      count++;
      if (limit === 0 || kvs.length < limit) kvs.push(kv);
    }
    return { kvs, count, more: limit > 0 && count > limit, revision: this.current };
  }

  /** Applies ops as one atomic batch at one new revision (none if nothing changed). */
  write(ops: WriteOp[]): WriteResult {
    const { result: prev, revision } = this.batch((tx) =>
      ops.map((op) => {
        if (op.type === 'put') {
          const before = tx.put(op.key, op.value, op.lease ?? 0);
          return before ? [before] : [];
        }
        return tx.delete(op.key, op.end);
      }),
    );
    return { revision, prev };
  }

  /**
   * Runs `fn` as one atomic write at one new revision: its reads see its own earlier writes
   * (as etcd's transactions do), and the revision moves only if something changed. Returns
   * fn's result, the revision after, and the batch's events in order (for watchers).
   */
  batch<T>(fn: (tx: WriteBatch) => T): { result: T; revision: number; events: KeyEvent[] } {
    const tx = new WriteBatch(this, this.current + 1);
    const result = fn(tx);
    if (tx.events.length > 0) this.current = tx.revision;
    return { result, revision: this.current, events: tx.events };
  }

  /** Approximate bytes held by every retained version (what the backend quota limits). */
  get sizeBytes(): number {
    return this.bytes;
  }

  /** @internal WriteBatch's put. */
  putAt(rev: number, sub: number, key: Uint8Array, value: Uint8Array, lease: number): KeyEvent {
    const k = toKey(key);
    const before = this.visible(k, rev);
    let h = this.keys.get(k);
    if (!h) {
      h = new KeyHistory();
      this.keys.set(k, h);
      this.insertSorted(k);
    }
    const last = h.latest();
    if (last && last.revision === rev) {
      // Written earlier in this batch: a put replaces that value; after a delete the key
      // starts a new life. (The API refuses such batches; the store stays well defined.)
      // The replaced version no longer counts towards the bytes held.
      this.bytes -= VERSION_OVERHEAD + key.byteLength + (last.live ? last.live.value.byteLength : 0);
      last.live = last.live ? { ...last.live, value, lease } : { value, lease, createRevision: rev, version: 1 };
      last.sub = sub;
    } else {
      const live = last?.live;
      h.versions.push({
        revision: rev,
        sub,
        live: { value, lease, createRevision: live ? live.createRevision : rev, version: live ? live.version + 1 : 1 },
      });
    }
    this.bytes += VERSION_OVERHEAD + key.byteLength + value.byteLength;
    const v = h.latest()!;
    return { type: 'put', kv: this.toKeyValue(k, rev, v.live!), prevKv: before, sub };
  }

  /**
   * @internal WriteBatch's delete of one key: the event, and the value it removed (which may
   * have been put earlier in this batch); undefined if the key was not live.
   */
  deleteAt(rev: number, sub: number, k: string): { event: KeyEvent; removed: KeyValue } | undefined {
    const removed = this.visible(k, rev);
    if (!removed) return undefined;
    const h = this.keys.get(k)!;
    // etcd lets a nested transaction delete a key an earlier sibling put: the put stays in the
    // history (watchers see PUT then DELETE at one revision) and the tombstone follows it.
    h.versions.push({ revision: rev, sub });
    this.bytes += VERSION_OVERHEAD + removed.key.byteLength;
    const kv = { key: removed.key, value: new Uint8Array(0), createRevision: 0, modRevision: rev, version: 0, lease: 0 };
    const prevKv = removed.modRevision === rev ? this.visible(k, rev - 1) : removed;
    return { event: { type: 'delete', kv, prevKv, sub }, removed };
  }

  /** The versions of one key written at `revision` (two when a batch put it, then deleted it). */
  versionsAt(key: Uint8Array, revision: number): Version[] {
    const versions = this.keys.get(toKey(key))?.versions ?? [];
    let i = versions.length;
    while (i > 0 && versions[i - 1].revision > revision) i--;
    let j = i;
    while (j > 0 && versions[j - 1].revision === revision) j--;
    return versions.slice(j, i);
  }

  /** @internal The live keys in [key, end) at `rev`. */
  liveKeysIn(key: Uint8Array, end: Uint8Array | undefined, rev: number): string[] {
    const out: string[] = [];
    for (const k of this.keysIn(key, end)) if (this.visible(k, rev)) out.push(k);
    return out;
  }

  /** @internal A range that may look at the revision a batch is writing. */
  rangeAt(key: Uint8Array, opts: RangeOptions, pending: number): RangeResult {
    const rev = opts.revision ? this.readRevision(opts.revision) : pending;
    return this.collect(key, opts.end, rev, opts.limit ?? 0);
  }

  /**
   * Every change to keys in [key, end) with revision in [from, to], ordered by revision and
   * then by position in its batch: what a watch from `from` must deliver, with no gap and no
   * duplicate. Changes below the compaction are gone: CompactedError. From the compact
   * revision itself is allowed, as in etcd (it cancels a watch only below it): that revision's
   * puts are still there, without prev_kv; its deletes are gone, as they are from etcd's.
   */
  changes(key: Uint8Array, end: Uint8Array | undefined, from: number, to = this.current): KeyEvent[] {
    if (from < this.compacted) throw new CompactedError(from, this.compacted);
    if (from < 1) throw new RangeError(`changes: from must be >= 1, got ${from}`);
    const out: { rev: number; ev: KeyEvent }[] = [];
    for (const k of this.keysIn(key, end)) {
      const versions = this.keys.get(k)!.versions;
      for (let i = 0; i < versions.length; i++) {
        const v = versions[i];
        if (v.revision < from || v.revision > to) continue;
        // prev_kv is the value at the revision before, even after a put at this revision.
        let j = i - 1;
        while (j >= 0 && versions[j].revision === v.revision) j--;
        const before = j >= 0 ? versions[j] : undefined;
        const prevKv = before?.live ? this.toKeyValue(k, before.revision, before.live) : undefined;
        const kv = v.live
          ? this.toKeyValue(k, v.revision, v.live)
          : { key: fromKey(k), value: new Uint8Array(0), createRevision: 0, modRevision: v.revision, version: 0, lease: 0 };
        out.push({ rev: v.revision, ev: { type: v.live ? 'put' : 'delete', kv, prevKv, sub: v.sub } });
      }
    }
    out.sort((a, b) => a.rev - b.rev || a.ev.sub - b.ev.sub);
    return out.map((o) => o.ev);
  }

  /** Every key's retained versions in key order (for snapshots). Versions are shared, not copied. */
  *dump(): Generator<[Uint8Array, readonly Version[]]> {
    for (const k of this.sorted) yield [fromKey(k), this.keys.get(k)!.versions];
  }

  /** Replaces the whole state with a dump's (keys in order, each key's versions oldest first). */
  load(revision: number, compactRevision: number, keys: Iterable<[Uint8Array, Version[]]>): void {
    this.keys.clear();
    this.sorted = [];
    this.bytes = 0;
    for (const [key, versions] of keys) {
      const k = toKey(key);
      const last = this.sorted[this.sorted.length - 1];
      if (last !== undefined && last >= k) throw new RangeError(`load: keys out of order at ${JSON.stringify(k)}`);
      const h = new KeyHistory();
      h.versions.push(...versions);
      this.keys.set(k, h);
      this.sorted.push(k);
      for (const v of versions) this.bytes += VERSION_OVERHEAD + key.byteLength + (v.live ? v.live.value.byteLength : 0);
    }
    this.current = revision;
    this.compacted = compactRevision;
  }

  /**
   * Forgets history before `revision`; reads below it fail with CompactedError from now on.
   * `removed` hears each version dropped (key, revision), for a store kept on disk.
   */
  compact(revision: number, removed?: (key: Uint8Array, revision: number) => void): void {
    if (revision <= this.compacted) throw new CompactedError(revision, this.compacted);
    if (revision > this.current) throw new FutureRevisionError(revision, this.current);
    const keep: string[] = [];
    let bytes = 0;
    for (const k of this.sorted) {
      const h = this.keys.get(k)!;
      if (h.compact(revision, removed && ((rev) => removed(fromKey(k), rev)))) {
        this.keys.delete(k);
        continue;
      }
      keep.push(k);
      for (const v of h.versions) bytes += VERSION_OVERHEAD + k.length + (v.live ? v.live.value.byteLength : 0);
    }
    this.sorted = keep;
    this.compacted = revision;
    this.bytes = bytes;
  }

  readRevision(asked: number): number {
    if (asked === 0) return this.current;
    if (asked > this.current) throw new FutureRevisionError(asked, this.current);
    if (asked < this.compacted) throw new CompactedError(asked, this.compacted);
    return asked;
  }

  private visible(k: string, rev: number): KeyValue | undefined {
    const v = this.keys.get(k)?.at(rev);
    return v?.live ? this.toKeyValue(k, v.revision, v.live) : undefined;
  }

  private toKeyValue(k: string, modRevision: number, live: NonNullable<Version['live']>): KeyValue {
    return { key: fromKey(k), value: live.value, createRevision: live.createRevision, modRevision, version: live.version, lease: live.lease };
  }

  private *keysIn(key: Uint8Array, end: Uint8Array | undefined): Generator<string> {
    const start = toKey(key);
    if (!end || end.byteLength === 0) {
      if (this.keys.has(start)) yield start;
      return;
    }
    const all = end.byteLength === 1 && end[0] === 0;
    const stop = toKey(end);
    for (let i = this.lowerBound(start); i < this.sorted.length; i++) {
      const k = this.sorted[i];
      if (!all && k >= stop) return;
      yield k;
    }
  }

  private lowerBound(k: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertSorted(k: string): void {
    // O(n) insert: fine for the registry's key counts today; a B-tree when it is not.
    this.sorted.splice(this.lowerBound(k), 0, k);
  }
}
