// The fields each kind can be selected by (as Kubernetes: metadata.name and .namespace for
// all, a few more per kind). Asking for any other field is an error, not an empty answer.
import { fieldMatches, parseFieldSelector, SelectorError } from '../labels.ts';
import { ApiError } from './api-errors.ts';
import type { Obj } from './codec.ts';

const COMMON = ['metadata.name', 'metadata.namespace'];

const BY_KIND: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  ReplicaSet: ['status.replicas'],
  ReplicationController: ['status.replicas'],
};

export type FieldFilter = (obj: Obj) => boolean;

export function fieldFilter(kind: string, selector: string): FieldFilter | undefined {
  if (!selector.trim()) return undefined;
  let reqs;
  try {
    reqs = parseFieldSelector(selector);
  } catch (err) {
    if (err instanceof SelectorError) throw new ApiError('BadRequest', `field selector "${selector}": ${err.message}`);
    throw err;
  }
  const allowed = [...COMMON, ...(BY_KIND[kind] ?? [])];
  for (const r of reqs) {
    if (!allowed.includes(r.field)) throw new ApiError('BadRequest', `field selector "${selector}": "${r.field}" is not a supported field for ${kind} (supported: ${allowed.join(', ')})`);
  }
  return (obj) => fieldMatches(reqs, (field) => fieldValue(obj, field));
}

function fieldValue(obj: Obj, field: string): string {
  if (field === 'source') return String(obj.source?.component ?? '');
  let v: unknown = obj;
  for (const part of field.split('.')) v = v && typeof v === 'object' ? (v as Obj)[part] : undefined;
  // Unset reads as "", so `spec.nodeName=` selects unbound pods; false is "false".
  return v === undefined || v === null ? (field === 'spec.unschedulable' || field === 'spec.hostNetwork' ? 'false' : '') : String(v);
}
