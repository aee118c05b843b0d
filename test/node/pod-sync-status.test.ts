// The pod status the sync loop reports, with a real process runtime (host network) and a clock
// of the test's: a pod received again with a status older than the agent's last report (the
// stream lags the agent's own writes) must not make it report again. It once did: condition
// transition times were taken from the received pod, so every pass across a second boundary
// produced a "new" status, a write through Raft each, for seconds on end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Obj } from '../../src/control/client/resource-client.ts';
import { PodSync, type PodReport } from '../../src/node/pod-sync.ts';
import { ProcessRuntime } from '../../src/node/runtime/process-runtime.ts';

const dir = mkdtempSync(join(tmpdir(), 'shoal-podsync-'));
let clock = Date.parse('2026-12-06T10:00:00.200Z');
const runtime = new ProcessRuntime({ dataDir: dir, logger: pino({ level: 'silent' }) });
const reports: PodReport[] = [];
const sync = new PodSync({
  runtime,
  dataDir: dir,
  nodeIp: '127.0.0.1',
  sources: { configMap: async () => undefined, secret: async () => undefined, services: () => [] },
  logger: pino({ level: 'silent' }),
  report: (r) => reports.push(r),
  gone: () => undefined,
  usageEveryMs: 3_600_000,
  now: () => clock,
});

const pending: Obj = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-12-06T09:59:59Z' }] };
const pod: Obj = {
  metadata: { namespace: 'default', name: 'p1', uid: 'uid-podsync-1' },
  spec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', command: ['sleep', '600'] }] },
  status: pending,
};

async function until(what: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
const ready = (s: Obj) => s.conditions.find((c: Obj) => c.type === 'Ready');

afterAll(async () => {
  sync.stop();
  for (const c of await runtime.listContainers()) await runtime.stopContainer(c.id, 0).catch(() => undefined);
  await runtime.removeSandbox(pod.metadata.uid).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('pod status reports', () => {
  it('a pod received again with a status older than the last report is not reported again', async () => {
    sync.upsert(pod);
    await until(() => reports.some((r) => ready(r.status)?.status === 'True'));
    const first = reports.at(-1)!.status;
    expect(first.phase).toBe('Running');
    const n = reports.length;
    // The stream delivers the pod as it was before the agent's writes, while the clock moves on.
    for (let i = 0; i < 5; i++) {
      clock += 1000;
      sync.upsert({ ...pod, status: pending });
      await sync.sync();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(reports.length).toBe(n);
    // The pod as written (the agent's own status) changes nothing either.
    sync.upsert({ ...pod, status: first });
    await sync.sync();
    expect(reports.length).toBe(n);
  });

  it('a condition the masters changed after the report is a new transition', async () => {
    const last = reports.at(-1)!.status;
    const readySince = ready(last).lastTransitionTime;
    clock += 5000;
    const markedAt = new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
    // A master judged the node NotReady and marked the pod so.
    const marked = { ...last, conditions: last.conditions.map((c: Obj) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'NodeNotReady', lastTransitionTime: markedAt } : c)) };
    const n = reports.length;
    clock += 1000;
    sync.upsert({ ...pod, status: marked });
    await until(() => reports.length > n);
    const again = ready(reports.at(-1)!.status);
    expect(again.status).toBe('True');
    expect(again.lastTransitionTime > readySince).toBe(true);
    expect(again.lastTransitionTime >= markedAt).toBe(true);
  });
});

describe('pods bound during a pass', () => {
  it('start without waiting for the pass to end', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'shoal-podsync-join-'));
    const rt2 = new ProcessRuntime({ dataDir: dir2, logger: pino({ level: 'silent' }) });
    const seen: PodReport[] = [];
    // Pod A's environment comes from a config map that takes 2 s to read: A's start, and with
    // it the pass A is in, lasts that long.
    let cmServed = false;
    const s2 = new PodSync({
      runtime: rt2,
      dataDir: dir2,
      nodeIp: '127.0.0.1',
      sources: {
        configMap: async () => {
          await new Promise((r) => setTimeout(r, 2000));
          cmServed = true;
          return { metadata: { name: 'slow' }, data: { k: 'v' } };
        },
        secret: async () => undefined,
        services: () => [],
      },
      logger: pino({ level: 'silent' }),
      report: (r) => seen.push(r),
      gone: () => undefined,
      usageEveryMs: 3_600_000,
    });
    const container = (env: Obj[] = []) => [{ name: 'c', image: 'busybox', command: ['sleep', '600'], env }];
    try {
      s2.upsert({ metadata: { namespace: 'default', name: 'slow', uid: 'uid-join-slow' }, spec: { terminationGracePeriodSeconds: 1, containers: container([{ name: 'K', valueFrom: { configMapKeyRef: { name: 'slow', key: 'k' } } }]) } });
      await new Promise((r) => setTimeout(r, 200));
      s2.upsert({ metadata: { namespace: 'default', name: 'quick', uid: 'uid-join-quick' }, spec: { terminationGracePeriodSeconds: 1, containers: container() } });
      await until(() => seen.some((r) => r.pod.metadata.name === 'quick' && r.status.phase === 'Running'));
      expect(cmServed).toBe(false); // B ran while A's pass was still on
      await until(() => seen.some((r) => r.pod.metadata.name === 'slow' && r.status.phase === 'Running'));
    } finally {
      s2.stop();
      for (const c of await rt2.listContainers()) await rt2.stopContainer(c.id, 0).catch(() => undefined);
      for (const sb of await rt2.listSandboxes()) await rt2.removeSandbox(sb.uid).catch(() => undefined);
      rmSync(dir2, { recursive: true, force: true });
    }
  });
});
