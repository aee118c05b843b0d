// The registry's snapshot image: every retained version of every key (so a watcher on a member
// that installs a snapshot can still catch up from any retained revision), leases, alarms and
// member attributes. Raw protobuf-style varints through protobufjs's Writer/Reader: no schema
// needed for a format only shoal reads, and far smaller and faster than JSON for binary values.
import protobuf from 'protobufjs';
import type { AlarmType__Output } from '../../gen/etcdserverpb/AlarmType.ts';
import { DigestStateMachine } from '../../raft/node/digest-state-machine.ts';
import type { Version } from '../mvcc/key-history.ts';
import type { MvccStore } from '../mvcc/mvcc-store.ts';

const MAGIC = 0x73686f31; // "sho1"

export class RegistrySnapshotError extends Error {
  override readonly name = 'RegistrySnapshotError';
}

export interface RegistryImage {
  appliedIndex: number;
  mvcc: MvccStore;
  leases: { id: number; ttl: number; renewals: number }[];
  alarms: { memberID: number; alarm: AlarmType__Output }[];
  members: { id: number; name: string; clientUrls: string[] }[];
  /** The applied-entries hash chain's own image. */
  digest: Uint8Array;
}

export function encodeRegistrySnapshot(img: RegistryImage): Uint8Array {
  const w = protobuf.Writer.create();
  w.fixed32(MAGIC);
  w.uint64(img.appliedIndex).uint64(img.mvcc.revision).uint64(img.mvcc.compactRevision);
  const keys = [...img.mvcc.dump()];
  w.uint32(keys.length);
  for (const [key, versions] of keys) {
    w.bytes(key).uint32(versions.length);
    for (const v of versions) {
      w.uint64(v.revision).uint32(v.sub).bool(!!v.live);
      if (v.live) w.bytes(v.live.value).uint64(v.live.createRevision).uint64(v.live.version).uint64(v.live.lease);
    }
  }
  w.uint32(img.leases.length);
  for (const l of img.leases) w.uint64(l.id).uint64(l.ttl).uint64(l.renewals);
  w.uint32(img.alarms.length);
  for (const a of img.alarms) w.uint64(a.memberID).uint32(a.alarm);
  w.uint32(img.members.length);
  for (const m of img.members) {
    w.uint64(m.id).string(m.name).uint32(m.clientUrls.length);
    for (const u of m.clientUrls) w.string(u);
  }
  w.bytes(img.digest);
  return w.finish();
}

/**
 * Loads the image's keys into `mvcc` and returns the rest. The whole image is read and checked
 * first: one that does not decode throws RegistrySnapshotError and leaves `mvcc` as it was.
 */
export function decodeRegistrySnapshot(data: Uint8Array, mvcc: MvccStore): Omit<RegistryImage, 'mvcc'> {
  const r = protobuf.Reader.create(data);
  const num = () => {
    const v = r.uint64();
    return typeof v === 'number' ? v : Number(v.toString());
  };
  let image: Omit<RegistryImage, 'mvcc'> & { revision: number; compactRevision: number; keys: [Uint8Array, Version[]][] };
  try {
    if (r.fixed32() !== MAGIC) throw new RegistrySnapshotError(`not a registry snapshot (${data.byteLength} bytes, bad magic)`);
    const appliedIndex = num();
    const revision = num();
    const compactRevision = num();
    const nKeys = r.uint32();
    const keys: [Uint8Array, Version[]][] = [];
    let previous: string | undefined;
    for (let i = 0; i < nKeys; i++) {
      const key = Buffer.from(r.bytes());
      const k = key.toString('latin1');
      if (previous !== undefined && previous >= k) throw new RegistrySnapshotError(`registry snapshot keys out of order at key ${i}`);
      previous = k;
      const n = r.uint32();
      const versions: Version[] = [];
      for (let j = 0; j < n; j++) {
        const rev = num();
        const sub = r.uint32();
        const live = r.bool();
        versions.push(live ? { revision: rev, sub, live: { value: Buffer.from(r.bytes()), createRevision: num(), version: num(), lease: num() } } : { revision: rev, sub });
      }
      keys.push([key, versions]);
    }
    const leases = Array.from({ length: r.uint32() }, () => ({ id: num(), ttl: num(), renewals: num() }));
    const alarms = Array.from({ length: r.uint32() }, () => ({ memberID: num(), alarm: r.uint32() as AlarmType__Output }));
    const members = Array.from({ length: r.uint32() }, () => {
      const id = num();
      const name = r.string();
      const clientUrls = Array.from({ length: r.uint32() }, () => r.string());
      return { id, name, clientUrls };
    });
    const digest = r.bytes();
    if (r.pos !== r.len) throw new RegistrySnapshotError(`registry snapshot has ${r.len - r.pos} trailing bytes`);
    new DigestStateMachine().restore(digest); // throws if the digest's own image is bad
    image = { appliedIndex, leases, alarms, members, digest, revision, compactRevision, keys };
  } catch (err) {
    if (err instanceof RegistrySnapshotError) throw err;
    throw new RegistrySnapshotError(`registry snapshot of ${data.byteLength} bytes is truncated or corrupt: ${(err as Error).message}`, { cause: err });
  }
  const { revision, compactRevision, keys, ...rest } = image;
  mvcc.load(revision, compactRevision, keys);
  return rest;
}
