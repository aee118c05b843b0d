// What the client-port tests share: etcd v3 gRPC clients of one endpoint (each on its own
// connection, as separate etcd clients would be), a promise wrapper for grpc-js callbacks,
// and the real etcdctl.
import { spawn } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import type { KVClient } from '../../src/gen/etcdserverpb/KV.ts';
import type { LeaseClient } from '../../src/gen/etcdserverpb/Lease.ts';
import type { MaintenanceClient } from '../../src/gen/etcdserverpb/Maintenance.ts';
import type { WatchClient } from '../../src/gen/etcdserverpb/Watch.ts';
import { etcdProto } from '../../src/store/etcd/etcd-proto.ts';

const OWN_CONNECTION = { 'grpc.use_local_subchannel_pool': 1 };
const insecure = () => grpc.credentials.createInsecure();

export const kvClient = (endpoint: string): KVClient => new (etcdProto().KV)(endpoint, insecure(), OWN_CONNECTION);
export const maintenanceClient = (endpoint: string): MaintenanceClient => new (etcdProto().Maintenance)(endpoint, insecure(), OWN_CONNECTION);
export const watchClient = (endpoint: string): WatchClient => new (etcdProto().Watch)(endpoint, insecure(), OWN_CONNECTION);
export const leaseClient = (endpoint: string): LeaseClient => new (etcdProto().Lease)(endpoint, insecure(), OWN_CONNECTION);

export const call = <T>(fn: (cb: (err: grpc.ServiceError | null, res?: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, res) => (err ? reject(err) : resolve(res as T))));

export const ETCDCTL = '/usr/bin/etcdctl';
/** Generous: two cores, shared with other processes. */
export const CTL_TIMEOUTS = ['--dial-timeout=5s', '--command-timeout=20s'];

export interface CtlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs etcdctl (API v3) against `endpoints`, feeding `input` on stdin. */
export function ctlRaw(endpoints: string[], args: string[], input?: string): Promise<CtlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(ETCDCTL, [`--endpoints=${endpoints.join(',')}`, ...CTL_TIMEOUTS, ...args], {
      env: { ...process.env, ETCDCTL_API: '3' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
    // etcdctl may exit before reading its input (a refused command): that is its answer, not an error here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** etcdctl's stdout; a non-zero exit is an error carrying its stderr. */
export async function ctl(endpoints: string[], args: string[]): Promise<string> {
  const r = await ctlRaw(endpoints, args);
  if (r.code !== 0) throw new Error(`etcdctl ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}
