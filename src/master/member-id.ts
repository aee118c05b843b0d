// Member and cluster ids are derived, not stored: every member computes the same ids from the
// same --initial-cluster and token, with nothing to agree on first (as etcd does). 52 bits
// keeps them exact as JS numbers and on the wire (uint64 loaded as Number).
import { createHash } from 'node:crypto';
import type { NodeId } from '../raft/core/types.ts';

function first52Bits(...parts: string[]): number {
  // NUL between parts: "a"+"bc" and "ab"+"c" must not hash alike.
  const digest = createHash('sha256').update(parts.join('\0')).digest();
  // 7 bytes = 56 bits, minus the low 4.
  return Number(digest.readBigUInt64BE(0) >> 12n);
}

export function memberId(name: string, peerUrl: string, token: string): NodeId {
  const id = first52Bits(name, peerUrl, token);
  // 0 means "no node" to Raft; odds 2^-52, but a silent collision with NONE would be awful.
  return id === 0 ? 1 : id;
}

export function clusterId(memberIds: NodeId[], token: string): number {
  const sorted = [...memberIds].sort((a, b) => a - b);
  return first52Bits(sorted.join(','), token);
}

/** etcd prints member ids in hex; so do we. */
export function formatId(id: number): string {
  return id.toString(16);
}
