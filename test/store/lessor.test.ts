// The lessor: lease deadlines on an injected clock (no real time passes in these tests).
import { describe, expect, it } from 'vitest';
import { encodeCommand, type CommandInput } from '../../src/store/registry/command-codec.ts';
import { Lessor } from '../../src/store/registry/lessor.ts';
import { RegistryStateMachine, type Lease } from '../../src/store/registry/registry-state-machine.ts';

const lease = (id: number, ttl: number, renewals = 0): Lease => ({ id, ttl, renewals, keys: new Set() });

/** A lessor over a fixed lease table and a clock the test moves by hand. */
function rig(table: Lease[] = []) {
  const clock = { now: 1_000_000 };
  const leases = new Map(table.map((l) => [l.id, l]));
  const lessor = new Lessor(() => leases.values(), () => clock.now);
  return { clock, leases, lessor };
}

describe('Lessor', () => {
  it('a granted lease counts down from its TTL; remaining rounds up to whole seconds and stops at 0', () => {
    const { clock, lessor } = rig();
    const t0 = clock.now;
    lessor.leaseGranted(lease(1, 10));
    expect(lessor.remaining(1)).toBe(10);
    clock.now = t0 + 1;
    expect(lessor.remaining(1)).toBe(10); // 9.999 s left: rounded up
    clock.now = t0 + 999;
    expect(lessor.remaining(1)).toBe(10);
    clock.now = t0 + 1000;
    expect(lessor.remaining(1)).toBe(9);
    clock.now = t0 + 9001;
    expect(lessor.remaining(1)).toBe(1);
    clock.now = t0 + 10_000;
    expect(lessor.remaining(1)).toBe(0);
    clock.now = t0 + 60_000;
    expect(lessor.remaining(1)).toBe(0); // never negative
    expect(lessor.remaining(2)).toBe(-1); // unknown
  });

  it('a lease expires at its deadline, not before', () => {
    const { clock, lessor } = rig();
    const t0 = clock.now;
    lessor.leaseGranted(lease(1, 5));
    clock.now = t0 + 4999;
    expect(lessor.expired(10)).toEqual([]);
    clock.now = t0 + 5000;
    expect(lessor.expired(10)).toEqual([{ id: 1, renewals: 0 }]);
  });

  it('renew restarts the countdown from now and answers the TTL; an unknown lease: undefined', () => {
    const { clock, lessor } = rig();
    const t0 = clock.now;
    lessor.leaseGranted(lease(1, 10));
    clock.now = t0 + 8000;
    expect(lessor.remaining(1)).toBe(2);
    expect(lessor.renew(1)).toBe(10);
    expect(lessor.remaining(1)).toBe(10);
    clock.now = t0 + 17_999;
    expect(lessor.expired(10)).toEqual([]);
    clock.now = t0 + 18_000;
    expect(lessor.expired(10)).toEqual([{ id: 1, renewals: 0 }]);
    expect(lessor.renew(2)).toBeUndefined();
    expect(lessor.remaining(2)).toBe(-1); // renew did not invent it
  });

  it('a renewal through the log (leaseRenewed) restarts the countdown too; a revoked lease is forgotten', () => {
    const { clock, lessor } = rig();
    const t0 = clock.now;
    const l = lease(1, 10);
    lessor.leaseGranted(l);
    lessor.leaseGranted(lease(2, 10));
    clock.now = t0 + 9000;
    l.renewals = 1;
    lessor.leaseRenewed(l);
    clock.now = t0 + 10_000;
    expect(lessor.expired(10)).toEqual([{ id: 2, renewals: 0 }]);
    lessor.leaseRevoked(2);
    expect(lessor.expired(10)).toEqual([]);
    expect(lessor.remaining(2)).toBe(-1);
    clock.now = t0 + 19_000;
    expect(lessor.expired(10)).toEqual([{ id: 1, renewals: 1 }]);
  });

  it('expired: oldest deadline first, at most max, with the renewals seen so far', () => {
    const { clock, lessor } = rig();
    const t0 = clock.now;
    const l3 = lease(3, 1);
    lessor.leaseGranted(lease(1, 30)); // deadline t0+30 s
    lessor.leaseGranted(l3); // t0+1 s
    lessor.leaseGranted(lease(2, 5)); // t0+5 s
    clock.now = t0 + 2000;
    lessor.leaseGranted(lease(4, 2)); // t0+4 s
    lessor.leaseGranted(lease(5, 100)); // far off
    l3.renewals = 7; // counted through the log meanwhile
    clock.now = t0 + 40_000;
    expect(lessor.expired(10)).toEqual([
      { id: 3, renewals: 7 },
      { id: 4, renewals: 0 },
      { id: 2, renewals: 0 },
      { id: 1, renewals: 0 },
    ]);
    expect(lessor.expired(2).map((e) => e.id)).toEqual([3, 4]);
    expect(lessor.expired(0)).toEqual([]);
  });

  it('promote restarts every countdown from now, and follows the lease table (drops gone leases, adds missed ones)', () => {
    const a = lease(1, 10);
    const b = lease(2, 10);
    const { clock, leases, lessor } = rig([a, b]);
    const t0 = clock.now;
    lessor.promote();
    clock.now = t0 + 20_000; // both long past their deadlines (an old leader would have expired them)
    expect(lessor.expired(10).map((e) => e.id)).toEqual([1, 2]);
    // the table changed while this member was not watching: 2 revoked, 3 granted
    leases.delete(2);
    leases.set(3, lease(3, 4));
    lessor.promote();
    expect(lessor.expired(10)).toEqual([]); // nothing expires at once after a promotion
    expect(lessor.remaining(1)).toBe(10);
    expect(lessor.remaining(2)).toBe(-1);
    expect(lessor.remaining(3)).toBe(4);
    clock.now = t0 + 24_000;
    expect(lessor.expired(10).map((e) => e.id)).toEqual([3]);
    clock.now = t0 + 30_000;
    expect(lessor.expired(10).map((e) => e.id)).toEqual([3, 1]);
  });

  it('restored (a snapshot installed) restarts the countdowns as promote does', () => {
    const { clock, leases, lessor } = rig([lease(1, 3)]);
    const t0 = clock.now;
    lessor.promote();
    clock.now = t0 + 5000;
    leases.set(2, lease(2, 3));
    lessor.restored();
    expect(lessor.expired(10)).toEqual([]);
    expect([lessor.remaining(1), lessor.remaining(2)]).toEqual([3, 3]);
  });
});

