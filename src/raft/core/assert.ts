/** A broken internal invariant: the peer must stop rather than go on with corrupt state. */
export class RaftInvariantError extends Error {
  constructor(message: string) {
    super(`raft invariant violated: ${message}`);
    this.name = 'RaftInvariantError';
  }
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new RaftInvariantError(message);
}
