// The KV workload of a chaos run: clients on the etcd v3 API doing put, linearizable get and
// compare-and-swap against random masters, every call written down for the linearizability
// checker; and watchers that follow the key prefix across reconnects, checked for order, gaps
// and duplicates against the revisions of acknowledged writes.
import * as grpc from '@grpc/grpc-js';
import type { KVClient } from '../src/gen/etcdserverpb/KV.ts';
import type { WatchClient } from '../src/gen/etcdserverpb/Watch.ts';
import type { WatchResponse__Output } from '../src/gen/etcdserverpb/WatchResponse.ts';
import { Prng } from '../src/raft/sim/prng.ts';
import { etcdProto } from '../src/store/etcd/etcd-proto.ts';
import { HistoryRecorder } from './history-recorder.ts';
import type { Anomaly } from './run-model.ts';

const OP_TIMEOUT_MS = 1500;
const OWN_CONNECTION = { 'grpc.use_local_subchannel_pool': 1, 'grpc.initial_reconnect_backoff_ms': 100, 'grpc.max_reconnect_backoff_ms': 500 };
export const KV_PREFIX = 'chaos/';

const call = <T>(fn: (cb: (err: grpc.ServiceError | null, res?: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, res) => (err ? reject(err) : resolve(res as T))));

/**
 * Refusals that prove the request was never proposed; anything else may have taken effect.
 * Not "server stopped": a master that stops (fail-stop on a full disk) fails its in-flight
 * proposals with it, and those may already sit in the other members' logs and commit.
 */
function definitelyFailed(err: grpc.ServiceError): boolean {
  if (err.code === grpc.status.INVALID_ARGUMENT) return true;
  return /no leader|ECONNREFUSED|No connection established/.test(err.details ?? '');
}

/** The run's seeded random source (the simulator's PRNG), so a seed replays the same choices. */
export function prng(seed: number): () => number {
  const p = new Prng(seed);
  return () => p.next();
}

export interface KvCounters {
  writesOk: number;
  writesFailed: number;
  readsOk: number;
  /** Times (ms since the run started) of successful writes: write availability is read from them. */
  writeTimes: number[];
}

export class KvWorkload {
  readonly recorder: HistoryRecorder;
  readonly counters: KvCounters = { writesOk: 0, writesFailed: 0, readsOk: 0, writeTimes: [] };
  /** Acknowledged puts/CAS-successes: key -> revisions the store gave them (watchers must see each). */
  readonly acked = new Map<number, string>();
  private stopped = false;
  private readonly clients: KVClient[];
  private readonly running: Promise<void>[] = [];
  private counter = 0;

  constructor(
    private readonly endpoints: string[],
    private readonly opts: { clients: number; keys: number; seed: number; now: () => number },
  ) {
    this.recorder = new HistoryRecorder(opts.now);
    this.clients = endpoints.map((e) => new (etcdProto().KV)(e, grpc.credentials.createInsecure(), OWN_CONNECTION));
  }

  start(): void {
    for (let id = 0; id < this.opts.clients; id++) this.running.push(this.worker(id));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
    for (const c of this.clients) c.close();
  }

  private async worker(id: number): Promise<void> {
    const rand = prng(this.opts.seed * 1000 + id);
    const deadline = () => ({ deadline: Date.now() + OP_TIMEOUT_MS });
    while (!this.stopped) {
      const kv = this.clients[Math.floor(rand() * this.clients.length)];
      const key = `${KV_PREFIX}${Math.floor(rand() * this.opts.keys)}`;
      const roll = rand();
      try {
        if (roll < 0.4) {
          const value = `p${id}-${this.counter++}`;
          const op = this.recorder.invoke(id, { kind: 'put', key, value });
          try {
            const res = await call<{ header: { revision: string } }>((cb) => kv.Put({ key: Buffer.from(key), value: Buffer.from(value) }, deadline(), cb as never));
            this.recorder.ok(op);
            this.wrote(Number(res.header.revision), key);
          } catch (err) {
            this.failedWrite(op, err as grpc.ServiceError);
            throw err;
          }
        } else if (roll < 0.75) {
          const op = this.recorder.invoke(id, { kind: 'get', key });
          try {
            const res = await call<{ kvs: { value: Buffer }[] }>((cb) => kv.Range({ key: Buffer.from(key) }, deadline(), cb as never));
            this.recorder.ok(op, res.kvs.length > 0 ? res.kvs[0].value.toString() : null);
            this.counters.readsOk++;
          } catch (err) {
            this.recorder.fail(op); // a failed read changed nothing
            throw err;
          }
        } else {
          const cur = await call<{ kvs: { value: Buffer }[] }>((cb) => kv.Range({ key: Buffer.from(key), serializable: true }, deadline(), cb as never));
          const expected = cur.kvs.length > 0 ? cur.kvs[0].value.toString() : null;
          const value = `c${id}-${this.counter++}`;
          const op = this.recorder.invoke(id, { kind: 'cas', key, expected, value });
          const compare =
            expected === null
              ? { key: Buffer.from(key), target: 1 as const, result: 0 as const, createRevision: 0, targetUnion: 'createRevision' as const }
              : { key: Buffer.from(key), target: 3 as const, result: 0 as const, value: Buffer.from(expected), targetUnion: 'value' as const };
          try {
            const res = await call<{ succeeded: boolean; header: { revision: string } }>((cb) =>
              kv.Txn({ compare: [compare], success: [{ requestPut: { key: Buffer.from(key), value: Buffer.from(value) } }] }, deadline(), cb as never),
            );
            this.recorder.ok(op, res.succeeded);
            if (res.succeeded) this.wrote(Number(res.header.revision), key);
          } catch (err) {
            this.failedWrite(op, err as grpc.ServiceError);
            throw err;
          }
        }
      } catch {
        // A client whose master is down or cut off pauses briefly, then tries another.
        await new Promise((r) => setTimeout(r, 50 + rand() * 100));
      }
    }
  }

