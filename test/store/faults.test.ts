// The registry under faults, through its etcd port, as real processes: concurrent clients do
// put, linearizable get and compare-and-swap while the leader is killed with SIGKILL and
// restarted and followers are frozen with SIGSTOP; the history must be linearizable. Then the
// whole group is killed at once under load and restarted: every acknowledged write is there.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../../chaos/history-recorder.ts';
import { checkLinearizable } from '../../chaos/linearizability.ts';
import { call, kvClient, leaseClient } from './etcd-clients.ts';
import { TestCluster, waitFor, type TestMember } from '../cli/harness.ts';

const OP_TIMEOUT_MS = 2000;

const deadline = () => ({ deadline: Date.now() + OP_TIMEOUT_MS });

/** Refusals that prove the request was never proposed; anything else may have taken effect. */
function definitelyFailed(err: grpc.ServiceError): boolean {
  if (err.code === grpc.status.INVALID_ARGUMENT || err.code === grpc.status.RESOURCE_EXHAUSTED) return true;
  // Never sent (the member is down) or refused before proposing.
  return /no leader|ECONNREFUSED|No connection established|server stopped/.test(err.details ?? '');
}

const errorKinds = new Map<string, number>();
async function backOff(err: unknown): Promise<void> {
  const e = err as grpc.ServiceError;
  const kind = `${grpc.status[e.code]}: ${(e.details ?? '').replace(/[0-9]+/g, 'N').slice(0, 80)}`;
  errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  // A client whose member is down or busy retries after a pause, not in a tight loop.
  await new Promise((r) => setTimeout(r, 100));
}

describe('registry under faults (real processes, etcd API)', () => {
  const cluster = new TestCluster();

  beforeAll(async () => {
    await cluster.start(3);
    await cluster.waitForLeader();
  });
  afterAll(() => cluster.stop());

  it('put / get / CAS histories stay linearizable while the leader is killed and followers are paused', async () => {
    const rec = new HistoryRecorder();
    // Enough keys that each one sees few writes of unknown outcome (each can double the search).
    const keys = Array.from({ length: 10 }, (_, i) => `lin/${i}`);
    const clients = cluster.members.flatMap((m) => [kvClient(m.endpoint), kvClient(m.endpoint)]);
    let stop = false;
    let counter = 0;

    const worker = async (id: number) => {
      const kv = clients[id % clients.length];
      let i = 0;
      while (!stop) {
        const key = keys[(id + i++) % keys.length];
        const roll = (id * 31 + i * 17) % 10;
        if (roll < 4) {
          const value = `v${id}-${counter++}`;
          const op = rec.invoke(id, { kind: 'put', key, value });
          try {
            await call((cb) => kv.Put({ key: Buffer.from(key), value: Buffer.from(value) }, deadline(), cb));
            rec.ok(op);
          } catch (err) {
            if (definitelyFailed(err as grpc.ServiceError)) rec.fail(op);
            else rec.unknown(op);
            await backOff(err);
          }
        } else if (roll < 7) {
          const op = rec.invoke(id, { kind: 'get', key });
          try {
            const res = await call<{ kvs: { value: Buffer }[] }>((cb) => kv.Range({ key: Buffer.from(key) }, deadline(), cb as never));
            rec.ok(op, res.kvs.length > 0 ? res.kvs[0].value.toString() : null);
          } catch (err) {
            rec.fail(op); // a read that failed changed nothing
            await backOff(err);
          }
        } else {
          // CAS: read, then swap only if unchanged (a Txn comparing the value, or absence).
          let expected: string | null;
          try {
            const res = await call<{ kvs: { value: Buffer }[] }>((cb) => kv.Range({ key: Buffer.from(key), serializable: true }, deadline(), cb as never));
            expected = res.kvs.length > 0 ? res.kvs[0].value.toString() : null;
          } catch (err) {
            await backOff(err);
            continue;
          }
          const value = `c${id}-${counter++}`;
          const op = rec.invoke(id, { kind: 'cas', key, expected, value });
          const compare =
            expected === null
              ? { key: Buffer.from(key), target: 1 as const, result: 0 as const, createRevision: 0, targetUnion: 'createRevision' as const }
              : { key: Buffer.from(key), target: 3 as const, result: 0 as const, value: Buffer.from(expected), targetUnion: 'value' as const };
          try {
            const res = await call<{ succeeded: boolean }>((cb) =>
              kv.Txn({ compare: [compare], success: [{ requestPut: { key: Buffer.from(key), value: Buffer.from(value) } }] }, deadline(), cb as never),
            );
            rec.ok(op, res.succeeded);
          } catch (err) {
            if (definitelyFailed(err as grpc.ServiceError)) rec.fail(op);
            else rec.unknown(op);
            await backOff(err);
          }
        }
      }
    };

    const faults = async () => {
      for (let round = 0; round < 3; round++) {
        await new Promise((r) => setTimeout(r, 1500));
        const leader = await cluster.waitForLeader(cluster.members, 20_000);
        leader.proc.kill('SIGKILL');
        await leader.proc.exited;
        await new Promise((r) => setTimeout(r, 1000));
        cluster.restart(leader);
        await new Promise((r) => setTimeout(r, 1500));
        const follower = cluster.members.find((m) => m !== leader)!;
        follower.proc.kill('SIGSTOP');
        await new Promise((r) => setTimeout(r, 1000));
        follower.proc.kill('SIGCONT');
      }
    };

    const workers = Array.from({ length: 8 }, (_, id) => worker(id));
    await faults();
    stop = true;
    await Promise.all(workers);
    for (const c of clients) c.close();

    const history = rec.history();
    const completed = history.filter((h) => h.ret !== undefined);
    // The run must have done real work through the faults for the verdict to mean anything.
    expect(completed.filter((h) => h.op.kind === 'put').length).toBeGreaterThan(50);
    expect(completed.filter((h) => h.op.kind === 'get').length).toBeGreaterThan(50);
    expect(completed.filter((h) => h.op.kind === 'cas' && h.output === true).length).toBeGreaterThan(5);
    const result = checkLinearizable(history, { maxExploredPerKey: 3_000_000 });
    const unknownOutcomes = history.filter((h) => h.ret === undefined).length;
    console.log(`linearizability run: ${history.length} ops, ${unknownOutcomes} of unknown outcome; errors ${JSON.stringify([...errorKinds])}`);
    const perKey = result.perKey.map((k) => `${k.key}:${k.result}/${k.ops} ops/${k.explored} explored`).join(', ');
    expect(result.anomalies, perKey).toEqual([]);
    expect(result.verdict, `${unknownOutcomes} ops of unknown outcome; ${perKey}`).toBe('ok');
    expect(result.verdict).toBe('ok');
  }, 120_000);

  it('kill -9 of every master at once under load loses no acknowledged write', async () => {
    await cluster.waitForLeader(cluster.members, 20_000);
    const clients = cluster.members.map((m) => kvClient(m.endpoint));
    const acked: string[] = [];
    let stop = false;
    let n = 0;
    const writer = async (w: number) => {
      const kv = clients[w % clients.length];
      while (!stop) {
        const key = `dur/${w}/${n++}`;
        try {
          await call((cb) => kv.Put({ key: Buffer.from(key), value: Buffer.from(key) }, deadline(), cb));
          acked.push(key);
        } catch {
          // unacknowledged: may or may not be there; not checked
        }
      }
    };
    const writers = Array.from({ length: 12 }, (_, w) => writer(w));
    await waitFor(async () => (acked.length >= 300 ? true : undefined), 30_000, () => `only ${acked.length} writes acknowledged`);
    for (const m of cluster.members) m.proc.kill('SIGKILL');
    const ackedAtKill = acked.length;
    stop = true;
    await Promise.all(writers);
    for (const c of clients) c.close();
    await Promise.all(cluster.members.map((m) => m.proc.exited));
    // Acknowledgements that raced the kill are still acknowledgements: check them all.
    expect(acked.length).toBeGreaterThanOrEqual(ackedAtKill);

    for (const m of cluster.members) cluster.restart(m);
    await cluster.waitForLeader(cluster.members, 30_000);
    const missingOn = async (m: TestMember) => {
      const kv = kvClient(m.endpoint);
      try {
        const res = await call<{ kvs: { key: Buffer }[] }>((cb) =>
          kv.Range({ key: Buffer.from('dur/'), rangeEnd: Buffer.from('dur0'), keysOnly: true }, { deadline: Date.now() + 10_000 }, cb as never),
        );
        const present = new Set(res.kvs.map((kv) => kv.key.toString()));
        return acked.filter((k) => !present.has(k));
      } finally {
        kv.close();
      }
    };
    for (const m of cluster.members) expect(await missingOn(m), `acknowledged writes missing on ${m.name}`).toEqual([]);
  }, 120_000);
});

