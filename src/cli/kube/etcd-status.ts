// A master's etcd Maintenance Status (db size, leader, alarms): what `cluster status` adds to
// the Raft view. Every call has a deadline, so a dead master is an error row, not a hang.
import * as grpc from '@grpc/grpc-js';
import type { StatusResponse__Output } from '../../gen/etcdserverpb/StatusResponse.ts';
import { etcdProto } from '../../store/etcd/etcd-proto.ts';

export type EtcdStatus = { endpoint: string; status: StatusResponse__Output } | { endpoint: string; error: string };

export function etcdStatuses(endpoints: string[], timeoutMs: number): Promise<EtcdStatus[]> {
  return Promise.all(
    endpoints.map(
      (endpoint) =>
        new Promise<EtcdStatus>((resolve) => {
          const client = new (etcdProto().Maintenance)(endpoint, grpc.credentials.createInsecure(), { 'grpc.initial_reconnect_backoff_ms': 100, 'grpc.max_reconnect_backoff_ms': 1000 });
          client.Status({}, { deadline: Date.now() + timeoutMs }, (err, res) => {
            client.close();
            resolve(err ? { endpoint, error: err.details || err.message } : { endpoint, status: res! });
          });
        }),
    ),
  );
}

/** "healthy", or why not (no leader known, alarms raised, no answer). */
export function health(s: EtcdStatus | undefined): string {
  if (!s) return 'unknown';
  if ('error' in s) return 'unhealthy: no answer';
  if (!Number(s.status.leader)) return 'unhealthy: no leader';
  if (s.status.errors.length > 0) return `unhealthy: ${s.status.errors.join('; ')}`;
  return 'healthy';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
