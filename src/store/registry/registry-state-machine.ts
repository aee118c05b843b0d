// The registry as Raft's state machine: every member applies the same log entries to the same
// MVCC store and gets the same answers. Everything here is deterministic; time-dependent
// decisions (when a lease expires) are made by the leader outside and enter as log entries.
import type { AlarmType__Output } from '../../gen/etcdserverpb/AlarmType.ts';
import type { DeleteRangeRequest__Output } from '../../gen/etcdserverpb/DeleteRangeRequest.ts';
import type { PutRequest__Output } from '../../gen/etcdserverpb/PutRequest.ts';
import type { RequestOp__Output } from '../../gen/etcdserverpb/RequestOp.ts';
import type { TxnRequest__Output } from '../../gen/etcdserverpb/TxnRequest.ts';
import type { StateMachine } from '../../raft/node/raft-node.ts';
import { EtcdError, type EtcdErrorName } from '../etcd/etcd-errors.ts';
import { checkTxnKeys } from '../etcd/request-checks.ts';
import { CompactedError, FutureRevisionError } from '../mvcc/errors.ts';
import { MvccStore, type KeyEvent, type KeyValue, type WriteBatch } from '../mvcc/mvcc-store.ts';
import { CommandCodecError, decodeCommand, type Command } from './command-codec.ts';
import { DigestStateMachine } from '../../raft/node/digest-state-machine.ts';
import { RegistryDb } from './registry-db.ts';
import { decodeRegistrySnapshot, encodeRegistrySnapshot } from './registry-snapshot.ts';
import { decidePath, executeTxn, opsOnPath, type TxnResult } from './txn.ts';

export interface Lease {
  id: number;
  ttl: number;
  /** Renewals applied through the log (keep-alives that reached followers). */
  renewals: number;
  keys: Set<string>;
}

/** A raised alarm (etcd's AlarmMember; alarm 1 = NOSPACE). */
export interface Alarm {
  memberID: number;
  alarm: AlarmType__Output;
}

export interface MemberInfo {
  name: string;
  clientUrls: string[];
}

export type ApplyResult =
  | { error: EtcdErrorName; revision: number }
  | { error?: undefined; revision: number; put?: { prevKv?: KeyValue }; deleteRange?: { deleted: number; prevKvs: KeyValue[] }; txn?: TxnResult; lease?: { id: number; ttl: number }; alarms?: Alarm[] };

/** What watchers and the lessor hear after each applied entry. */
export interface RegistryListener {
  /** A batch of changes at one revision, in order. */
  changed?(revision: number, events: KeyEvent[]): void;
  leaseGranted?(lease: Lease): void;
  leaseRenewed?(lease: Lease): void;
  leaseRevoked?(id: number): void;
  /** The whole state was replaced by a snapshot. */
  restored?(): void;
}

const ALARM_NOSPACE = 1;
const FLUSH_INTERVAL_MS = 100;
const FLUSH_MAX_OPS = 10_000;
const ALARM_ACTIVATE = 1;
const ALARM_DEACTIVATE = 2;

export class RegistryStateMachine implements StateMachine {
  readonly mvcc = new MvccStore();
  readonly leases = new Map<number, Lease>();
  readonly members = new Map<number, MemberInfo>();
  /** Raised alarms, keyed by `${memberID}:${alarm}`. */
  readonly alarms = new Map<string, Alarm>();
  /** A hash chain over every applied entry: equal on two members = same entries applied. */
  readonly digest = new DigestStateMachine();
  private appliedIndex = 0;
  private lastFlush = 0;
  private readonly listeners: RegistryListener[] = [];

  /** In memory only (tests), or kept in `db` as it is applied (see open()). */
  constructor(private readonly db?: RegistryDb) {}

  /** The registry as last written to `dir` (empty if new): no log replay needed up to `applied`. */
  static async open(dir: string): Promise<RegistryStateMachine> {
    const db = await RegistryDb.open(dir);
    const stored = await db.load();
    const sm = new RegistryStateMachine(db);
    sm.mvcc.load(stored.revision, stored.compactRevision, stored.keys);
    sm.appliedIndex = stored.applied;
    if (stored.digest) sm.digest.restore(stored.digest);
    for (const l of stored.leases) sm.leases.set(l.id, { ...l, keys: new Set() });
    sm.attachLeaseKeys();
    for (const a of stored.alarms) sm.alarms.set(`${a.memberID}:${a.alarm}`, { memberID: a.memberID, alarm: a.alarm as AlarmType__Output });
    for (const m of stored.members) sm.members.set(m.id, { name: m.name, clientUrls: m.clientUrls });
    return sm;
  }

