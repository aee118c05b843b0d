// Core <-> wire conversion. Pure: no I/O, no state, so it is tested without a socket.
//
// Encoding hands protobufjs the core's Uint8Arrays as they are (it copies them into the
// outgoing buffer once). Decoding returns plain Uint8Array views over the received buffer
// (no copy), never Buffers: Buffer#slice shares memory where Uint8Array#slice copies, and
// the core is written against Uint8Array semantics.
import {
  EMPTY,
  EntryType,
  MessageType,
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  type Snapshot,
  type SnapshotMetadata,
} from '../core/types.ts';
import type { ConfState as PbConfState, ConfState__Output as PbConfStateOut } from '../../gen/shoal/raft/ConfState.ts';
import type { Entry as PbEntry, Entry__Output as PbEntryOut } from '../../gen/shoal/raft/Entry.ts';
import type { HardState as PbHardState, HardState__Output as PbHardStateOut } from '../../gen/shoal/raft/HardState.ts';
import type { Message as PbMessage, Message__Output as PbMessageOut } from '../../gen/shoal/raft/Message.ts';
import type { Snapshot as PbSnapshot, Snapshot__Output as PbSnapshotOut } from '../../gen/shoal/raft/Snapshot.ts';
import type {
  SnapshotMetadata as PbSnapshotMetadata,
  SnapshotMetadata__Output as PbSnapshotMetadataOut,
} from '../../gen/shoal/raft/SnapshotMetadata.ts';
import { CodecError } from './errors.ts';

const MESSAGE_TYPE_MIN = MessageType.Vote;
const MESSAGE_TYPE_MAX = MessageType.Prop;

// ---- encode (core -> wire) ----

export function entryToProto(e: Entry): PbEntry {
  return { term: e.term, index: e.index, type: e.type, data: e.data };
}

export function hardStateToProto(h: HardState): PbHardState {
  return { term: h.term, vote: h.vote, commit: h.commit };
}

export function confStateToProto(c: ConfState): PbConfState {
  return { voters: c.voters, learners: c.learners };
}

export function snapshotMetadataToProto(m: SnapshotMetadata): PbSnapshotMetadata {
  return { index: m.index, term: m.term, confState: confStateToProto(m.confState) };
}

export function snapshotToProto(s: Snapshot): PbSnapshot {
  return { metadata: snapshotMetadataToProto(s.metadata), data: s.data };
}

/**
 * `snapshot: 'metadata-only'` keeps the snapshot's metadata but not its data: that is how the
 * first chunk of a chunked snapshot carries the Snap message.
 */
export function messageToProto(m: Message, snapshot: 'full' | 'metadata-only' | 'omit' = 'full'): PbMessage {
  const out: PbMessage = {
    type: m.type,
    from: m.from,
    to: m.to,
    term: m.term,
    logTerm: m.logTerm,
    index: m.index,
    entries: m.entries.length === 0 ? [] : m.entries.map(entryToProto),
    commit: m.commit,
    reject: m.reject,
    rejectHint: m.rejectHint,
    context: m.context,
  };
  if (m.snapshot && snapshot !== 'omit') {
    out.snapshot =
      snapshot === 'full'
        ? snapshotToProto(m.snapshot)
        : { metadata: snapshotMetadataToProto(m.snapshot.metadata), data: EMPTY };
  }
  return out;
}

// ---- decode (wire -> core) ----

export function bytesView(b: Uint8Array): Uint8Array {
  return b.byteLength === 0 ? EMPTY : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** uint64 arrives as a JS number; past 2^53 it has already lost precision, so refuse it. */
function safeInt(v: number, field: string): number {
  if (!Number.isSafeInteger(v) || v < 0) throw new CodecError(`${v} is not an integer in [0, 2^53)`, field);
  return v;
}

function safeIds(vs: number[], field: string): number[] {
  return vs.map((v, i) => safeInt(v, `${field}[${i}]`));
}

export function entryFromProto(p: PbEntryOut, field = 'entry'): Entry {
  if (p.type !== EntryType.Normal && p.type !== EntryType.ConfChange) {
    throw new CodecError(`unknown entry type ${p.type}`, `${field}.type`);
  }
  return {
    term: safeInt(p.term, `${field}.term`),
    index: safeInt(p.index, `${field}.index`),
    type: p.type,
    data: bytesView(p.data),
  };
}

export function hardStateFromProto(p: PbHardStateOut, field = 'hardState'): HardState {
  return {
    term: safeInt(p.term, `${field}.term`),
    vote: safeInt(p.vote, `${field}.vote`),
    commit: safeInt(p.commit, `${field}.commit`),
  };
}

export function confStateFromProto(p: PbConfStateOut | null, field = 'confState'): ConfState {
  if (!p) return { voters: [], learners: [] };
  return { voters: safeIds(p.voters, `${field}.voters`), learners: safeIds(p.learners, `${field}.learners`) };
}

export function snapshotMetadataFromProto(p: PbSnapshotMetadataOut | null, field = 'metadata'): SnapshotMetadata {
  if (!p) throw new CodecError('missing', field);
  return {
    index: safeInt(p.index, `${field}.index`),
    term: safeInt(p.term, `${field}.term`),
    confState: confStateFromProto(p.confState, `${field}.confState`),
  };
}

export function snapshotFromProto(p: PbSnapshotOut, field = 'snapshot'): Snapshot {
  return { metadata: snapshotMetadataFromProto(p.metadata, `${field}.metadata`), data: bytesView(p.data) };
}

export function messageFromProto(p: PbMessageOut, field = 'message'): Message {
  if (!Number.isInteger(p.type) || p.type < MESSAGE_TYPE_MIN || p.type > MESSAGE_TYPE_MAX) {
    throw new CodecError(`unknown message type ${p.type}`, `${field}.type`);
  }
  const m: Message = {
    type: p.type as MessageType,
    from: safeInt(p.from, `${field}.from`),
    to: safeInt(p.to, `${field}.to`),
    term: safeInt(p.term, `${field}.term`),
    logTerm: safeInt(p.logTerm, `${field}.logTerm`),
    index: safeInt(p.index, `${field}.index`),
    entries: p.entries.map((e, i) => entryFromProto(e, `${field}.entries[${i}]`)),
    commit: safeInt(p.commit, `${field}.commit`),
    reject: p.reject,
    rejectHint: safeInt(p.rejectHint, `${field}.rejectHint`),
    context: bytesView(p.context),
  };
  if (p.snapshot) m.snapshot = snapshotFromProto(p.snapshot, `${field}.snapshot`);
  return m;
}

// ---- sizing ----

/**
 * An upper bound of a message's encoded size, without encoding it: enough to cut batches
 * under the gRPC message limit. Every varint is counted at its 10-byte maximum plus a tag.
 */
export function estimateMessageBytes(m: Message): number {
  const FIXED = 11 * 12; // 12 scalar fields, tag + 10-byte varint each
  const PER_ENTRY = 3 * 11 + 2 * 6; // 3 varints + length-delimited headers (entry, data)
  let n = FIXED + 6 + m.context.byteLength;
  for (const e of m.entries) n += PER_ENTRY + e.data.byteLength;
  if (m.snapshot) {
    const cs = m.snapshot.metadata.confState;
    n += 64 + 11 * (cs.voters.length + cs.learners.length) + m.snapshot.data.byteLength;
  }
  return n;
}
