// Label selectors written the way kubectl prints and accepts them ("app=web,tier in (a,b)").
import type { Obj } from '../api-client.ts';

/** A LabelSelector object, or a Service's / ReplicationController's plain map, as a string. */
export function selectorString(sel: Obj | undefined): string {
  if (!sel) return '';
  const isLabelSelector = 'matchLabels' in sel || 'matchExpressions' in sel;
  const labels: Record<string, string> = isLabelSelector ? (sel.matchLabels ?? {}) : sel;
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  if (isLabelSelector) {
    for (const e of (sel.matchExpressions ?? []) as Obj[]) {
      const vals = (e.values ?? []).join(',');
      if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
      else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
      else if (e.operator === 'Exists') parts.push(e.key);
      else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    }
  }
  return parts.join(',');
}

/** "k=v,k2=v2" for a label map, or "<none>". */
export function labelsString(labels: Record<string, string> | undefined): string {
  const parts = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '<none>';
}
