// What clients write down while a chaos run is going, for chaos/linearizability.ts to judge.

import type { HistoryEntry, KvOp, KvOutput } from './linearizability.ts';

export type Clock = () => number;

export class HistoryRecorder {
  private readonly entries = new Map<number, HistoryEntry>();
  private readonly open = new Set<number>();
  private nextId = 0;

  // performance.now() because wall-clock time can step backwards under NTP, and an interval
  // that runs backwards would make the checker reject a correct store.
  constructor(private readonly clock: Clock = () => performance.now()) {}

  /** Call just before the request leaves the client. */
  invoke(client: number, op: KvOp): number {
    const id = this.nextId++;
    this.entries.set(id, { client, op: { ...op }, call: this.clock(), ret: undefined });
    this.open.add(id);
    return id;
  }

  /** The reply arrived: get gives string | null, cas gives whether it swapped. */
  ok(id: number, output?: KvOutput): void {
    const e = this.close(id);
    if (e.op.kind === 'get' && output !== null && typeof output !== 'string') {
      throw new TypeError(`get #${id} completed with ${String(output)}; expected a string or null`);
    }
    if (e.op.kind === 'cas' && typeof output !== 'boolean') {
      throw new TypeError(`cas #${id} completed with ${String(output)}; expected a boolean`);
    }
    e.ret = this.clock();
    if (e.op.kind === 'get' || e.op.kind === 'cas') e.output = output;
  }

  /** Timed out or the connection broke after sending: it may or may not have taken effect. */
  unknown(id: number): void {
    this.close(id);
  }

  /** The error proves the request never took effect (refused before proposing): forget it. */
  fail(id: number): void {
    this.close(id);
    this.entries.delete(id);
  }

  /**
   * In invocation order. Requests still in flight are reported with an unknown outcome, since
   * the run may have ended after they reached the store.
   */
  history(): HistoryEntry[] {
    return [...this.entries.values()].map((e) => ({ ...e, op: { ...e.op } }));
  }

  private close(id: number): HistoryEntry {
    const e = this.entries.get(id);
    if (!e || !this.open.delete(id)) throw new Error(`operation #${id} is not in flight`);
    return e;
  }
}
