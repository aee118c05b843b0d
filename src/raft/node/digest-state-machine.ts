// The stand-in state machine until the MVCC registry exists: it keeps no data, only a count
// of the entries it applied and a sha256 chain over them. Two members that show the same
// pair applied the same payloads at the same indexes, in the same order; that makes
// replication visible from the outside (shoal status) without trusting the Raft layer's own
// counters.
import { createHash } from 'node:crypto';
import type { StateMachine } from './raft-node.ts';

const SNAPSHOT_VERSION = 1;
const GENESIS = Buffer.alloc(32);

export class DigestStateMachineError extends Error {
  override readonly name = 'DigestStateMachineError';
}

export interface DigestState {
  /** Entries applied since the beginning of the log (including those inside a snapshot). */
  count: number;
  /** Log index of the last applied entry (0: none). */
  lastIndex: number;
  /** sha256(previous digest | index u64 | payload length u64 | payload), hex. */
  digest: string;
}

export class DigestStateMachine implements StateMachine {
  private count = 0;
  private lastIndex = 0;
  private digest: Buffer = GENESIS;

  apply(index: number, data: Uint8Array): DigestState {
    // RaftNode promises log order, exactly once; a repeat or a step back here would mean the
    // driver replayed or skipped something, which must not pass silently.
    if (!Number.isSafeInteger(index) || index <= this.lastIndex) {
      throw new DigestStateMachineError(`apply at index ${index} after index ${this.lastIndex}: out of order or applied twice`);
    }
    const header = Buffer.alloc(16);
    header.writeBigUInt64BE(BigInt(index), 0);
    header.writeBigUInt64BE(BigInt(data.byteLength), 8);
    this.digest = createHash('sha256').update(this.digest).update(header).update(data).digest();
    this.count++;
    this.lastIndex = index;
    return this.state();
  }

  state(): DigestState {
    return { count: this.count, lastIndex: this.lastIndex, digest: this.digest.toString('hex') };
  }

  snapshot(): Uint8Array {
    return new TextEncoder().encode(JSON.stringify({ v: SNAPSHOT_VERSION, ...this.state() }));
  }

  restore(data: Uint8Array): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(data));
    } catch (err) {
      throw new DigestStateMachineError(`snapshot is not JSON (${data.byteLength} bytes)`, { cause: err });
    }
    const s = parsed as Partial<DigestState> & { v?: unknown };
    if (
      s.v !== SNAPSHOT_VERSION ||
      !Number.isSafeInteger(s.count) ||
      !Number.isSafeInteger(s.lastIndex) ||
      typeof s.digest !== 'string' ||
      !/^[0-9a-f]{64}$/.test(s.digest)
    ) {
      throw new DigestStateMachineError(`snapshot has an unexpected shape: ${JSON.stringify(parsed).slice(0, 200)}`);
    }
    this.count = s.count!;
    this.lastIndex = s.lastIndex!;
    this.digest = Buffer.from(s.digest, 'hex');
  }
}