  private wrote(revision: number, key: string): void {
    this.counters.writesOk++;
    this.counters.writeTimes.push(this.opts.now());
    this.acked.set(revision, key);
  }

  private failedWrite(op: number, err: grpc.ServiceError): void {
    this.counters.writesFailed++;
    if (definitelyFailed(err)) this.recorder.fail(op);
    else this.recorder.unknown(op);
  }
}

/**
 * A watcher of the workload's prefix that resumes after every broken stream from the revision
 * after the last it saw, on the next master. Each event's revision must be larger than the one
 * before (no duplicate, no reordering, across reconnects too).
 */
export class WatchChecker {
  readonly seen = new Map<number, string>();
  readonly anomalies: Anomaly[] = [];
  events = 0;
  private lastRev = 0;
  /** Highest revision a progress notification said this watcher has seen everything up to. */
  private progressRev = 0;
  private stopped = false;
  private current?: grpc.ClientDuplexStream<unknown, WatchResponse__Output>;
  private readonly clients: WatchClient[];
  private loop?: Promise<void>;

  constructor(
    private readonly endpoints: string[],
    private readonly name: string,
    private readonly now: () => number,
  ) {
    this.clients = endpoints.map((e) => new (etcdProto().Watch)(e, grpc.credentials.createInsecure(), OWN_CONNECTION));
  }

  start(fromRevision: number): void {
    this.lastRev = fromRevision - 1;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.cancel();
    await this.loop;
    for (const c of this.clients) c.close();
  }

  private async run(): Promise<void> {
    let i = 0;
    while (!this.stopped) {
      const client = this.clients[i++ % this.clients.length];
      await this.session(client);
      if (!this.stopped) await new Promise((r) => setTimeout(r, 100));
    }
  }

  private session(client: WatchClient): Promise<void> {
    return new Promise((resolve) => {
      const stream = client.Watch() as unknown as grpc.ClientDuplexStream<unknown, WatchResponse__Output>;
      this.current = stream;
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        clearInterval(alive);
        stream.cancel();
        resolve();
      };
      // A stream to a master that is frozen or cut off stays open and silent: progress
      // requests make a live one answer, and silence for long means move on.
      let lastHeard = Date.now();
      const alive = setInterval(() => {
        if (Date.now() - lastHeard > 3000) end();
        else stream.write({ progressRequest: {} });
      }, 1000);
      stream.on('data', (res: WatchResponse__Output) => {
        lastHeard = Date.now();
        if (res.canceled || Number(res.compactRevision) !== 0) {
          this.anomalies.push({ kind: 'watch-gap', detail: `${this.name}: watch canceled (${res.cancelReason || `compacted at ${res.compactRevision}`}) at revision ${this.lastRev + 1}`, at: this.now() });
          end();
          return;
        }
        // An empty response (progress notification) says everything up to its revision was sent.
        if (res.events.length === 0 && res.header) this.progressRev = Math.max(this.progressRev, Number(res.header.revision));
        for (const ev of res.events) {
          const rev = Number(ev.kv!.modRevision);
          this.events++;
          if (rev === this.lastRev) this.anomalies.push({ kind: 'watch-duplicate', detail: `${this.name}: revision ${rev} delivered twice`, at: this.now() });
          else if (rev < this.lastRev) this.anomalies.push({ kind: 'watch-out-of-order', detail: `${this.name}: revision ${rev} after ${this.lastRev}`, at: this.now() });
          this.lastRev = Math.max(this.lastRev, rev);
          this.seen.set(rev, ev.kv!.key.toString());
        }
      });
      stream.on('error', end);
      stream.on('end', end);
      stream.write({ createRequest: { key: Buffer.from(KV_PREFIX), rangeEnd: Buffer.from(prefixEnd(KV_PREFIX)), startRevision: String(this.lastRev + 1) } });
    });
  }

  /** Acknowledged writes up to `upTo` that this watcher never delivered. */
  missing(acked: ReadonlyMap<number, string>, upTo: number): number[] {
    return [...acked.keys()].filter((rev) => rev <= upTo && !this.seen.has(rev)).sort((a, b) => a - b);
  }

  /** The revision up to which this watcher has seen every event of the prefix. */
  get lastRevision(): number {
    return Math.max(this.lastRev, this.progressRev);
  }
}

function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** The store's current revision through any answering master. */
export async function currentRevision(endpoints: string[]): Promise<number> {
  for (const e of endpoints) {
    const kv = new (etcdProto().KV)(e, grpc.credentials.createInsecure(), OWN_CONNECTION);
    try {
      const res = await call<{ header: { revision: string } }>((cb) => kv.Range({ key: Buffer.from(KV_PREFIX), limit: 1 }, { deadline: Date.now() + 2000 }, cb as never));
      return Number(res.header.revision);
    } catch {
      // next
    } finally {
      kv.close();
    }
  }
  throw new Error('no master answered');
}
