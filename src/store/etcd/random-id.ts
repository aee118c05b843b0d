import { randomBytes } from 'node:crypto';

/** A random id in [1, 2^52): exact as a JS number and on the wire (uint64/int64 loaded as Number). */
export function randomId52(): number {
  const b = randomBytes(8);
  const id = Number(b.readBigUInt64BE(0) >> 12n);
  return id === 0 ? 1 : id;
}
