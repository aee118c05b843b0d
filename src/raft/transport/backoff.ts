/**
 * Exponential back-off with jitter: the delay doubles per failure up to a cap, and each
 * delay is drawn from [base/2, base) so that peers that lost a common neighbour at the same
 * instant do not all redial it in lockstep.
 */
export class Backoff {
  private base: number;

  constructor(
    private readonly initialMs = 20,
    private readonly maxMs = 1000,
    private readonly random: () => number = Math.random,
  ) {
    this.base = initialMs;
  }

  next(): number {
    const delay = this.base / 2 + (this.random() * this.base) / 2;
    this.base = Math.min(this.base * 2, this.maxMs);
    return Math.round(delay);
  }

  reset(): void {
    this.base = this.initialMs;
  }
}