describe('leases across a leader failover (real processes)', () => {
  const cluster = new TestCluster();
  beforeAll(async () => {
    await cluster.start(3);
    await cluster.waitForLeader();
  });
  afterAll(() => cluster.stop());

  it('a new leader restarts every lease countdown: no lease expires early because the leader died', async () => {
    const leader = await cluster.waitForLeader();
    const survivor = cluster.members.find((m) => m !== leader)!;
    const lease = leaseClient(survivor.endpoint);
    const kv = kvClient(survivor.endpoint);
    try {
      const ttl = 6;
      const granted = performance.now();
      const g = await call<{ ID: number }>((cb) => lease.LeaseGrant({ TTL: ttl }, cb as never));
      await call((cb) => kv.Put({ key: Buffer.from('leased'), value: Buffer.from('v'), lease: g.ID }, cb));
      await new Promise((r) => setTimeout(r, 4000));
      leader.proc.kill('SIGKILL');
      await leader.proc.exited;
      const killedAt = performance.now();
      const exists = async () => {
        const r = await call<{ count: number }>((cb) => kv.Range({ key: Buffer.from('leased'), countOnly: true }, { deadline: Date.now() + 5000 }, cb as never));
        return r.count === 1;
      };
      // The old leader's countdown would have ended at `granted + ttl`; the new one restarts it
      // no earlier than the kill, so the key must outlive that point (a lower bound: a slow
      // machine only makes things later).
      await new Promise((r) => setTimeout(r, Math.max(0, granted + ttl * 1000 + 500 - performance.now())));
      const checkedAt = performance.now();
      expect(await exists()).toBe(true);
      // The check must have come before the restarted countdown could end, or it proves nothing
      // (3.5 s of slack: only a machine stalled that long would trip this).
      expect(checkedAt).toBeLessThan(killedAt + ttl * 1000);
      // And it does expire once the restarted countdown runs out, with no keep-alive.
      await waitFor(async () => ((await exists()) ? undefined : true), 30_000, () => 'the lease never expired after the failover');
    } finally {
      lease.close();
      kv.close();
    }
  }, 90_000);
});
