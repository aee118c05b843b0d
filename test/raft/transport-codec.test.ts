import { describe, expect, it } from 'vitest';
import { EntryType, MessageType, emptyMessage, type Message } from '../../src/raft/core/types.ts';
import { CodecError } from '../../src/raft/transport/errors.ts';
import { estimateMessageBytes, hardStateFromProto, hardStateToProto, messageFromProto, messageToProto } from '../../src/raft/transport/codec.ts';
import { PROTO_LOADER_OPTIONS } from '../../src/raft/transport/raft-proto.ts';
import { loadSync, type MessageTypeDefinition } from '@grpc/proto-loader';
import type { Message as PbMessage, Message__Output as PbMessageOut } from '../../src/gen/shoal/raft/Message.ts';

// Through the real wire encoding, with the runtime loader's options.
const pkg = loadSync('raft.proto', PROTO_LOADER_OPTIONS);
const wire = pkg['shoal.raft.Message'] as MessageTypeDefinition<PbMessage, PbMessageOut>;
const roundTrip = (m: Message, snapshot: 'full' | 'metadata-only' | 'omit' = 'full') =>
  messageFromProto(wire.deserialize(wire.serialize(messageToProto(m, snapshot))));

function full(): Message {
  const m = emptyMessage(MessageType.App, 3, 5, 2 ** 40);
  m.logTerm = 7;
  m.index = Number.MAX_SAFE_INTEGER;
  m.commit = 12;
  m.reject = true;
  m.rejectHint = 99;
  m.context = Uint8Array.from([0, 255, 1]);
  m.entries = [
    { term: 1, index: 2, type: EntryType.ConfChange, data: Uint8Array.from([4, 5]) },
    { term: 1, index: 3, type: EntryType.Normal, data: new Uint8Array(0) },
  ];
  m.snapshot = { metadata: { index: 4, term: 1, confState: { voters: [3, 5], learners: [9] } }, data: Uint8Array.from([1, 2, 3]) };
  return m;
}

describe('codec', () => {
  it('round-trips every field through the wire encoding', () => {
    const m = full();
    expect(roundTrip(m)).toEqual(m);
    for (const type of [MessageType.Vote, MessageType.Heartbeat, MessageType.ReadIndexResp, MessageType.Prop]) {
      const plain = emptyMessage(type, 1, 2, 3);
      expect(roundTrip(plain)).toEqual(plain);
    }
  });

  it('can keep only the snapshot metadata, or drop the snapshot', () => {
    const m = full();
    expect(roundTrip(m, 'metadata-only').snapshot).toEqual({ metadata: m.snapshot!.metadata, data: new Uint8Array(0) });
    expect(roundTrip(m, 'omit').snapshot).toBeUndefined();
  });

  it('refuses unknown message and entry types, naming the field', () => {
    // A newer peer could send enum values this build does not know; the types forbid them.
    const bad = wire.deserialize(wire.serialize({ ...messageToProto(full()), type: 42 as PbMessage['type'] }));
    expect(() => messageFromProto(bad)).toThrow(CodecError);
    expect(() => messageFromProto(bad)).toThrow('message.type: unknown message type 42');
    const badEntry = wire.deserialize(wire.serialize({ ...messageToProto(full()), entries: [{ type: 7 as EntryType }] }));
    expect(() => messageFromProto(badEntry)).toThrow('message.entries[0].type: unknown entry type 7');
  });

  it('refuses ids past 2^53 instead of rounding them', () => {
    const big = wire.deserialize(wire.serialize({ ...messageToProto(full()), from: '18446744073709551615' }));
    expect(() => messageFromProto(big)).toThrow(/message\.from: .* is not an integer/);
  });

  it('round-trips hard state', () => {
    const h = { term: 3, vote: 2, commit: 10 };
    expect(hardStateFromProto({ ...hardStateToProto(h) } as { term: number; vote: number; commit: number })).toEqual(h);
  });

  it('estimates sizes from above', () => {
    for (const m of [full(), emptyMessage(MessageType.Heartbeat, 1, 2, 3)]) {
      expect(estimateMessageBytes(m)).toBeGreaterThanOrEqual(wire.serialize(messageToProto(m)).byteLength);
    }
  });
});
