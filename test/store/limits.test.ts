// Limits of a running master (in this process, one member): the backend quota raises NOSPACE
// and refuses writes until space is freed and the alarm disarmed; request size; automatic
// compaction by revision.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KVClient } from '../../src/gen/etcdserverpb/KV.ts';
import type { MaintenanceClient } from '../../src/gen/etcdserverpb/Maintenance.ts';
import type { RunningMaster } from '../../src/master/master.ts';
import { waitFor } from '../cli/harness.ts';
import { call, kvClient, maintenanceClient } from './etcd-clients.ts';
import { startSingleMaster, type SingleMaster } from './single-master.ts';

describe('limits of a running master', () => {
  let single: SingleMaster;
  let master: RunningMaster;
  let kv: KVClient;
  let maint: MaintenanceClient;

  beforeAll(async () => {
    single = await startSingleMaster(['--quota-backend-bytes=300000', '--max-request-bytes=65536', '--auto-compaction-mode=revision', '--auto-compaction-retention=20']);
    master = single.master;
    kv = kvClient(single.endpoint);
    maint = maintenanceClient(single.endpoint);
  });
  afterAll(async () => {
    kv.close();
    maint.close();
    await single.stop();
  });

  const put = (key: string, size: number) => call((cb) => kv.Put({ key: Buffer.from(key), value: Buffer.alloc(size, 1) }, cb));

  it('refuses a request over --max-request-bytes with etcd error, and stores nothing', async () => {
    const before = master.registry.sm.mvcc.revision;
    const err = (await put('big', 70_000).catch((e: unknown) => e)) as grpc.ServiceError;
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err.details).toBe('etcdserver: request is too large');
    expect(master.registry.sm.mvcc.revision).toBe(before);
  });

  it('raises NOSPACE past the quota: writes refused, reads served; freed space and a disarmed alarm let writes in again', async () => {
    let err: grpc.ServiceError | undefined;
    for (let i = 0; i < 100 && !err; i++) err = await put(`fill/${i % 3}`, 20_000).then(() => undefined, (e: grpc.ServiceError) => e);
    expect(err?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(err?.details).toBe('etcdserver: mvcc: database space exceeded');
    const alarms = await call<{ alarms: { alarm: number }[] }>((cb) => maint.Alarm({ action: 0 }, cb as never));
    expect(alarms.alarms.map((a) => a.alarm)).toEqual([1]);
    // Even a small write is refused while the alarm is raised; reads still work.
    const small = (await put('tiny', 1).catch((e: unknown) => e)) as grpc.ServiceError;
    expect(small.details).toBe('etcdserver: mvcc: database space exceeded');
    const r = await call<{ count: number }>((cb) => kv.Range({ key: Buffer.from('fill/'), rangeEnd: Buffer.from('fill0'), countOnly: true }, cb as never));
    expect(r.count).toBe(3);
    // Free space: delete, compact away the history; then disarm.
    const del = await call<{ header: { revision: number } }>((cb) => kv.DeleteRange({ key: Buffer.from('fill/'), rangeEnd: Buffer.from('fill0') }, cb as never));
    await call((cb) => kv.Compact({ revision: del.header.revision }, cb));
    await call((cb) => maint.Alarm({ action: 2, memberID: master.node.id, alarm: 1 }, cb));
    await put('tiny', 1);
  });

  it('compacts automatically in revision mode, keeping the last --auto-compaction-retention revisions', async () => {
    for (let i = 0; i < 60; i++) await put(`auto/${i % 5}`, 10);
    const rev = master.registry.sm.mvcc.revision;
    await waitFor(async () => (master.registry.sm.mvcc.compactRevision >= rev - 20 ? true : undefined), 20_000, () => `compacted only to ${master.registry.sm.mvcc.compactRevision}, current ${rev}`);
    const err = (await call((cb) => kv.Range({ key: Buffer.from('auto/0'), revision: rev - 25 }, cb)).catch((e: unknown) => e)) as grpc.ServiceError;
    expect(err.details).toBe('etcdserver: mvcc: required revision has been compacted');
    // The retained window is still readable.
    await call((cb) => kv.Range({ key: Buffer.from('auto/0'), revision: rev - 15 }, cb));
  }, 30_000);
});
