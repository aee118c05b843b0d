// Binary encoding of the records LevelDbStorage keeps. Every record is framed as
//
//   u32 payload length | u32 CRC-32C of payload | payload          (little-endian)
//
// so that load() can tell a torn value (length disagrees with what LevelDB returned) from
// a flipped bit (checksum disagrees), and never hands the core a record it cannot trust.
// Integers are u64 on disk but must be JS safe integers (< 2^53); anything larger decodes
// as corruption rather than as a silently rounded number.

import { EntryType, type Entry, type HardState, type SnapshotMetadata } from '../core/types.ts';
import { CorruptRecordError } from './storage.ts';
import { crc32c } from './crc32.ts';

const HEADER = 8;
const ENTRY_FIXED = 17; // term, index, type
const HARD_STATE_BYTES = 24; // term, vote, commit
const TWO_32 = 2 ** 32;
const MAX_HI = 0x1fffff; // high word of Number.MAX_SAFE_INTEGER

/** What the snapshot metadata record says about the separately stored snapshot data. */
export interface StoredSnapshotMeta {
  metadata: SnapshotMetadata;
  dataLength: number;
  dataCrc: number;
}

export function encodeEntry(e: Entry): Uint8Array {
  checkU64('entry term', e.term);
  checkU64('entry index', e.index);
  if (e.type !== EntryType.Normal && e.type !== EntryType.ConfChange) {
    throw new RangeError(`raft storage: entry ${e.index} has unknown type ${String(e.type)}`);
  }
  const out = new Uint8Array(HEADER + ENTRY_FIXED + e.data.byteLength);
  const v = view(out);
  putU64(v, HEADER, e.term);
  putU64(v, HEADER + 8, e.index);
  out[HEADER + 16] = e.type;
  out.set(e.data, HEADER + ENTRY_FIXED);
  return seal(out, v);
}

export function decodeEntry(value: Uint8Array, record: string): Entry {
  const v = open(value, record);
  if (value.byteLength < HEADER + ENTRY_FIXED) {
    throw new CorruptRecordError(record, `payload of ${value.byteLength - HEADER} bytes is shorter than an entry header`);
  }
  const type = value[HEADER + 16];
  if (type !== EntryType.Normal && type !== EntryType.ConfChange) {
    throw new CorruptRecordError(record, `unknown entry type ${type}`);
  }
  return {
    term: getU64(v, HEADER, record, 'term'),
    index: getU64(v, HEADER + 8, record, 'index'),
    type,
    // A view, not a copy: LevelDB hands every value its own buffer.
    data: value.subarray(HEADER + ENTRY_FIXED),
  };
}

export function encodeHardState(hs: HardState): Uint8Array {
  checkU64('hard state term', hs.term);
  checkU64('hard state vote', hs.vote);
  checkU64('hard state commit', hs.commit);
  const out = new Uint8Array(HEADER + HARD_STATE_BYTES);
  const v = view(out);
  putU64(v, HEADER, hs.term);
  putU64(v, HEADER + 8, hs.vote);
  putU64(v, HEADER + 16, hs.commit);
  return seal(out, v);
}

export function decodeHardState(value: Uint8Array, record: string): HardState {
  const v = open(value, record);
  if (value.byteLength !== HEADER + HARD_STATE_BYTES) {
    throw new CorruptRecordError(record, `payload of ${value.byteLength - HEADER} bytes, expected ${HARD_STATE_BYTES}`);
  }
  return {
    term: getU64(v, HEADER, record, 'term'),
    vote: getU64(v, HEADER + 8, record, 'vote'),
    commit: getU64(v, HEADER + 16, record, 'commit'),
  };
}

/**
 * Snapshot metadata plus the length and checksum of the snapshot data, which is stored raw
 * under its own key so that a large image is never copied just to prepend a header.
 */
export function encodeSnapshotMeta(metadata: SnapshotMetadata, data: Uint8Array): Uint8Array {
  const { index, term, confState } = metadata;
  checkU64('snapshot index', index);
  checkU64('snapshot term', term);
  for (const id of confState.voters) checkU64('snapshot voter', id);
  for (const id of confState.learners) checkU64('snapshot learner', id);
  const ids = confState.voters.length + confState.learners.length;
  const out = new Uint8Array(HEADER + 8 + 8 + 8 + 4 + 4 + 4 + 8 * ids);
  const v = view(out);
  putU64(v, HEADER, index);
  putU64(v, HEADER + 8, term);
  putU64(v, HEADER + 16, data.byteLength);
  v.setUint32(HEADER + 24, crc32c(data), true);
  let at = HEADER + 28;
  for (const list of [confState.voters, confState.learners]) {
    v.setUint32(at, list.length, true);
    at += 4;
    for (const id of list) {
      putU64(v, at, id);
      at += 8;
    }
  }
  return seal(out, v);
}

