// Refusals of the resource API: a Kubernetes reason (what clients branch on), the gRPC code it
// travels as, and a message a user can act on. Validation errors list every bad field.
import { Metadata, status } from '@grpc/grpc-js';

export type ApiReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'Gone'
  | 'MethodNotAllowed'
  | 'RequestEntityTooLarge'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'TooManyRequests'
  | 'InternalError'
  /** shoal's own: a leader-elected writer's epoch has passed (it was deposed). */
  | 'Fenced';

const CODES: Record<ApiReason, status> = {
  NotFound: status.NOT_FOUND,
  AlreadyExists: status.ALREADY_EXISTS,
  Conflict: status.ABORTED,
  Invalid: status.INVALID_ARGUMENT,
  BadRequest: status.INVALID_ARGUMENT,
  Forbidden: status.FAILED_PRECONDITION,
  Gone: status.OUT_OF_RANGE,
  MethodNotAllowed: status.UNIMPLEMENTED,
  RequestEntityTooLarge: status.INVALID_ARGUMENT,
  ServiceUnavailable: status.UNAVAILABLE,
  Timeout: status.DEADLINE_EXCEEDED,
  TooManyRequests: status.RESOURCE_EXHAUSTED,
  InternalError: status.INTERNAL,
  Fenced: status.FAILED_PRECONDITION,
};

export const REASON_TRAILER = 'shoal-reason';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: status;
  readonly details: string;
  readonly metadata = new Metadata();

  constructor(
    readonly reason: ApiReason,
    message: string,
  ) {
    super(message);
    this.code = CODES[reason];
    this.details = message;
    this.metadata.set(REASON_TRAILER, reason);
  }
}

export interface FieldError {
  path: string;
  reason: string;
}

/** At most this many field errors are listed (the count of the rest is given). */
const MAX_LISTED_FIELD_ERRORS = 50;

/** INVALID_ARGUMENT naming every bad field, one per line after the summary. */
export function invalid(kind: string, name: string, errors: FieldError[]): ApiError {
  const lines = errors.slice(0, MAX_LISTED_FIELD_ERRORS).map((e) => `* ${e.path}: ${e.reason}`);
  if (errors.length > MAX_LISTED_FIELD_ERRORS) lines.push(`* ... and ${errors.length - MAX_LISTED_FIELD_ERRORS} more`);
  const what = name ? `${kind} "${name}"` : kind;
  return new ApiError('Invalid', `${what} is invalid:\n${lines.join('\n')}`);
}
