/** A request the Raft node could not carry out; `code` says why, for callers to branch on. */
export class RaftNodeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RaftNodeError';
  }
}
