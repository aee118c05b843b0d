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

/**
 * From the peer URL and the cluster token only (as etcd, not the name): a member added at
 * run time (etcdctl member add sends only its peer URL) gets the id that the new master
 * derives for itself from its flags.
 */
export function memberId(peerUrl: string, token: string): NodeId {
  const id = first52Bits(peerUrl, token);
  // 0 means "no node" to Raft; odds 2^-52, but a silent collision with NONE would be awful.
  return id === 0 ? 1 : id;
}

/**
 * From the token alone: a member that joins later lists more members in --initial-cluster
 * than the founders did, and must still be recognised as one of theirs.
 */
export function clusterId(token: string): number {
  return first52Bits('cluster', token);
}

/** etcd prints member ids in hex; so do we. */
export function formatId(id: number): string {
  return id.toString(16);
}
