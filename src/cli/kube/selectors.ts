// Label selectors written the way kubectl prints and accepts them ("app=web,tier in (a,b)").
import type { Obj } from '../api-client.ts';

// The server's own rendering (the scale subresource's status.selector), so the two agree.
export { selectorString } from '../../control/api/scale.ts';

/** "k=v,k2=v2" for a label map, or "<none>". */
export function labelsString(labels: Record<string, string> | undefined): string {
  const parts = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '<none>';
}