describe('Lessor + RegistryStateMachine: expiry decided by the clock, applied through the log', () => {
  it('the leader proposes what expired; a renewal that reached the log first saves the lease', () => {
    const sm = new RegistryStateMachine();
    const clock = { now: 0 };
    const lessor = new Lessor(() => sm.leases.values(), () => clock.now);
    sm.listen(lessor);
    let index = 0;
    const run = (cmd: CommandInput) => sm.apply(++index, encodeCommand(cmd));
    run({ leaseGrant: { ID: 1, TTL: 5 } });
    run({ leaseGrant: { ID: 2, TTL: 5 } });
    run({ put: { key: Buffer.from('a'), value: Buffer.from('1'), lease: 1 } });
    run({ put: { key: Buffer.from('b'), value: Buffer.from('2'), lease: 2 } });
    expect(lessor.remaining(1)).toBe(5);
    clock.now = 5000;
    const decided = lessor.expired(100);
    expect(decided).toEqual([
      { id: 1, renewals: 0 },
      { id: 2, renewals: 0 },
    ]);
    // a keep-alive for lease 2 reached a follower and was applied before the expiry entry
    run({ leaseRenew: { id: 2 } });
    expect(lessor.remaining(2)).toBe(5); // applying the renewal restarted its countdown
    run({ leaseExpired: { leases: decided } });
    expect([...sm.leases.keys()]).toEqual([2]);
    expect(sm.mvcc.range(Buffer.from('a')).kvs).toEqual([]);
    expect(sm.mvcc.range(Buffer.from('b')).kvs).toHaveLength(1);
    // the revoked lease left the lessor too
    expect(lessor.remaining(1)).toBe(-1);
    expect(lessor.expired(100)).toEqual([]);
    clock.now = 10_000;
    expect(lessor.expired(100)).toEqual([{ id: 2, renewals: 1 }]);
  });
});
