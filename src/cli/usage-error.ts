/**
 * A command line the command cannot run with. The CLI prints the message and exits 2 (the
 * usual "usage" status), so scripts can tell a bad invocation from a failed run.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The flag at fault, with its dashes ("--election-timeout"), when there is one. */
    readonly flag?: string,
  ) {
    super(message);
  }
}

/** Exit status for a usage error. */
export const EXIT_USAGE = 2;
