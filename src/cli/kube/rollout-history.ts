// A deployment's history is its ReplicaSets (those whose controlling ownerReference is the
// deployment's uid), each numbered by its deployment.kubernetes.io/revision annotation.
// `rollout history` lists them; `rollout undo` copies one's pod template back.
import type { Obj } from '../api-client.ts';
import type { KubeContext } from './context.ts';
import { CommandError } from './errors.ts';
import { mergeDiff } from './merge-diff.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

export interface Revision {
  revision: number;
  rs: Obj;
}

/** The deployment's ReplicaSets with a revision, oldest first. */
export async function revisions(ctx: KubeContext, deploy: Obj): Promise<Revision[]> {
  const ns = deploy.metadata.namespace;
  const { items } = await ctx.client.listAll('replicasets', ns);
  const owned = items.filter((rs) => (rs.metadata.ownerReferences ?? []).some((r: Obj) => r.uid === deploy.metadata.uid && r.controller !== false));
  return owned
    .map((rs) => ({ revision: Number(rs.metadata.annotations?.[REVISION_ANNOTATION]), rs }))
    .filter((r) => Number.isInteger(r.revision) && r.revision > 0)
    .sort((a, b) => a.revision - b.revision);
}

export function historyTable(revs: Revision[]): string[][] {
  return revs.map(({ revision, rs }) => [String(revision), rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '<none>']);
}

export function findRevision(revs: Revision[], n: number, name: string): Revision {
  const r = revs.find((x) => x.revision === n);
  if (!r) throw new CommandError(revs.length === 0 ? `no rollout history found for deployment "${name}"` : `unable to find specified revision ${n} in history`);
  return r;
}

/** A ReplicaSet's template as the deployment would hold it (without the hash label it was given). */
export function templateOf(rs: Obj): Obj {
  const t = structuredClone(rs.spec?.template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH_LABEL];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

/**
 * Rolls the deployment back to revision `to` (0: the one before the latest). Returns the
 * revision used and whether anything changed.
 */
export async function undo(ctx: KubeContext, deploy: Obj, to: number): Promise<{ revision: number; changed: boolean }> {
  const name = deploy.metadata.name;
  if (deploy.spec?.paused) throw new CommandError(`you cannot rollback a paused deployment; resume it first with 'shoal rollout resume deployment/${name}' and try again`);
  const revs = await revisions(ctx, deploy);
  let target: Revision;
  if (to === 0) {
    if (revs.length < 2) throw new CommandError(`no rollout history found for deployment "${name}"`);
    target = revs[revs.length - 2];
  } else {
    target = findRevision(revs, to, name);
  }
  const patch = mergeDiff(deploy.spec?.template ?? {}, templateOf(target.rs));
  if (patch === undefined) return { revision: target.revision, changed: false };
  // Conditioned on the version read: a template changed meanwhile is not silently replaced.
  await ctx.client.patch('deployments', deploy.metadata.namespace, name, { metadata: { resourceVersion: deploy.metadata.resourceVersion }, spec: { template: patch } });
  return { revision: target.revision, changed: true };
}