export function decodeSnapshotMeta(value: Uint8Array, record: string): StoredSnapshotMeta {
  try {
    return readSnapshotMeta(value, record);
  } catch (err) {
    // The snapshot is one record to the caller; say which of its two values is bad.
    if (err instanceof CorruptRecordError) throw new CorruptRecordError(record, `metadata ${err.reason}`);
    throw err;
  }
}

function readSnapshotMeta(value: Uint8Array, record: string): StoredSnapshotMeta {
  const v = open(value, record);
  const fixed = HEADER + 8 + 8 + 8 + 4;
  const short = (): CorruptRecordError =>
    new CorruptRecordError(record, `payload of ${value.byteLength - HEADER} bytes is too short for its membership lists`);
  if (value.byteLength < fixed) throw short();
  const index = getU64(v, HEADER, record, 'index');
  const term = getU64(v, HEADER + 8, record, 'term');
  const dataLength = getU64(v, HEADER + 16, record, 'data length');
  const dataCrc = v.getUint32(HEADER + 24, true);
  let at = fixed;
  const lists: number[][] = [];
  for (const name of ['voter', 'learner']) {
    if (value.byteLength < at + 4) throw short();
    const n = v.getUint32(at, true);
    at += 4;
    if (value.byteLength < at + 8 * n) throw short();
    const ids: number[] = [];
    for (let i = 0; i < n; i++, at += 8) ids.push(getU64(v, at, record, name));
    lists.push(ids);
  }
  if (at !== value.byteLength) {
    throw new CorruptRecordError(record, `${value.byteLength - at} unexpected bytes after the membership lists`);
  }
  return { metadata: { index, term, confState: { voters: lists[0], learners: lists[1] } }, dataLength, dataCrc };
}

/** Checks raw snapshot data against the length and checksum its metadata recorded. */
export function verifySnapshotData(data: Uint8Array, meta: StoredSnapshotMeta, record: string): void {
  if (data.byteLength !== meta.dataLength) {
    throw new CorruptRecordError(record, `torn data: metadata says ${meta.dataLength} bytes, found ${data.byteLength}`);
  }
  const crc = crc32c(data);
  if (crc !== meta.dataCrc) throw new CorruptRecordError(record, `data checksum mismatch (stored ${hex(meta.dataCrc)}, computed ${hex(crc)})`);
}

// ------------------------------------------------------------------ framing

function seal(out: Uint8Array, v: DataView): Uint8Array {
  v.setUint32(0, out.byteLength - HEADER, true);
  v.setUint32(4, crc32c(out, HEADER), true);
  return out;
}

/** Validates the frame of a stored value; returns a DataView over it. */
function open(value: Uint8Array, record: string): DataView {
  if (value.byteLength < HEADER) {
    throw new CorruptRecordError(record, `torn: ${value.byteLength} bytes, shorter than the ${HEADER}-byte header`);
  }
  const v = view(value);
  const length = v.getUint32(0, true);
  if (length !== value.byteLength - HEADER) {
    throw new CorruptRecordError(record, `torn: header says ${length} payload bytes, found ${value.byteLength - HEADER}`);
  }
  const stored = v.getUint32(4, true);
  const crc = crc32c(value, HEADER);
  if (stored !== crc) throw new CorruptRecordError(record, `checksum mismatch (stored ${hex(stored)}, computed ${hex(crc)})`);
  return v;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function putU64(v: DataView, at: number, n: number): void {
  v.setUint32(at, n % TWO_32, true);
  v.setUint32(at + 4, Math.floor(n / TWO_32), true);
}

function getU64(v: DataView, at: number, record: string, field: string): number {
  const hi = v.getUint32(at + 4, true);
  if (hi > MAX_HI) throw new CorruptRecordError(record, `${field} exceeds 2^53`);
  return hi * TWO_32 + v.getUint32(at, true);
}

function checkU64(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`raft storage: ${what} ${n} is not a non-negative safe integer`);
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
