// The registry's applied state on disk (LevelDB, beside the Raft log): every retained version of
// every key, leases, alarms, member attributes, and the index of the last applied log entry
// (etcd's "consistent index"). Writes are batched per Ready and not synced: the Raft log holds
// every committed entry, so after a crash the registry simply re-applies the entries after
// its applied index. Before the log is compacted the registry is synced, so the entries it
// would need are never gone.
//
// Records (keys are bytes):
//   v | revision u64 | key         -> version (kind, sub, then for a live one: create revision,
//                                     version, lease, value). Kind 2 is a tombstone after a put
//                                     of the same key at the same revision (a nested txn did
//                                     both): tombstone sub, then the put as a live version.
//   l | id u64                     -> lease (ttl, renewals)
//   a | memberID u64 | alarm u32   -> (empty)
//   p | id u64                     -> member attributes (JSON)
//   m:applied, m:revision, m:compact, m:digest
import { Level } from 'level';
import type { Version } from '../mvcc/key-history.ts';

type Op = { type: 'put'; key: Buffer; value: Buffer } | { type: 'del'; key: Buffer };

export class RegistryDbError extends Error {
  override readonly name = 'RegistryDbError';
}

export interface StoredRegistry {
  applied: number;
  revision: number;
  compactRevision: number;
  digest: Uint8Array | undefined;
  keys: [Uint8Array, Version[]][];
  leases: { id: number; ttl: number; renewals: number }[];
  alarms: { memberID: number; alarm: number }[];
  members: { id: number; name: string; clientUrls: string[] }[];
}

const META_APPLIED = Buffer.from('m:applied');
const META_REVISION = Buffer.from('m:revision');
const META_COMPACT = Buffer.from('m:compact');
const META_DIGEST = Buffer.from('m:digest');

const u64 = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};
const num = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return b;
};

function versionKey(revision: number, key: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from('v'), u64(revision), key]);
}
const leaseKey = (id: number): Buffer => Buffer.concat([Buffer.from('l'), u64(id)]);
const alarmKey = (memberID: number, alarm: number): Buffer => {
  const b = Buffer.alloc(13);
  b.write('a', 0);
  b.writeBigUInt64BE(BigInt(memberID), 1);
  b.writeUInt32BE(alarm, 9);
  return b;
};
const memberKey = (id: number): Buffer => Buffer.concat([Buffer.from('p'), u64(id)]);

const KIND_TOMBSTONE = 0;
const KIND_LIVE = 1;
const KIND_PUT_THEN_TOMBSTONE = 2;

function encodeLive(v: Version, value: NonNullable<Version['live']>): Buffer {
  const head = Buffer.alloc(29);
  head.writeUInt8(KIND_LIVE, 0);
  head.writeUInt32BE(v.sub, 1);
  head.writeDoubleBE(value.createRevision, 5);
  head.writeDoubleBE(value.version, 13);
  head.writeDoubleBE(value.lease, 21);
  return Buffer.concat([head, value.value]);
}

/** One key's versions at one revision: one, or a put followed by a tombstone. */
function encodeVersions(versions: readonly Version[]): Buffer {
  const [first, second] = versions;
  if (versions.length === 1) {
    if (first.live) return encodeLive(first, first.live);
    const b = Buffer.alloc(5);
    b.writeUInt8(KIND_TOMBSTONE, 0);
    b.writeUInt32BE(first.sub, 1);
    return b;
  }
  if (versions.length !== 2 || !first.live || second.live || first.revision !== second.revision) {
    throw new RegistryDbError(`versions at one revision must be one, or a put then a tombstone; got ${versions.length} at revision ${first?.revision}`);
  }
  const tomb = Buffer.alloc(5);
  tomb.writeUInt8(KIND_PUT_THEN_TOMBSTONE, 0);
  tomb.writeUInt32BE(second.sub, 1);
  return Buffer.concat([tomb, encodeLive(first, first.live)]);
}

function decodeVersions(revision: number, b: Buffer): Version[] {
  const kind = b.readUInt8(0);
  const sub = b.readUInt32BE(1);
  if (kind === KIND_TOMBSTONE) return [{ revision, sub }];
  if (kind === KIND_PUT_THEN_TOMBSTONE) return [...decodeVersions(revision, b.subarray(5)), { revision, sub }];
  return [
    {
      revision,
      sub,
      live: { createRevision: b.readDoubleBE(5), version: b.readDoubleBE(13), lease: b.readDoubleBE(21), value: Buffer.from(b.subarray(29)) },
    },
  ];
}

export class RegistryDb {
  private pending: Op[] = [];
  /** Every write, in order: LevelDB's own writers may run on any of libuv's threads. */
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  private constructor(private readonly db: Level<Buffer, Buffer>) {}

