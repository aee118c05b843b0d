// The JSON merge patch (RFC 7386) that turns one document into another: what `rollout undo`
// sends to put an old pod template back, removing what the current one added.
import type { Obj } from '../api-client.ts';

const isPlain = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlain(a) && isPlain(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A patch p with merge(from, p) == to; undefined when they are equal. Arrays are replaced whole. */
export function mergeDiff(from: unknown, to: unknown): unknown {
  if (!isPlain(from) || !isPlain(to)) return deepEqual(from, to) ? undefined : to;
  const patch: Obj = {};
  for (const k of Object.keys(from)) if (!(k in to)) patch[k] = null;
  for (const [k, v] of Object.entries(to)) {
    if (!(k in from)) patch[k] = v;
    else {
      const d = mergeDiff(from[k], v);
      if (d !== undefined) patch[k] = d;
    }
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}