  /**
   * Writes what was applied since the last write, at most every FLUSH_INTERVAL_MS (as etcd's
   * backend commits every 100 ms): the log holds every entry, so a crash only means more
   * entries to re-apply, and fewer writes beside the log's own keep its fsyncs short (on
   * ext4 an fsync also flushes other files' newly allocated data).
   */
  persist(): Promise<void> {
    if (!this.db) return Promise.resolve();
    const now = performance.now();
    if (now - this.lastFlush < FLUSH_INTERVAL_MS && this.db.pendingOps < FLUSH_MAX_OPS) return Promise.resolve();
    return this.flushNow();
  }

  private flushNow(): Promise<void> {
    this.lastFlush = performance.now();
    return this.db!.flush({ applied: this.appliedIndex, revision: this.mvcc.revision, compactRevision: this.mvcc.compactRevision, digest: this.digest.snapshot() });
  }

  /** Makes everything applied so far durable (before the Raft log is compacted behind it). */
  async sync(): Promise<void> {
    if (!this.db) return;
    await this.flushNow();
    await this.db.sync();
  }

  async close(): Promise<void> {
    await this.db?.close();
  }

  listen(l: RegistryListener): void {
    this.listeners.push(l);
  }

  get applied(): number {
    return this.appliedIndex;
  }

  get noSpace(): boolean {
    for (const a of this.alarms.values()) if (a.alarm === ALARM_NOSPACE) return true;
    return false;
  }

  apply(index: number, data: Uint8Array): ApplyResult {
    // Entries up to the applied index are already in the state (read from disk, or from a
    // snapshot image newer than the log position it was installed at): apply each once.
    if (index <= this.appliedIndex) return this.ok();
    this.digest.apply(index, data);
    this.appliedIndex = index;
    let cmd: Command;
    try {
      cmd = decodeCommand(data);
    } catch (err) {
      // Every member holds the same bytes, so refusing them everywhere keeps members equal
      // (raw proposals through the development API land here).
      if (err instanceof CommandCodecError) return this.fail('unimplemented');
      throw err;
    }
    return this.applyCommand(cmd);
  }

  applyCommand(cmd: Command): ApplyResult {
    switch (cmd.command) {
      case 'put':
        return this.applyPut(cmd.put!);
      case 'deleteRange':
        return this.applyDelete(cmd.deleteRange!);
      case 'txn':
        return this.applyTxn(cmd.txn!);
      case 'compaction':
        return this.applyCompaction(cmd.compaction!.revision);
      case 'leaseGrant':
        return this.applyLeaseGrant(cmd.leaseGrant!.ID, cmd.leaseGrant!.TTL);
      case 'leaseRevoke':
        return this.revokeLease(cmd.leaseRevoke!.ID) ? this.ok() : this.fail('lease-not-found');
      case 'leaseRenew': {
        const lease = this.leases.get(cmd.leaseRenew!.id);
        if (!lease) return this.fail('lease-not-found');
        lease.renewals++;
        this.db?.putLease(lease.id, lease.ttl, lease.renewals);
        for (const l of this.listeners) l.leaseRenewed?.(lease);
        return { revision: this.mvcc.revision, lease: { id: lease.id, ttl: lease.ttl } };
      }
      case 'leaseExpired':
        for (const e of cmd.leaseExpired!.leases) {
          const lease = this.leases.get(e.id);
          if (lease && lease.renewals === e.renewals) this.revokeLease(e.id);
        }
        return this.ok();
      case 'alarm':
        return this.applyAlarm(cmd.alarm!.action, cmd.alarm!.memberID, cmd.alarm!.alarm);
      case 'memberAttributes': {
        const m = cmd.memberAttributes!;
        this.members.set(m.memberId, { name: m.name, clientUrls: m.clientUrls });
        this.db?.putMember(m.memberId, m.name, m.clientUrls);
        return this.ok();
      }
      default:
        // An entry this version does not know: applying nothing would diverge from members
        // that do, so stop here rather than guess.
        throw new Error(`registry: unknown command ${String(cmd.command)}`);
    }
  }

  private ok(): ApplyResult {
    return { revision: this.mvcc.revision };
  }

  private fail(error: EtcdErrorName): ApplyResult {
    return { error, revision: this.mvcc.revision };
  }

  private applyPut(p: PutRequest__Output): ApplyResult {
    const err = this.checkPut(p, (k) => this.mvcc.range(k).kvs[0]);
    if (err) return this.fail(err);
    const { result: prev, revision, events } = this.mvcc.batch((tx) => this.put(tx, p.key, p.value, p.lease, p));
    this.committed(revision, events);
    return { revision, put: p.prevKv && prev ? { prevKv: prev } : {} };
  }

  private applyDelete(d: DeleteRangeRequest__Output): ApplyResult {
    const { result: removed, revision, events } = this.mvcc.batch((tx) => tx.delete(d.key, d.rangeEnd.byteLength > 0 ? d.rangeEnd : undefined));
    this.committed(revision, events);
    return { revision, deleteRange: { deleted: removed.length, prevKvs: d.prevKv ? removed : [] } };
  }

