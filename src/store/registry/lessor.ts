// Lease deadlines: the one time-dependent part of the registry, kept outside the state machine.
// Every member tracks a deadline per lease on its own monotonic clock, but only the leader
// acts on it: it proposes the expiry of leases past their deadline. A member that becomes
// leader restarts every countdown, so no lease expires early because the old leader died
// (it may live up to one TTL longer, never shorter).
import type { Lease, RegistryListener } from './registry-state-machine.ts';

export type Clock = () => number;

export interface ExpiredLease {
  id: number;
  renewals: number;
}

export class Lessor implements RegistryListener {
  private readonly deadlines = new Map<number, { deadline: number; lease: Lease }>();

  constructor(
    private readonly leases: () => Iterable<Lease>,
    private readonly now: Clock = () => performance.now(),
  ) {}

  leaseGranted(lease: Lease): void {
    this.deadlines.set(lease.id, { deadline: this.now() + lease.ttl * 1000, lease });
  }

  leaseRenewed(lease: Lease): void {
    this.leaseGranted(lease);
  }

  leaseRevoked(id: number): void {
    this.deadlines.delete(id);
  }

  restored(): void {
    this.promote();
  }

  /** Restart every countdown (on becoming leader, and after a snapshot install). */
  promote(): void {
    this.deadlines.clear();
    for (const lease of this.leases()) this.leaseGranted(lease);
  }

  /** A keep-alive served by the leader itself: returns the TTL, or undefined if unknown. */
  renew(id: number): number | undefined {
    const d = this.deadlines.get(id);
    if (!d) return undefined;
    d.deadline = this.now() + d.lease.ttl * 1000;
    return d.lease.ttl;
  }

  /** Seconds left (rounded up, etcd-style), or -1 if unknown. */
  remaining(id: number): number {
    const d = this.deadlines.get(id);
    if (!d) return -1;
    return Math.max(0, Math.ceil((d.deadline - this.now()) / 1000));
  }

  /** Leases past their deadline, oldest first, at most `max`. */
  expired(max: number): ExpiredLease[] {
    const now = this.now();
    const out: { id: number; renewals: number; deadline: number }[] = [];
    for (const [id, d] of this.deadlines) if (d.deadline <= now) out.push({ id, renewals: d.lease.renewals, deadline: d.deadline });
    out.sort((a, b) => a.deadline - b.deadline);
    return out.slice(0, max).map(({ id, renewals }) => ({ id, renewals }));
  }
}
