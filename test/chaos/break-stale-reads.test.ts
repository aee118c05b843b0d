// The chaos harness's self-test for the linearizability checker: three real masters started
// with --unsafe-break=stale-reads answer "linearizable" gets from whatever they have applied, and
// a workload of puts through the leader followed by gets from the followers (one follower
// briefly frozen with SIGSTOP, so that it lags for certain) must be caught; the same workload
// against honest masters must be proven linearizable. A checker that passes both is shown to
// be able to fail, which is what makes its "ok" worth anything.
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAK_MODES } from '../../chaos/break-modes.ts';
import { HistoryRecorder } from '../../chaos/history-recorder.ts';
import { checkLinearizable, type CheckResult } from '../../chaos/linearizability.ts';
import type { KVClient } from '../../src/gen/etcdserverpb/KV.ts';
import { TestCluster, type TestMember } from '../cli/harness.ts';
import { call, kvClient } from '../store/etcd-clients.ts';

const OP_TIMEOUT_MS = 2000;
const ATTEMPT_MS = 2500;
const PAUSE_AFTER_MS = 600;
const PAUSE_MS = 400;
const WORKERS = 4;
/** Enough tries that a broken master escapes all of them only by a run of freak schedules. */
const MAX_ATTEMPTS = 5;

const deadline = () => ({ deadline: Date.now() + OP_TIMEOUT_MS });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Attempt {
  result: CheckResult;
  puts: number;
  gets: number;
  staleLooking: number;
}

/**
 * One bounded run on fresh keys: each worker puts a new value through the leader, and once
 * it is acknowledged reads the key back from a follower (so a read that misses it cannot be
 * excused by overlap). Mid-run one follower is frozen; reads sent to it queue up and are
 * answered the moment it thaws, before it has caught up, if it answers from local state.
 */
async function attempt(cluster: TestCluster, tag: string): Promise<Attempt> {
  const leader = await cluster.waitForLeader(cluster.members, 20_000);
  const followers = cluster.members.filter((m) => m !== leader);
  const clientOf = new Map<TestMember, KVClient>(cluster.members.map((m) => [m, kvClient(m.endpoint)]));
  const rec = new HistoryRecorder();
  const keys = Array.from({ length: 3 }, (_, i) => `stale/${tag}/${i}`);
  let stop = false;
  let staleLooking = 0;

  const worker = async (id: number) => {
    let i = 0;
    while (!stop) {
      const key = keys[(id + i) % keys.length];
      const value = `w${id}-${i}`;
      const reader = followers[(id + i) % followers.length];
      i++;
      const put = rec.invoke(id, { kind: 'put', key, value });
      try {
        await call((cb) => clientOf.get(leader)!.Put({ key: Buffer.from(key), value: Buffer.from(value) }, deadline(), cb));
        rec.ok(put);
      } catch {
        // Not acknowledged: it may still commit, so it constrains nothing, and no read follows.
        rec.unknown(put);
        await sleep(50);
        continue;
      }
      const get = rec.invoke(id, { kind: 'get', key });
      try {
        const res = await call<{ kvs: { value: Buffer }[] }>((cb) => clientOf.get(reader)!.Range({ key: Buffer.from(key) }, deadline(), cb as never));
        const seen = res.kvs.length > 0 ? res.kvs[0].value.toString() : null;
        rec.ok(get, seen);
        if (seen !== value) staleLooking++; // may be a later write by another worker; the checker decides
      } catch (err) {
        rec.fail(get);
        if ((err as grpc.ServiceError).code !== grpc.status.DEADLINE_EXCEEDED) await sleep(50);
      }
    }
  };

  const lagging = followers[0];
  const freeze = async () => {
    await sleep(PAUSE_AFTER_MS);
    lagging.proc.kill('SIGSTOP');
    try {
      await sleep(PAUSE_MS);
    } finally {
      lagging.proc.kill('SIGCONT');
    }
  };

  const workers = Array.from({ length: WORKERS }, (_, id) => worker(id));
  await freeze();
  await sleep(Math.max(0, ATTEMPT_MS - PAUSE_AFTER_MS - PAUSE_MS));
  stop = true;
  await Promise.all(workers);
  for (const c of clientOf.values()) c.close();

  const history = rec.history();
  const done = history.filter((h) => h.ret !== undefined);
  return {
    result: checkLinearizable(history),
    puts: done.filter((h) => h.op.kind === 'put').length,
    gets: done.filter((h) => h.op.kind === 'get').length,
    staleLooking,
  };
}

const unsafeBreakLines = (m: TestMember) =>
  readFileSync(m.logFile, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"unsafe-break"'))
    .map((l) => JSON.parse(l) as { level: number; event: string; mode: string });

describe('chaos self-test: a master that serves stale reads is caught by the linearizability checker', () => {
  const mode = BREAK_MODES['stale-reads'];

  describe(`with ${mode.flag}`, () => {
    const cluster = new TestCluster();
    beforeAll(async () => {
      await cluster.start(3, [mode.flag]);
      await cluster.waitForLeader(cluster.members, 20_000);
    }, 60_000);
    afterAll(() => cluster.stop(), 30_000);

    it('every master says loudly that it is broken', () => {
      for (const m of cluster.members) {
        const lines = unsafeBreakLines(m);
        expect(lines, m.name).toHaveLength(1);
        expect(lines[0]).toMatchObject({ level: 40, event: 'unsafe-break', mode: 'stale-reads' });
      }
    });

    it(`the checker reports a violation within ${MAX_ATTEMPTS} attempts`, async () => {
      const tried: string[] = [];
      for (let n = 0; n < MAX_ATTEMPTS; n++) {
        const a = await attempt(cluster, `broken-${n}`);
        tried.push(`#${n}: ${a.result.verdict}, ${a.puts} puts, ${a.gets} gets, ${a.staleLooking} stale-looking`);
        if (a.result.verdict === 'violation') {
          console.log(`stale-reads caught on attempt ${n + 1}: ${a.result.anomalies[0]}`);
          expect(a.result.ok).toBe(false);
          expect(a.result.anomalies.length).toBeGreaterThan(0);
          expect(mode.caughtBy).toBe('not-linearizable');
          return;
        }
      }
      expect.fail(`no violation found in ${MAX_ATTEMPTS} attempts: ${tried.join('; ')}`);
    }, 120_000);
  });

  describe('without the flag (control)', () => {
    const cluster = new TestCluster();
    beforeAll(async () => {
      await cluster.start(3);
      await cluster.waitForLeader(cluster.members, 20_000);
    }, 60_000);
    afterAll(() => cluster.stop(), 30_000);

    it('the same workload is proven linearizable, and no master warns', async () => {
      for (const m of cluster.members) expect(unsafeBreakLines(m), m.name).toEqual([]);
      for (let n = 0; n < 2; n++) {
        const a = await attempt(cluster, `honest-${n}`);
        // Real work through the pause, or the verdict means nothing.
        expect(a.puts, `attempt ${n}`).toBeGreaterThan(20);
        expect(a.gets, `attempt ${n}`).toBeGreaterThan(20);
        expect(a.result.anomalies, `attempt ${n}`).toEqual([]);
        expect(a.result.verdict, `attempt ${n}`).toBe('ok');
      }
    }, 120_000);
  });
});
