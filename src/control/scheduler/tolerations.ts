// Taints and tolerations, matched as Kubernetes' Toleration.ToleratesTaint does.

import type { Obj } from './framework.ts';
import { asList } from './resources.ts';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';

/**
 * Whether one toleration tolerates one taint:
 * - an empty toleration effect matches every effect, else the effects must be equal;
 * - an empty toleration key matches every key, else the keys must be equal;
 * - operator Exists matches any value; Equal (or empty) needs equal values (absent = '').
 * tolerationSeconds plays no part in scheduling.
 */
export function toleratesTaint(toleration: Obj, taint: Obj): boolean {
  const tEffect = toleration?.effect ?? '';
  if (tEffect !== '' && tEffect !== (taint?.effect ?? '')) return false;
  const tKey = toleration?.key ?? '';
  if (tKey !== '' && tKey !== (taint?.key ?? '')) return false;
  switch (toleration?.operator ?? '') {
    case 'Exists':
      return true;
    case '':
    case 'Equal':
      return (toleration?.value ?? '') === (taint?.value ?? '');
    default:
      return false;
  }
}

/** Whether any of the tolerations tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: unknown, taint: Obj): boolean {
  return asList(tolerations).some((t) => toleratesTaint(t, taint));
}

/** The pod's tolerations (spec.tolerations, [] when absent). */
export function podTolerations(pod: Obj): Obj[] {
  return asList(pod?.spec?.tolerations);
}

/** The node's taints (spec.taints, [] when absent). */
export function nodeTaints(node: Obj): Obj[] {
  return asList(node?.spec?.taints);
}

/** `{key: value}` as Kubernetes prints a taint in scheduling messages. */
export function formatTaint(taint: Obj): string {
  return `{${taint?.key ?? ''}: ${taint?.value ?? ''}}`;
}
