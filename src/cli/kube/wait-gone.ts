// Waiting until deleted objects are gone from the registry (delete --wait, drain), with a
// bound: an object that a finalizer or a node agent still holds must not hang the command.
import type { ApiClient } from '../api-client.ts';
import { isReason } from './errors.ts';
import { Progress } from './progress.ts';
import { objectName, type KindInfo } from './resources.ts';

export interface Pending {
  kind: KindInfo;
  namespace: string;
  name: string;
  /** The deleted object's uid: an object of the same name with another uid is a new one. */
  uid?: string;
  /** What keeps it from going, in words, when known. */
  heldBy?: string;
}

const POLL_MS = 250;

/** Resolves with the objects still there when `timeoutMs` ran out (empty: all gone). */
export interface WaitOptions {
  /** Why an object may be slow to go, shown with the progress line. */
  hint?: (p: Pending) => string;
  /** Told of each object as it goes. */
  onGone?: (p: Pending) => void;
}

export async function waitGone(client: ApiClient, pending: Pending[], timeoutMs: number, opts: WaitOptions = {}): Promise<Pending[]> {
  const { hint, onGone } = opts;
  const progress = new Progress();
  const deadline = Date.now() + timeoutMs;
  let left = [...pending];
  for (;;) {
    const still: Pending[] = [];
    for (const p of left) {
      try {
        const obj = await client.get(p.kind.resource, p.namespace, p.name);
        if (!p.uid || obj.metadata?.uid === p.uid) still.push(p);
        else onGone?.(p);
      } catch (err) {
        if (!isReason(err, 'NotFound')) throw err;
        onGone?.(p);
      }
    }
    left = still;
    if (left.length === 0 || Date.now() >= deadline) return left;
    const names = left.slice(0, 3).map((p) => objectName(p.kind, p.name));
    const more = left.length > 3 ? ` and ${left.length - 3} more` : '';
    progress.say(`waiting for ${left.length === 1 ? '' : `${left.length} objects: `}${names.join(', ')}${more} to be deleted${hint ? `; ${hint(left[0])}` : ''}`);
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}