  private applyTxn(t: TxnRequest__Output): ApplyResult {
    // The client port refuses these already; an entry that bypassed it must not be half
    // applied (or throw) on every member.
    try {
      checkTxnKeys(t);
    } catch (err) {
      if (err instanceof EtcdError) return this.fail(err.etcdName);
      throw err;
    }
    const path = decidePath(this.mvcc, t);
    // Everything that could refuse the transaction is checked before the first write, so a
    // refused transaction changes nothing. In etcd's order (its applier's checkRequests): every
    // put on the path (a missing key for ignore_*, then the lease), then every read.
    const ops = opsOnPath(t, path);
    for (const op of ops) {
      if (!op.requestPut) continue;
      const err = this.checkPut(op.requestPut, (k) => this.mvcc.range(k).kvs[0], true);
      if (err) return this.fail(err);
    }
    const readErr = this.txnReadError(ops);
    if (readErr) return this.fail(readErr);
    const { result, revision, events } = this.mvcc.batch((tx) =>
      executeTxn(tx, t, path, (b, p) => this.put(b, p.key, p.value, p.lease, p)),
    );
    this.committed(revision, events);
    return { revision, txn: result };
  }

  /**
   * etcd's check of a txn's reads, before any runs: the first at a future or compacted
   * revision. etcd compares with its compact revision, -1 until the first compaction: so a
   * negative revision is refused once anything was compacted, else read as the current one.
   */
  private txnReadError(ops: RequestOp__Output[]): 'future-rev' | 'compacted' | undefined {
    for (const op of ops) {
      const rev = op.requestRange?.revision ?? 0;
      if (rev === 0) continue;
      if (rev > this.mvcc.revision) return 'future-rev';
      if (rev < (this.mvcc.compactRevision || -1)) return 'compacted';
    }
    return undefined;
  }

  /** Evaluates a transaction that writes nothing, here, without a log entry. */
  readOnlyTxn(t: TxnRequest__Output): TxnResult {
    const path = decidePath(this.mvcc, t);
    const readErr = this.txnReadError(opsOnPath(t, path));
    if (readErr === 'future-rev') throw new FutureRevisionError(0, this.mvcc.revision);
    if (readErr === 'compacted') throw new CompactedError(0, this.mvcc.compactRevision);
    const { result, events } = this.mvcc.batch((tx) =>
      executeTxn(tx, t, path, () => {
        throw new Error('registry: readOnlyTxn given a transaction that writes');
      }),
    );
    if (events.length > 0) throw new Error('registry: readOnlyTxn changed the store');
    return result;
  }

  /**
   * A put's refusals: space, unknown lease, ignore_* on a missing key. etcd checks a plain
   * put's lease first, a txn's put's missing key first (`inTxn`).
   */
  private checkPut(p: PutRequest__Output, current: (key: Uint8Array) => KeyValue | undefined, inTxn = false): EtcdErrorName | undefined {
    if (this.noSpace) return 'no-space';
    const missing = (p.ignoreValue || p.ignoreLease) && !current(p.key);
    if (inTxn && missing) return 'key-not-found';
    if (p.lease !== 0 && !p.ignoreLease && !this.leases.has(p.lease)) return 'lease-not-found';
    if (missing) return 'key-not-found';
    return undefined;
  }

  private put(tx: WriteBatch, key: Uint8Array, value: Uint8Array, lease: number, p?: PutRequest__Output): KeyValue | undefined {
    if (p && (p.ignoreValue || p.ignoreLease)) {
      const cur = tx.range(key).kvs[0]!;
      return tx.put(key, p.ignoreValue ? cur.value : value, p.ignoreLease ? cur.lease : lease);
    }
    return tx.put(key, value, lease);
  }

  private applyCompaction(revision: number): ApplyResult {
    try {
      this.mvcc.compact(revision, this.db && ((key, rev) => this.db!.deleteVersion(key, rev)));
    } catch (err) {
      if (err instanceof CompactedError) return this.fail('compacted');
      if (err instanceof FutureRevisionError) return this.fail('future-rev');
      throw err;
    }
    return this.ok();
  }

  private applyLeaseGrant(id: number, ttl: number): ApplyResult {
    if (this.leases.has(id)) return this.fail('lease-exist');
    if (this.noSpace) return this.fail('no-space');
    const lease: Lease = { id, ttl, renewals: 0, keys: new Set() };
    this.leases.set(id, lease);
    this.db?.putLease(id, ttl, 0);
    for (const l of this.listeners) l.leaseGranted?.(lease);
    return { revision: this.mvcc.revision, lease: { id, ttl } };
  }

