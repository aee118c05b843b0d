// Store refusals in the API's terms.
import { KvError } from '../../store/client/kv-client.ts';
import { ApiError } from './api-errors.ts';

export function fromKvError(err: unknown): unknown {
  if (!(err instanceof KvError)) return err;
  switch (err.kind) {
    case 'compacted':
      return new ApiError('Gone', `the requested resourceVersion is too old (history compacted at ${err.compactRevision || 'a later revision'}); list again`);
    case 'future-revision':
      return new ApiError('Timeout', `too large resource version: ${err.message}`);
    case 'unavailable':
      return new ApiError('ServiceUnavailable', `the registry is unavailable (${err.message}); retry, perhaps on another master`);
    case 'timeout':
      return new ApiError('Timeout', `the write was not committed in time (${err.message}); it may still take effect`);
    case 'too-large':
      return new ApiError('RequestEntityTooLarge', `request is too large: ${err.message}`);
    case 'no-space':
      return new ApiError('TooManyRequests', `the registry is out of space: ${err.message}`);
    case 'overloaded':
      return new ApiError('TooManyRequests', `the registry is overloaded: ${err.message}; retry later`);
    default:
      return new ApiError('InternalError', err.message);
  }
}
