import { type ConfChange, ConfChangeType } from './types.ts';
import { RaftInvariantError } from './assert.ts';

// Conf changes travel inside log entries; this fixed little layout is the core's own
// (opaque to storage and transport): type u8 | nodeId f64 | context bytes.
export function encodeConfChange(cc: ConfChange): Uint8Array {
  const out = new Uint8Array(9 + cc.context.byteLength);
  const view = new DataView(out.buffer);
  view.setUint8(0, cc.type);
  view.setFloat64(1, cc.nodeId);
  out.set(cc.context, 9);
  return out;
}

export function decodeConfChange(data: Uint8Array): ConfChange {
  if (data.byteLength < 9) throw new RaftInvariantError(`conf change entry too short (${data.byteLength} bytes)`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const type = view.getUint8(0);
  if (!(type in ConfChangeType)) throw new RaftInvariantError(`unknown conf change type ${type}`);
  return { type, nodeId: view.getFloat64(1), context: data.slice(9) };
}
