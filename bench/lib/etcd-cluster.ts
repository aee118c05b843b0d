import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { BenchClient } from './cluster.ts';
import { ProcessCluster, type ProcessMember } from './process-cluster.ts';

const require = createRequire(import.meta.url);
const protoDir = path.dirname(require.resolve('etcd3/proto/rpc.proto'));

// etcd's own wire schema, as the etcd3 package ships it: this is the real etcd API.
const pkg = grpc.loadPackageDefinition(
  protoLoader.loadSync(path.join(protoDir, 'rpc.proto'), { keepCase: true, longs: Number, defaults: true, includeDirs: [protoDir] }),
) as any;

/**
 * A real etcd (Debian's etcd-server) group on loopback, with its default timing (heartbeat
 * 100 ms, election 1000 ms) unless told otherwise: the peer shoal is measured against.
 */
export class EtcdCluster extends ProcessCluster {
  readonly kind = 'etcd';

  protected launch(m: ProcessMember, state: 'new' | 'existing'): void {
    const out = openSync(path.join(this.root, `${m.name}.log`), 'a');
    m.proc = spawn(
      'etcd',
      [
        ...this.placementFlags(m, state),
        ...this.extraFlags,
      ],
      { stdio: ['ignore', out, out] },
    );
  }

  client(endpoint: string, timeoutMs = 1000): BenchClient {
    const kv = new pkg.etcdserverpb.KV(endpoint, grpc.credentials.createInsecure());
    const maint = new pkg.etcdserverpb.Maintenance(endpoint, grpc.credentials.createInsecure());
    return {
      endpoint,
      put: (key: string, value: Uint8Array, timeoutMs: number) =>
        new Promise<void>((resolve, reject) =>
          kv.Put({ key: Buffer.from(key), value: Buffer.from(value) }, { deadline: Date.now() + timeoutMs }, (err: Error | null) =>
            err ? reject(err) : resolve(),
          ),
        ),
      status: () =>
        new Promise((resolve, reject) =>
          maint.Status({}, { deadline: Date.now() + timeoutMs }, (err: Error | null, res: any) =>
            err ? reject(err) : resolve({ id: String(res.header.member_id), leader: String(res.leader), term: Number(res.raftTerm ?? res.raft_term ?? 0) }),
          ),
        ),
      close: () => {
        kv.close();
        maint.close();
      },
    };
  }
}
