// Crash-loop back-off per container: a container that keeps exiting waits 1 s, 2 s, 4 s, ...
// up to 60 s before each restart (Kubernetes: 10 s doubling to 5 min; shoal's are shorter so
// a fixed fault heals sooner). A container that ran for 2x the cap starts over at 1 s.
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 60_000;

export class Backoff {
  private readonly failures = new Map<string, { n: number; until: number }>();

  /** Records an exit of `key` at `finishedAt` after running `ranMs`; returns when it may restart. */
  exited(key: string, finishedAt: number, ranMs: number): number {
    const prev = this.failures.get(key);
    const n = prev && ranMs < 2 * BACKOFF_CAP_MS ? prev.n + 1 : 1;
    const until = finishedAt + Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (n - 1));
    this.failures.set(key, { n, until });
    return until;
  }

  /** When `key` may restart (0 = now). */
  until(key: string): number {
    return this.failures.get(key)?.until ?? 0;
  }

  forget(prefix: string): void {
    for (const k of [...this.failures.keys()]) if (k.startsWith(prefix)) this.failures.delete(k);
  }
}
