import { RaftNodeError } from './errors.ts';

/** Callers waiting for a request's outcome, each with a deadline. */
export class Waiters<T> {
  private readonly pending = new Map<number, { resolve: (v: T) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  wait(id: number, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RaftNodeError('timeout', `${what} timed out after ${timeoutMs}ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  resolve(id: number, value: T): void {
    const w = this.pending.get(id);
    if (!w) return;
    this.pending.delete(id);
    clearTimeout(w.timer);
    w.resolve(value);
  }

  fail(id: number, err: Error): void {
    const w = this.pending.get(id);
    if (!w) return;
    this.pending.delete(id);
    clearTimeout(w.timer);
    w.reject(err);
  }

  failAll(err: Error): void {
    for (const id of [...this.pending.keys()]) this.fail(id, err);
  }

  get size(): number {
    return this.pending.size;
  }
}