  /** Deletes the lease and, at one revision, every key attached to it. */
  private revokeLease(id: number): boolean {
    const lease = this.leases.get(id);
    if (!lease) return false;
    const keys = [...lease.keys].sort();
    const { revision, events } = this.mvcc.batch((tx) => {
      for (const k of keys) tx.delete(Buffer.from(k, 'latin1'));
    });
    this.committed(revision, events);
    this.leases.delete(id);
    this.db?.deleteLease(id);
    for (const l of this.listeners) l.leaseRevoked?.(id);
    return true;
  }

  private applyAlarm(action: number, memberID: number, alarm: AlarmType__Output): ApplyResult {
    const key = `${memberID}:${alarm}`;
    if (action === ALARM_ACTIVATE && alarm !== 0) {
      this.alarms.set(key, { memberID, alarm });
      this.db?.putAlarm(memberID, alarm, true);
    } else if (action === ALARM_DEACTIVATE && this.alarms.delete(key)) {
      this.db?.putAlarm(memberID, alarm, false);
    }
    return { revision: this.mvcc.revision, alarms: [...this.alarms.values()] };
  }

  /** Keeps each lease's key set true to the latest versions, then tells the listeners. */
  private committed(revision: number, events: KeyEvent[]): void {
    if (events.length === 0) return;
    if (this.db) {
      for (const ev of events) {
        const kv = ev.kv;
        if (ev.type === 'put') {
          const live = { value: kv.value, createRevision: kv.createRevision, version: kv.version, lease: kv.lease };
          this.db.putVersions(kv.key, [{ revision, sub: ev.sub, live }]);
        } else {
          // A delete may follow a put of the same key in this batch: both are stored.
          this.db.putVersions(kv.key, this.mvcc.versionsAt(kv.key, revision));
        }
      }
    }
    // The lease a key held before each event: prevKv is the value before the batch, so a key
    // put with a lease earlier in this batch is looked up here.
    let leasedInBatch: Map<string, number> | undefined;
    for (const ev of events) {
      const k = Buffer.from(ev.kv.key).toString('latin1');
      const before = leasedInBatch?.get(k) ?? ev.prevKv?.lease ?? 0;
      const after = ev.type === 'put' ? ev.kv.lease : 0;
      if (before === 0 && after === 0) continue;
      if (before !== after && before !== 0) this.leases.get(before)?.keys.delete(k);
      if (after !== 0) this.leases.get(after)?.keys.add(k);
      (leasedInBatch ??= new Map()).set(k, after);
    }
    for (const l of this.listeners) l.changed?.(revision, events);
  }

  snapshot(): Uint8Array {
    return encodeRegistrySnapshot({
      appliedIndex: this.appliedIndex,
      mvcc: this.mvcc,
      leases: [...this.leases.values()].map((l) => ({ id: l.id, ttl: l.ttl, renewals: l.renewals })),
      alarms: [...this.alarms.values()],
      members: [...this.members].map(([id, m]) => ({ id, ...m })),
      digest: this.digest.snapshot(),
    });
  }

  restore(data: Uint8Array): void {
    const s = decodeRegistrySnapshot(data, this.mvcc);
    this.appliedIndex = s.appliedIndex;
    this.digest.restore(s.digest);
    this.leases.clear();
    for (const l of s.leases) this.leases.set(l.id, { ...l, keys: new Set() });
    this.attachLeaseKeys();
    this.alarms.clear();
    for (const a of s.alarms) this.alarms.set(`${a.memberID}:${a.alarm}`, a);
    this.members.clear();
    for (const m of s.members) this.members.set(m.id, { name: m.name, clientUrls: m.clientUrls });
    if (this.db) {
      this.rewriteDb(this.db);
      this.lastFlush = 0; // written by the next persist(), not a flush interval later
    }
    for (const l of this.listeners) l.restored?.();
  }

  /** Lease attachments are not stored: they are whatever the latest versions say. */
  private attachLeaseKeys(): void {
    for (const [key, versions] of this.mvcc.dump()) {
      const live = versions[versions.length - 1]?.live;
      if (live && live.lease !== 0) this.leases.get(live.lease)?.keys.add(Buffer.from(key).toString('latin1'));
    }
  }

  /** After a snapshot install: the database holds exactly the new state (written by persist()). */
  private rewriteDb(db: RegistryDb): void {
    void db.clearAll();
    for (const [key, versions] of this.mvcc.dump()) {
      for (let i = 0; i < versions.length; ) {
        let j = i + 1;
        while (j < versions.length && versions[j].revision === versions[i].revision) j++;
        db.putVersions(key, versions.slice(i, j));
        i = j;
      }
    }
    for (const l of this.leases.values()) db.putLease(l.id, l.ttl, l.renewals);
    for (const a of this.alarms.values()) db.putAlarm(a.memberID, a.alarm, true);
    for (const [id, m] of this.members) db.putMember(id, m.name, m.clientUrls);
  }
}
