// Controller expectations: after a controller asks for N creations (or deletions) it waits
// until its informer has seen them before counting again, so a slow watch never makes it
// create the same replicas twice. An expectation that is never met (a create that failed
// silently) lapses after a timeout and the controller counts afresh.

interface Expectation {
  adds: number;
  dels: number;
  at: number;
}

export class Expectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  expect(key: string, adds: number, dels: number): void {
    this.byKey.set(key, { adds, dels, at: this.now() });
  }

  /** True when the controller may count again: nothing pending, or it has lapsed. */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    if ((e.adds <= 0 && e.dels <= 0) || this.now() - e.at > this.ttlMs) {
      this.byKey.delete(key);
      return true;
    }
    return false;
  }

  observedAdd(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.adds--;
  }

  observedDelete(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.dels--;
  }

  /** A create that failed will never be observed: stop waiting for it. */
  lowerAdds(key: string, n = 1): void {
    this.observedAdd(key);
    if (n > 1) this.lowerAdds(key, n - 1);
  }

  lowerDeletes(key: string, n = 1): void {
    this.observedDelete(key);
    if (n > 1) this.lowerDeletes(key, n - 1);
  }

  forget(key: string): void {
    this.byKey.delete(key);
  }
}
