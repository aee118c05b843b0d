// Deployment arithmetic, kept apart from the loop so it can be tested alone: the pod template
// hash, template equality ignoring that hash, revisions, maxSurge/maxUnavailable resolution,
// the replicas annotations, proportional scaling shares, and the rollout's progress checks.
import { createHash } from 'node:crypto';
import { deepEqual } from '../api/merge-patch.ts';
import type { Obj } from '../client/resource-client.ts';
import { conditionOf } from './workload-common.ts';

export const HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

/** Deployment annotations that are not copied to its ReplicaSets. */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'shoal.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

// ---- hash and templates -------------------------------------------------------------------

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted, so equal templates hash equally whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The template without the pod-template-hash label (and without an emptied labels map). */
export function withoutHash(template: Obj | undefined): Obj {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels && HASH_LABEL in t.metadata.labels) {
    delete t.metadata.labels[HASH_LABEL];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

/** A stable 10-character hash of a pod template (and the collision count), safe in names. */
export function templateHash(template: Obj | undefined, collisionCount = 0): string {
  const h = createHash('sha256').update(canonicalJson(withoutHash(template)));
  if (collisionCount) h.update(`#${collisionCount}`);
  const bytes = h.digest();
  let s = '';
  for (let i = 0; i < 10; i++) s += SAFE_ALPHABET[bytes[i] % SAFE_ALPHABET.length];
  return s;
}

export function equalIgnoreHash(a: Obj | undefined, b: Obj | undefined): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}

// ---- revisions ----------------------------------------------------------------------------

export function revisionOf(obj: Obj | undefined): number {
  const n = Number(obj?.metadata?.annotations?.[REVISION_ANNOTATION]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function maxRevision(list: Obj[]): number {
  return list.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

const created = (o: Obj): number => Date.parse(o.metadata?.creationTimestamp ?? '') || 0;

/** Oldest first; ties by name. */
export function byCreation(a: Obj, b: Obj): number {
  return created(a) - created(b) || String(a.metadata.name).localeCompare(String(b.metadata.name));
}

export function byRevision(a: Obj, b: Obj): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

/** The oldest ReplicaSet whose template equals the deployment's (ignoring the hash label). */
export function findNewReplicaSet(d: Obj, rsList: Obj[]): Obj | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/**
 * Copies the deployment's own annotations onto its new ReplicaSet and gives it `revision` if
 * its revision is older; a ReplicaSet made now also gets the replicas annotations. Returns
 * whether anything changed.
 */
export function setNewReplicaSetAnnotations(d: Obj, rs: Obj, revision: number, exists: boolean): boolean {
  rs.metadata.annotations ??= {};
  const ann = rs.metadata.annotations;
  let changed = false;
  for (const [k, v] of Object.entries<string>(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  if (revisionOf(rs) < revision) {
    ann[REVISION_ANNOTATION] = String(revision);
    changed = true;
  }
  if (!exists && setReplicasAnnotations(rs, d.spec.replicas ?? 1, (d.spec.replicas ?? 1) + maxSurge(d))) changed = true;
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: Obj, desired: number, max: number): boolean {
  const ann = rs.metadata.annotations ?? {};
  return ann[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || ann[MAX_REPLICAS_ANNOTATION] !== String(max);
}

export function setReplicasAnnotations(rs: Obj, desired: number, max: number): boolean {
  if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  rs.metadata.annotations = { ...rs.metadata.annotations, [DESIRED_REPLICAS_ANNOTATION]: String(desired), [MAX_REPLICAS_ANNOTATION]: String(max) };
  return true;
}

function intAnnotation(rs: Obj, name: string): number | undefined {
  const v = rs.metadata?.annotations?.[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

export const desiredReplicasOf = (rs: Obj): number | undefined => intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
export const maxReplicasOf = (rs: Obj): number | undefined => intAnnotation(rs, MAX_REPLICAS_ANNOTATION);

// ---- surge and unavailability -------------------------------------------------------------

export function isRollingUpdate(d: Obj): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** An int-or-percent against `total`: percentages round up or down as asked. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v.trim());
    if (m) {
      const x = (Number(m[1]) * total) / 100;
      return roundUp ? Math.ceil(x) : Math.floor(x);
    }
    const n = Number(v);
    if (Number.isInteger(n)) return n;
  }
  return 0;
}

/** maxSurge (rounded up) and maxUnavailable (rounded down); both zero becomes 0 and 1. */
export function resolveFenceposts(d: Obj): { surge: number; unavailable: number } {
  const desired = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = scaledValue(ru.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Obj): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: Obj): number {
  const replicas = d.spec?.replicas ?? 1;
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, replicas);
}

// ---- proportional scaling -----------------------------------------------------------------

/** Go's math.Round: halves away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** How much of a scaling of the whole deployment this ReplicaSet takes, by its share of max-replicas. */
function replicaSetFraction(rs: Obj, d: Obj): number {
  const spec = rs.spec?.replicas ?? 0;
  const replicas = d.spec?.replicas ?? 1;
  if (replicas === 0) return -spec;
  const deploymentReplicas = replicas + maxSurge(d);
  const annotated = maxReplicasOf(rs) ?? d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  return roundHalfAway((spec * deploymentReplicas) / annotated) - spec;
}

export function proportion(rs: Obj, d: Obj, toAdd: number, added: number): number {
  const spec = rs.spec?.replicas ?? 0;
  if (spec === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

// ---- progress -----------------------------------------------------------------------------

export function hasProgressDeadline(d: Obj): boolean {
  const p = d.spec?.progressDeadlineSeconds;
  return typeof p === 'number' && p > 0 && p < 2 ** 31 - 1;
}

/** Every replica updated and available, nothing old left, the latest spec observed. */
export function deploymentComplete(d: Obj, st: Obj): boolean {
  const r = d.spec?.replicas ?? 1;
  return (st.updatedReplicas ?? 0) === r && (st.replicas ?? 0) === r && (st.availableReplicas ?? 0) === r && (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** Some progress since `old`: more updated, fewer old, more ready or more available. */
export function deploymentProgressing(old: Obj, st: Obj): boolean {
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
  return (st.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (st.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (st.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

export function deploymentTimedOut(d: Obj, st: Obj, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = conditionOf(st, 'Progressing');
  if (!c) return false;
  if (c.reason === 'NewReplicaSetAvailable') return false;
  if (c.reason === 'ProgressDeadlineExceeded') return true;
  const from = Date.parse(c.lastUpdateTime ?? c.lastTransitionTime ?? '');
  if (!Number.isFinite(from)) return false;
  return from + d.spec.progressDeadlineSeconds * 1000 < now;
}
