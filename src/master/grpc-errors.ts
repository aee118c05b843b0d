// RaftNodeError codes as gRPC statuses. The code tells a client what to do next: retry soon
// (UNAVAILABLE), ask the leader (FAILED_PRECONDITION), slow down (RESOURCE_EXHAUSTED), or
// find out whether its write landed (DEADLINE_EXCEEDED: the entry may still commit).
import { status, type ServerErrorResponse } from '@grpc/grpc-js';
import { RaftNodeError } from '../raft/node/errors.ts';

const BY_CODE: Record<string, { code: status; message?: string }> = {
  'no-leader': { code: status.UNAVAILABLE, message: 'no leader' },
  'transfer-in-progress': { code: status.UNAVAILABLE, message: 'leadership transfer in progress' },
  stopped: { code: status.UNAVAILABLE, message: 'member is stopping' },
  failed: { code: status.UNAVAILABLE },
  'not-leader': { code: status.FAILED_PRECONDITION, message: 'not the leader' },
  'conf-change-pending': { code: status.FAILED_PRECONDITION, message: 'a membership change is still pending' },
  'invalid-conf-change': { code: status.INVALID_ARGUMENT },
  'too-many-uncommitted': { code: status.RESOURCE_EXHAUSTED, message: 'too much uncommitted data at the leader' },
  'too-many-reads': { code: status.RESOURCE_EXHAUSTED, message: 'too many pending reads' },
  timeout: { code: status.DEADLINE_EXCEEDED },
};

/** An error a handler may hand to grpc-js: a status code and the text the client sees. */
export class ControlError extends Error implements ServerErrorResponse {
  override readonly name = 'ControlError';
  readonly details: string;

  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.details = message;
  }
}

export function toControlError(err: unknown): ControlError {
  if (err instanceof ControlError) return err;
  if (err instanceof RaftNodeError) {
    const m = BY_CODE[err.code];
    if (m) return new ControlError(m.code, m.message ? `${m.message} (${err.message})` : err.message);
    return new ControlError(status.INTERNAL, `raft: ${err.message}`);
  }
  return new ControlError(status.INTERNAL, `internal error: ${err instanceof Error ? err.message : String(err)}`);
}
