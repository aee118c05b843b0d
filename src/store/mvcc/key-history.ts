/** One key's versions, oldest first. A tombstone (deleted) ends a generation. */
export interface Version {
  revision: number;
  /** Order of this change within its batch (etcd's sub-revision): events of one revision follow it. */
  sub: number;
  /** Absent for a tombstone. */
  live?: { value: Uint8Array; createRevision: number; version: number; lease: number };
}

export class KeyHistory {
  readonly versions: Version[] = [];

  /** The version visible at `revision` (the last one at or before it), or undefined. */
  at(revision: number): Version | undefined {
    const v = this.versions;
    let lo = 0;
    let hi = v.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid].revision <= revision) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? undefined : v[found];
  }

  latest(): Version | undefined {
    return this.versions[this.versions.length - 1];
  }

  /**
   * Forget versions no reader at or after `revision` can see: everything before the one
   * visible at `revision`, and that one too if it is a tombstone. Returns true if empty.
   */
  compact(revision: number, removed?: (revision: number) => void): boolean {
    const v = this.versions;
    let keepFrom = -1;
    for (let i = v.length - 1; i >= 0; i--) {
      if (v[i].revision <= revision) {
        keepFrom = i;
        break;
      }
    }
    if (keepFrom > 0) for (const gone of v.splice(0, keepFrom)) removed?.(gone.revision);
    if (keepFrom >= 0 && v[0] && v[0].revision <= revision && !v[0].live) {
      // Not `removed?.(v.shift()...)`: an optional call skips its arguments when there is no callback.
      const gone = v.shift()!;
      removed?.(gone.revision);
    }
    return v.length === 0;
  }
}
