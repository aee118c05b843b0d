// One client for both targets: shoal masters and real etcd speak the same etcd v3 gRPC API,
// so every benchmark drives them with this same code (etcd's schema, from the etcd3 package).
import * as grpc from '@grpc/grpc-js';
import type { KVClient } from '../../src/gen/etcdserverpb/KV.ts';
import type { MaintenanceClient } from '../../src/gen/etcdserverpb/Maintenance.ts';
import type { WatchClient } from '../../src/gen/etcdserverpb/Watch.ts';
import type { WatchResponse__Output } from '../../src/gen/etcdserverpb/WatchResponse.ts';
import { etcdProto } from '../../src/store/etcd/etcd-proto.ts';
import type { BenchClient } from './cluster.ts';

const MiB = 1024 * 1024;

export class EtcdApiClient implements BenchClient {
  readonly kv: KVClient;
  readonly maint: MaintenanceClient;
  readonly watchClient: WatchClient;

  constructor(
    readonly endpoint: string,
    private readonly timeoutMs = 5000,
  ) {
    const p = etcdProto();
    const creds = grpc.credentials.createInsecure();
    // A channel of its own per client object (no sharing through grpc's subchannel pool), so
    // N client objects are N connections, as N etcd clients would be.
    const opts = { 'grpc.use_local_subchannel_pool': 1, 'grpc.max_receive_message_length': 16 * MiB };
    this.kv = new p.KV(endpoint, creds, opts);
    this.maint = new p.Maintenance(endpoint, creds, opts);
    this.watchClient = new p.Watch(endpoint, creds, opts);
  }

  put(key: string, value: Uint8Array, timeoutMs = this.timeoutMs): Promise<void> {
    return new Promise((resolve, reject) =>
      this.kv.Put({ key: Buffer.from(key), value: Buffer.from(value) }, { deadline: Date.now() + timeoutMs }, (err) => (err ? reject(err) : resolve())),
    );
  }

  get(key: string, serializable: boolean, timeoutMs = this.timeoutMs): Promise<number> {
    return new Promise((resolve, reject) =>
      this.kv.Range({ key: Buffer.from(key), serializable }, { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res!.count))),
    );
  }

  status(): Promise<{ id: string; leader: string; term: number }> {
    return new Promise((resolve, reject) =>
      this.maint.Status({}, { deadline: Date.now() + this.timeoutMs }, (err, res) =>
        err ? reject(err) : resolve({ id: String(res!.header!.memberId), leader: String(res!.leader), term: Number(res!.raftTerm) }),
      ),
    );
  }

  /** A watch on a prefix from now on; `onEvents` gets each response's event count. */
  watchPrefix(prefix: string, onEvents: (n: number, res: WatchResponse__Output) => void): { created: Promise<void>; close(): void } {
    const call = this.watchClient.Watch();
    const end = Buffer.from(prefix);
    end[end.length - 1]++;
    let created!: () => void;
    const createdP = new Promise<void>((r) => (created = r));
    call.on('data', (res: WatchResponse__Output) => {
      if (res.created) created();
      if (res.events.length > 0) onEvents(res.events.length, res);
    });
    call.on('error', () => undefined);
    call.write({ createRequest: { key: Buffer.from(prefix), rangeEnd: end } });
    return { created: createdP, close: () => call.cancel() };
  }

  close(): void {
    this.kv.close();
    this.maint.close();
    this.watchClient.close();
  }
}
