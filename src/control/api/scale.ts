// The scale subresource: a workload seen as just its replica count (autoscaling/v1 Scale),
// which is what `shoal scale` and the autoscaler read and write.
import type { Obj } from './codec.ts';

export function scaleOf(obj: Obj): Obj {
  const m = obj.metadata;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: selectorString(obj.spec?.selector) },
  };
}

/** A selector (LabelSelector object, or a ReplicationController's plain map) in string syntax. */
export function selectorString(sel: Obj | undefined): string {
  if (!sel) return '';
  const isLabelSelector = 'matchLabels' in sel || 'matchExpressions' in sel;
  const labels: Record<string, string> = isLabelSelector ? (sel.matchLabels ?? {}) : sel;
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  if (isLabelSelector) {
    for (const e of sel.matchExpressions ?? []) {
      const vals = (e.values ?? []).join(',');
      if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
      else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
      else if (e.operator === 'Exists') parts.push(e.key);
      else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    }
  }
  return parts.join(',');
}
