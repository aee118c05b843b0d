// How the kubectl-like commands report failures: one line on stderr in kubectl's words, and
// the exit status main.ts uses (1 for a failed call; usage errors are thrown to main.ts, 2).
import { status } from '@grpc/grpc-js';
import { ApiCallError } from '../api-client.ts';

/** A failure that is not the server's (a missing file, an unknown type): "error: ..." and exit 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

/** The line kubectl would print; `context` says what was being done ("error when applying "x.yaml"). */
export function describeError(err: unknown, context?: string): string {
  const pre = context ? `${context}: ` : '';
  if (err instanceof ApiCallError) {
    // No reason from a server: the call never reached one that answered.
    // grpc-js may end its message with an empty "Resolution note:"; it says nothing.
    if (err.reason === 'Unavailable' && err.code === status.UNAVAILABLE) return `Unable to connect to the server: ${pre}${err.message.replace(/\.?\s*Resolution note:\s*$/, '')}`;
    // grpc-js's own deadline ("Deadline exceeded after 10.001s"): the master never answered.
    // Its details go on with timings of each stage (",name resolution: 0.011s,..."): cut there.
    if (err.code === status.DEADLINE_EXCEEDED && /^Deadline exceeded/.test(err.message)) return `Unable to connect to the server: ${pre}${err.endpoint} did not answer in time (${err.message.split(',')[0]})`;
    // Validation errors are several lines ("... is invalid:\n* spec.x: ..."): printed as they come.
    return `Error from server (${err.reason}): ${pre}${err.message}`;
  }
  if (err instanceof CommandError) return `error: ${pre}${err.message}`;
  return `error: ${pre}${err instanceof Error ? err.message : String(err)}`;
}

export function isReason(err: unknown, reason: string): err is ApiCallError {
  return err instanceof ApiCallError && err.reason === reason;
}
