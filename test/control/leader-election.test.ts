// Leader election over a Lease with fencing, on one real master: one leader at a time, a
// standby takes over after a holder dies (within the lease duration) or at once after a
// holder hands back, and the deposed holder's fenced writes fail.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalResourceClient } from '../../src/control/client/local-resource-client.ts';
import { reasonOf, type Fence } from '../../src/control/client/resource-client.ts';
import { LeaderElector } from '../../src/control/leader-election.ts';
import { LocalKvClient } from '../../src/store/client/local-kv-client.ts';
import { waitFor } from '../cli/harness.ts';
import { startSingleMaster, type SingleMaster } from '../store/single-master.ts';

describe('leader election with fencing', () => {
  let m: SingleMaster;
  let client: LocalResourceClient;
  let kv: LocalKvClient;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    m = await startSingleMaster(['--controllers=false']);
    client = new LocalResourceClient(m.master.api);
    kv = new LocalKvClient(m.master.registry);
    await waitFor(async () => (await client.get('namespaces', '', 'kube-system').catch(() => undefined)) ?? undefined, 10_000, () => 'no kube-system');
  });
  afterAll(() => m.stop());

  function elector(identity: string, name: string, log: string[]) {
    let fence: Fence | undefined;
    const e = new LeaderElector(
      { client, kv, namespace: 'kube-system', name, identity, leaseDurationMs: 1000, logger },
      {
        started: (f) => {
          fence = f;
          log.push(`${identity} started`);
        },
        stopped: () => log.push(`${identity} stopped`),
      },
    );
    return { e, fence: () => fence };
  }

  it('one leads; a dead holder is replaced within the lease; its fenced writes then fail', async () => {
    const log: string[] = [];
    const a = elector('a', 'test-lease-1', log);
    const b = elector('b', 'test-lease-1', log);
    a.e.start();
    await waitFor(async () => (a.e.isLeader ? true : undefined), 5000, () => log.join(', '));
    b.e.start();
    await new Promise((r) => setTimeout(r, 1500));
    expect(b.e.isLeader).toBe(false);
    const oldFence = a.fence()!;
    const ok = await client.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fenced-1' } }, { fence: oldFence });
    expect(ok.metadata.name).toBe('fenced-1');

    a.e.crash();
    const t0 = Date.now();
    await waitFor(async () => (b.e.isLeader ? true : undefined), 5000, () => log.join(', '));
    const handover = Date.now() - t0;
    expect(handover).toBeLessThan(5000); // the lease is 1 s: within a few of them (a loaded machine), not never
    const err = await client.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fenced-2' } }, { fence: oldFence }).catch((e: unknown) => e);
    expect(reasonOf(err)).toBe('Fenced');
    await expect(client.get('configmaps', 'default', 'fenced-2')).rejects.toMatchObject({ reason: 'NotFound' });
    // The new leader's fence works.
    await client.patch('configmaps', 'default', 'fenced-1', { data: { by: 'b' } }, { fence: b.fence()! });
    const lease = await client.get('leases', 'kube-system', 'test-lease-1');
    expect(lease.spec.holderIdentity).toBe('b');
    expect(lease.spec.leaseTransitions).toBe(1);
    await b.e.stop();
    // (On a loaded machine a may also have lost and regained the lease before it crashed, when a
    // renewal took longer than its deadline: that is the deadline doing its job.)
    expect(log[0]).toBe('a started');
    expect(log.slice(-2)).toEqual(['b started', 'b stopped']);
  });

  it('a holder whose lease calls hang (a master that cannot commit) stops leading before a standby may take over', async () => {
    const log: string[] = [];
    let hang = false;
    // The holder's view of the registry: once `hang`, every lease call waits forever.
    const stuck = new Proxy(client, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => (hang ? new Promise(() => undefined) : (v as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
    const events: { who: string; what: string; at: number }[] = [];
    const a = new LeaderElector(
      { client: stuck, kv, namespace: 'kube-system', name: 'test-lease-3', identity: 'a', leaseDurationMs: 1000, logger },
      { started: () => events.push({ who: 'a', what: 'started', at: Date.now() }), stopped: () => events.push({ who: 'a', what: 'stopped', at: Date.now() }) },
    );
    const b = elector('b', 'test-lease-3', log);
    a.start();
    await waitFor(async () => (a.isLeader ? true : undefined), 5000, () => JSON.stringify(events));
    b.e.start();
    await new Promise((r) => setTimeout(r, 600));
    hang = true;
    await waitFor(async () => (b.e.isLeader ? true : undefined), 5000, () => log.join(', '));
    const bStarted = Date.now();
    // a stopped on its own (its renew deadline) before b started: never two acting at once.
    const aStopped = events.find((e) => e.what === 'stopped');
    expect(aStopped, JSON.stringify(events)).toBeDefined();
    expect(aStopped!.at).toBeLessThanOrEqual(bStarted);
    a.crash();
    await b.e.stop();
  });

  it('a holder that stops hands the lease back and a standby takes over at once', async () => {
    const log: string[] = [];
    const a = elector('a', 'test-lease-2', log);
    const b = elector('b', 'test-lease-2', log);
    a.e.start();
    await waitFor(async () => (a.e.isLeader ? true : undefined), 5000, () => log.join(', '));
    b.e.start();
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    await a.e.stop();
    await waitFor(async () => (b.e.isLeader ? true : undefined), 5000, () => log.join(', '));
    expect(Date.now() - t0).toBeLessThan(850); // waiting for expiry instead would take >= 875 ms
    await b.e.stop();
  });
});
