// The little of the etcd v3 API the CLI itself uses (a master's client port speaks it).
import * as grpc from '@grpc/grpc-js';
import type { KVClient } from '../gen/etcdserverpb/KV.ts';
import { etcdProto } from '../store/etcd/etcd-proto.ts';

export class EtcdKv {
  private readonly kv: KVClient;

  constructor(
    readonly endpoint: string,
    private readonly timeoutMs = 2000,
  ) {
    this.kv = new (etcdProto().KV)(endpoint, grpc.credentials.createInsecure());
  }

  /** Resolves with the revision the put created. */
  put(key: string, value: string): Promise<number> {
    return new Promise((resolve, reject) =>
      this.kv.Put({ key: Buffer.from(key), value: Buffer.from(value) }, { deadline: Date.now() + this.timeoutMs }, (err, res) =>
        err ? reject(new Error(err.details || err.message)) : resolve(res!.header!.revision),
      ),
    );
  }

  close(): void {
    this.kv.close();
  }
}
