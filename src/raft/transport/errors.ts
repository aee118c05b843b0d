import { status } from '@grpc/grpc-js';
import type { NodeId } from '../core/types.ts';

/**
 * Why the receiving side refused a peer's stream or snapshot. It doubles as the gRPC
 * server error: grpc-js reads `code` and `details` from it to end the call with that status.
 */
export class PeerRejectedError extends Error {
  override readonly name = 'PeerRejectedError';
  readonly details: string;

  constructor(
    readonly code: status,
    message: string,
    /** What the rejection was about (ids, sizes), for the structured log line. */
    readonly context: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.details = message;
  }
}

/** A wire value that has no faithful core representation (unknown enum, id beyond 2^53). */
export class CodecError extends Error {
  override readonly name = 'CodecError';

  constructor(
    message: string,
    /** Dotted path of the offending field, e.g. "messages[3].entries[0].type". */
    readonly field: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Options that cannot work together (caught in the constructor, before any socket opens). */
export class TransportConfigError extends Error {
  override readonly name = 'TransportConfigError';
}

/** A snapshot that did not reach its peer; Raft will retry through its own progress tracking. */
export class SnapshotSendError extends Error {
  override readonly name = 'SnapshotSendError';

  constructor(
    message: string,
    readonly peer: NodeId,
    /** The gRPC status the call ended with, when it got that far. */
    readonly code: status | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
