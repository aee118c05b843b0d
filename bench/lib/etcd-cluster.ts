import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { EtcdApiClient } from './etcd-api-client.ts';
import { ProcessCluster, type ProcessMember } from './process-cluster.ts';

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

  client(endpoint: string, timeoutMs = 1000): EtcdApiClient {
    return new EtcdApiClient(endpoint, timeoutMs);
  }
}
