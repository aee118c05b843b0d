// What every etcd unary handler shares: the caller's deadline, and turning any failure into a
// status etcd clients understand (an unexpected one is logged and sent as INTERNAL).
import { status, type sendUnaryData, type ServerErrorResponse, type ServerUnaryCall } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { EtcdError } from './etcd-errors.ts';

const DEFAULT_TIMEOUT_MS = 5000;
const MAX_TIMEOUT_MS = 60_000;

/** What the client allowed (its deadline), bounded; 5 s if it set none. */
export function timeoutOf(call: { getDeadline(): Date | number }): number {
  const deadline = call.getDeadline();
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  if (!Number.isFinite(at)) return DEFAULT_TIMEOUT_MS;
  return Math.max(1, Math.min(MAX_TIMEOUT_MS, at - Date.now()));
}

export function toServiceError(err: unknown, log: Logger, rpc: string): ServerErrorResponse {
  if (err instanceof EtcdError) {
    log.debug({ event: 'etcd-call-refused', rpc, error: err.etcdName, detail: err.detail }, 'etcd call refused');
    return err;
  }
  log.warn({ event: 'etcd-call-failed', rpc, err }, 'etcd call failed unexpectedly');
  const message = `etcdserver: internal error: ${err instanceof Error ? err.message : String(err)}`;
  return Object.assign(new Error(message), { code: status.INTERNAL, details: message });
}

/** Wraps an async handler as a grpc-js unary one. */
export function unary<Req, Res>(log: Logger, rpc: string, fn: (req: Req, timeoutMs: number) => Promise<Res>) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    let p: Promise<Res>;
    try {
      p = fn(call.request, timeoutOf(call));
    } catch (err) {
      callback(toServiceError(err, log, rpc));
      return;
    }
    p.then(
      (res) => callback(null, res),
      (err: unknown) => callback(toServiceError(err, log, rpc)),
    );
  };
}