  static async open(dir: string): Promise<RegistryDb> {
    const db = new Level<Buffer, Buffer>(dir, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
    try {
      await db.open();
    } catch (err) {
      throw new RegistryDbError(`cannot open the registry database in ${dir}: ${(err as Error).message}`, { cause: err });
    }
    return new RegistryDb(db);
  }

  async load(): Promise<StoredRegistry> {
    const get = async (k: Buffer) => this.db.get(k);
    const applied = await get(META_APPLIED);
    const revision = await get(META_REVISION);
    const compact = await get(META_COMPACT);
    const digest = await get(META_DIGEST);
    const byKey = new Map<string, Version[]>();
    for await (const [k, v] of this.db.iterator({ gte: Buffer.from('v'), lt: Buffer.from('w') })) {
      const revisionOf = Number(k.readBigUInt64BE(1));
      const key = k.subarray(9).toString('latin1');
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(...decodeVersions(revisionOf, v));
    }
    const keys = [...byKey.keys()].sort().map((k): [Uint8Array, Version[]] => [Buffer.from(k, 'latin1'), byKey.get(k)!]);
    const leases: StoredRegistry['leases'] = [];
    for await (const [k, v] of this.db.iterator({ gte: Buffer.from('l'), lt: Buffer.from('m') })) {
      leases.push({ id: Number(k.readBigUInt64BE(1)), ttl: v.readDoubleBE(0), renewals: v.readDoubleBE(8) });
    }
    const alarms: StoredRegistry['alarms'] = [];
    for await (const k of this.db.keys({ gte: Buffer.from('a'), lt: Buffer.from('b') })) {
      alarms.push({ memberID: Number(k.readBigUInt64BE(1)), alarm: k.readUInt32BE(9) });
    }
    const members: StoredRegistry['members'] = [];
    for await (const [k, v] of this.db.iterator({ gte: Buffer.from('p'), lt: Buffer.from('q') })) {
      members.push({ id: Number(k.readBigUInt64BE(1)), ...(JSON.parse(v.toString()) as { name: string; clientUrls: string[] }) });
    }
    return {
      applied: applied ? applied.readDoubleBE(0) : 0,
      revision: revision ? revision.readDoubleBE(0) : 1,
      compactRevision: compact ? compact.readDoubleBE(0) : 0,
      digest: digest ?? undefined,
      keys,
      leases,
      alarms,
      members,
    };
  }

  /** Changes waiting for the next flush. */
  get pendingOps(): number {
    return this.pending.length;
  }

  /** Stores one key's versions at one revision (see encodeVersions). */
  putVersions(key: Uint8Array, versions: readonly Version[]): void {
    this.pending.push({ type: 'put', key: versionKey(versions[0].revision, key), value: encodeVersions(versions) });
  }

  deleteVersion(key: Uint8Array, revision: number): void {
    this.pending.push({ type: 'del', key: versionKey(revision, key) });
  }

  putLease(id: number, ttl: number, renewals: number): void {
    this.pending.push({ type: 'put', key: leaseKey(id), value: Buffer.concat([num(ttl), num(renewals)]) });
  }

  deleteLease(id: number): void {
    this.pending.push({ type: 'del', key: leaseKey(id) });
  }

  putAlarm(memberID: number, alarm: number, raised: boolean): void {
    const key = alarmKey(memberID, alarm);
    this.pending.push(raised ? { type: 'put', key, value: Buffer.alloc(0) } : { type: 'del', key });
  }

  putMember(id: number, name: string, clientUrls: string[]): void {
    this.pending.push({ type: 'put', key: memberKey(id), value: Buffer.from(JSON.stringify({ name, clientUrls })) });
  }

  /** Writes what was applied since the last flush, with the new applied index, as one batch. */
  flush(meta: { applied: number; revision: number; compactRevision: number; digest: Uint8Array }): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    ops.push(
      { type: 'put', key: META_APPLIED, value: num(meta.applied) },
      { type: 'put', key: META_REVISION, value: num(meta.revision) },
      { type: 'put', key: META_COMPACT, value: num(meta.compactRevision) },
      { type: 'put', key: META_DIGEST, value: Buffer.from(meta.digest) },
    );
    // A chained batch costs about half an array batch's CPU in classic-level.
    return this.enqueue(() => {
      const b = this.db.batch();
      for (const op of ops) {
        if (op.type === 'put') b.put(op.key, op.value);
        else b.del(op.key);
      }
      return b.write();
    });
  }

  /** Replaces everything (a snapshot from the leader was installed); written by the next flush. */
  clearAll(): Promise<void> {
    this.pending = [];
    return this.enqueue(() => this.db.clear());
  }

  /** Waits for every write so far and makes it durable. */
  sync(): Promise<void> {
    // LevelDB syncs its whole log on a synced write: an empty-valued synced put suffices.
    return this.enqueue(() => this.db.put(Buffer.from('m:sync'), Buffer.alloc(0), { sync: true }));
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    await this.db.close();
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const p = this.chain.then(fn);
    this.chain = p.catch((err: Error) => {
      this.failure = new RegistryDbError(`registry database write failed: ${err.message}`, { cause: err });
    });
    return p;
  }
}
