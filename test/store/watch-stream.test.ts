// Watch streams of a real master (in this process, one member): a client that stops reading
// is cancelled with a reason once its stream's queue passes the bound, while another watcher
// and the writers go on unhindered; progress notifications, on a timer and on request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KVClient } from '../../src/gen/etcdserverpb/KV.ts';
import type { WatchClient } from '../../src/gen/etcdserverpb/Watch.ts';
import type { WatchResponse__Output } from '../../src/gen/etcdserverpb/WatchResponse.ts';
import type { RunningMaster } from '../../src/master/master.ts';
import { waitFor } from '../cli/harness.ts';
import { kvClient, watchClient } from './etcd-clients.ts';
import { startSingleMaster, type SingleMaster } from './single-master.ts';

const MAX_QUEUED = 64;

describe('watch streams of a running master', () => {
  let single: SingleMaster;
  let master: RunningMaster;
  let endpoint: string;
  const channels: { close(): void }[] = [];

  beforeAll(async () => {
    single = await startSingleMaster([], (cfg) => ({ ...cfg, watch: { maxQueuedResponses: MAX_QUEUED, maxWatchersPerStream: 100, progressIntervalMs: 300 } }));
    master = single.master;
    endpoint = single.endpoint;
  });
  afterAll(async () => {
    for (const c of channels) c.close();
    await single.stop();
  });

  const kv = (): KVClient => {
    const c = kvClient(endpoint);
    channels.push(c);
    return c;
  };
  const watcher = (): WatchClient => {
    const c = watchClient(endpoint);
    channels.push(c);
    return c;
  };
  const put = (c: KVClient, key: string, value: Buffer) =>
    new Promise<void>((resolve, reject) => c.Put({ key: Buffer.from(key), value }, (err) => (err ? reject(err) : resolve())));

  it('cancels the watchers of a stream whose client stopped reading, with a reason; others and writers go on', async () => {
    const slowCall = watcher().Watch();
    const slow: WatchResponse__Output[] = [];
    slowCall.on('data', (r: WatchResponse__Output) => slow.push(r));
    slowCall.on('error', () => undefined);
    slowCall.write({ createRequest: { key: Buffer.from('slow/'), rangeEnd: Buffer.from('slow0') } });
    await waitFor(async () => (slow.some((r) => r.created) ? true : undefined), 5000, () => 'slow watch not created');
    slowCall.pause(); // stop reading: HTTP/2 flow control backs up into the server's queue

    const fastCall = watcher().Watch();
    let fastEvents = 0;
    fastCall.on('data', (r: WatchResponse__Output) => (fastEvents += r.events.length));
    fastCall.on('error', () => undefined);
    fastCall.write({ createRequest: { key: Buffer.from('slow/'), rangeEnd: Buffer.from('slow0') } });

    const writer = kv();
    const big = Buffer.alloc(16 * 1024, 7);
    const N = 600;
    for (let i = 0; i < N; i += 20) await Promise.all(Array.from({ length: 20 }, (_, j) => put(writer, `slow/${i + j}`, big)));

    // Every write was acknowledged, and the reading watcher saw every one of them.
    await waitFor(async () => (fastEvents === N ? true : undefined), 20_000, () => `fast watcher saw ${fastEvents}/${N}`);
    slowCall.resume();
    const canceled = await waitFor(async () => slow.find((r) => r.canceled), 20_000, () => `slow watcher got ${slow.length} responses, none canceled`);
    expect(canceled.cancelReason).toMatch(/too slow/);
    expect(canceled.cancelReason).toMatch(new RegExp(`limit ${MAX_QUEUED}`));
    // What it did get before the cut was in order, with no gap.
    const revs = slow.flatMap((r) => r.events.map((e) => e.kv!.modRevision));
    for (let i = 1; i < revs.length; i++) expect(revs[i]).toBe(revs[i - 1] + 1);
    expect(revs.length).toBeLessThan(N);
    slowCall.cancel();
    fastCall.cancel();
  }, 60_000);

  it('sends progress notifications on the timer, and on request for the whole stream', async () => {
    const call = watcher().Watch();
    const got: WatchResponse__Output[] = [];
    call.on('data', (r: WatchResponse__Output) => got.push(r));
    call.on('error', () => undefined);
    call.write({ createRequest: { key: Buffer.from('quiet/'), rangeEnd: Buffer.from('quiet0'), progressNotify: true } });
    const created = await waitFor(async () => got.find((r) => r.created), 5000, () => 'not created');
    await put(kv(), 'elsewhere', Buffer.from('x'));
    const notify = await waitFor(async () => got.find((r) => !r.created && !r.canceled && r.events.length === 0 && r.watchId === created.watchId), 5000, () => `no progress notification in ${JSON.stringify(got)}`);
    // The notification carries the store's revision: the write elsewhere is covered.
    expect(notify.header!.revision).toBeGreaterThan(created.header!.revision);
    call.write({ progressRequest: {} });
    const onRequest = await waitFor(async () => got.find((r) => r.watchId === -1), 5000, () => 'no answer to the progress request');
    expect(onRequest.header!.revision).toBe(master.registry.sm.mvcc.revision);
    call.cancel();
  });
});
