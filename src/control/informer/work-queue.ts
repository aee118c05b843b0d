// A work queue of object keys, as Kubernetes controllers use: a key queued many times is
// processed once; a key being processed is not handed to a second worker, and if it changes
// meanwhile it is processed again afterwards; failures come back with per-key exponential
// back-off. Keys, not objects: a worker always reads the latest state from its cache.

export interface WorkQueueOptions {
  /** First retry delay of a failing key; doubles per failure. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waiters: ((key: string | undefined) => void)[] = [];
  private shuttingDown = false;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(opts: WorkQueueOptions = {}) {
    this.baseDelayMs = opts.baseDelayMs ?? 10;
    this.maxDelayMs = opts.maxDelayMs ?? 5000;
  }

  get length(): number {
    return this.queue.length;
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return; // re-queued by done()
    const w = this.waiters.shift();
    if (w) {
      this.dirty.delete(key);
      this.processing.add(key);
      w(key);
    } else this.queue.push(key);
  }

  /** Queues the key after `ms` (a later add() before then is not delayed). */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.add(key);
      }, ms),
    );
  }

  /** Queues the key after its back-off (which grows with each call until forget()). */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** n));
  }

  /** The key succeeded: its back-off starts over. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  retries(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** The next key (waits for one); undefined once shut down. */
  get(): Promise<string | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const key = this.queue.shift();
    if (key !== undefined) {
      this.dirty.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.dirty.delete(key);
      this.add(key);
    }
  }

  shutdown(): void {
    this.shuttingDown = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const w of this.waiters.splice(0)) w(undefined);
  }
}

/** Runs `workers` loops taking keys from the queue into `reconcile` until the queue shuts down. */
export function runWorkers(queue: WorkQueue, workers: number, reconcile: (key: string) => Promise<void>, onError: (key: string, err: unknown) => void): Promise<void[]> {
  return Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const key = await queue.get();
        if (key === undefined) return;
        try {
          await reconcile(key);
          queue.forget(key);
        } catch (err) {
          onError(key, err);
          queue.addRateLimited(key);
        } finally {
          queue.done(key);
        }
      }
    }),
  );
}
