import type { NodeId } from '../core/types.ts';

// Entry payloads carry who proposed them, so that the proposing node (and only it) can
// answer its caller when the entry is applied:  origin f64 | request f64 | body.
const HEADER = 16;

export function encodeProposal(origin: NodeId, request: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + body.byteLength);
  const v = new DataView(out.buffer);
  v.setFloat64(0, origin);
  v.setFloat64(8, request);
  out.set(body, HEADER);
  return out;
}

export function decodePayload(data: Uint8Array): { origin: NodeId; request: number; body: Uint8Array } {
  if (data.byteLength < HEADER) return { origin: 0, request: 0, body: data };
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { origin: v.getFloat64(0), request: v.getFloat64(8), body: data.subarray(HEADER) };
}

export interface SnapshotEnvelope {
  members: { id: NodeId; address: string }[];
  state: Uint8Array;
}

// A local snapshot holds the membership addresses beside the state machine's image:
// u32 length | members JSON | state.
export function encodeEnvelope(env: SnapshotEnvelope): Uint8Array {
  const members = new TextEncoder().encode(JSON.stringify(env.members));
  const out = new Uint8Array(4 + members.byteLength + env.state.byteLength);
  new DataView(out.buffer).setUint32(0, members.byteLength);
  out.set(members, 4);
  out.set(env.state, 4 + members.byteLength);
  return out;
}

export function decodeEnvelope(data: Uint8Array): SnapshotEnvelope {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const n = v.getUint32(0);
  const members = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + n))) as SnapshotEnvelope['members'];
  return { members, state: data.slice(4 + n) };
}
