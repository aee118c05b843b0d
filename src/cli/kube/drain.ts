// `shoal drain NODE`: cordons the node, then deletes every pod bound to it and waits until
// they are gone, refusing (as kubectl) pods nothing would recreate unless --force, and
// DaemonSet pods unless --ignore-daemonsets (which leaves them).
import type { Obj } from '../api-client.ts';
import { UsageError } from '../usage-error.ts';
import { parseDuration } from './age.ts';
import { runKube } from './command.ts';
import { setUnschedulable } from './cordon.ts';
import { CommandError, isReason } from './errors.ts';
import { intFlag } from './flag-values.ts';
import { loadKinds } from './resources.ts';
import { waitGone, type Pending } from './wait-gone.ts';

const USAGE = `usage: shoal drain NODE [flags]

Cordons the node and deletes the pods on it, waiting until they are gone.

  --force                 also delete pods no controller will recreate
  --ignore-daemonsets     leave DaemonSet pods (they would come back at once)
  --delete-emptydir-data  also delete pods with emptyDir volumes (their data is lost)
  --grace-period          seconds each pod gets to stop (-1: its own)
  --timeout               how long to wait for the pods to go (default 5m)
  --pod-selector          only pods with these labels`;

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export function runDrain(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: {
      force: { boolean: true },
      'ignore-daemonsets': { boolean: true },
      'delete-emptydir-data': { boolean: true },
      'grace-period': {},
      timeout: {},
      'pod-selector': {},
    },
    async run(ctx, { values, positionals }) {
      if (positionals.length !== 1) throw new UsageError('name one node to drain');
      const node = positionals[0].replace(/^(nodes?|no)\//, '');
      const grace = intFlag(values['grace-period'], '--grace-period', -1, -1);
      const timeoutMs = values.timeout === undefined ? 300_000 : parseDuration(values.timeout as string, '--timeout');
      const podKind = (await loadKinds(ctx.client)).mustFind('pods');

      console.log(`node/${node} ${(await setUnschedulable(ctx.client, node, true)) ? '' : 'already '}cordoned`);
      const { items } = await ctx.client.listAll('pods', '', { fieldSelector: `spec.nodeName=${node}`, labelSelector: values['pod-selector'] as string | undefined });
      const victims = choose(node, items, { force: values.force === true, ignoreDaemonSets: values['ignore-daemonsets'] === true, emptyDir: values['delete-emptydir-data'] === true });

      const pending: Pending[] = [];
      for (const p of victims) {
        const ref = `${p.metadata.namespace}/${p.metadata.name}`;
        console.log(`deleting pod ${ref}`);
        try {
          await ctx.client.delete('pods', p.metadata.namespace, p.metadata.name, { gracePeriodSeconds: grace, preconditionUid: p.metadata.uid });
        } catch (err) {
          // Gone (or replaced) meanwhile: that is what drain wants.
          if (!isReason(err, 'NotFound') && !isReason(err, 'Conflict')) throw err;
        }
        pending.push({ kind: podKind, namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid });
      }
      const left = await waitGone(ctx.client, pending, timeoutMs, {
        onGone: (p) => console.log(`pod/${p.name} deleted`),
        hint: () => `a pod on a node is removed by its node agent after its containers stop (--grace-period=0 skips that)`,
      });
      if (left.length > 0) {
        throw new CommandError(`unable to drain node "${node}": timed out waiting for ${left.length} pod(s) to be deleted: ${left.map((p) => `${p.namespace}/${p.name}`).join(', ')}`);
      }
      console.log(`node/${node} drained`);
      return 0;
    },
  });
}

/** The pods to delete, or an error naming those that need a flag; warnings for those let through. */
function choose(node: string, pods: Obj[], opts: { force: boolean; ignoreDaemonSets: boolean; emptyDir: boolean }): Obj[] {
  const ref = (p: Obj) => `${p.metadata.namespace}/${p.metadata.name}`;
  const controller = (p: Obj) => (p.metadata.ownerReferences ?? []).find((r: Obj) => r.controller);
  const problems: string[] = [];
  const warnings: string[] = [];
  const out: Obj[] = [];
  const daemon = pods.filter((p) => controller(p)?.kind === 'DaemonSet');
  if (daemon.length > 0) {
    if (opts.ignoreDaemonSets) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.map(ref).join(', ')}`);
    else problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.map(ref).join(', ')}`);
  }
  const rest = pods.filter((p) => !daemon.includes(p) && !p.metadata.annotations?.[MIRROR_ANNOTATION]);
  const finished = (p: Obj) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
  const bare = rest.filter((p) => !controller(p) && !finished(p));
  if (bare.length > 0) {
    if (opts.force) warnings.push(`deleting Pods that declare no controller: ${bare.map(ref).join(', ')}`);
    else problems.push(`cannot delete Pods that declare no controller (use --force to override): ${bare.map(ref).join(', ')}`);
  }
  const local = rest.filter((p) => (p.spec?.volumes ?? []).some((v: Obj) => v.emptyDir) && !finished(p));
  if (local.length > 0) {
    if (opts.emptyDir) warnings.push(`deleting Pods with local storage: ${local.map(ref).join(', ')}`);
    else problems.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.map(ref).join(', ')}`);
  }
  if (problems.length > 0) throw new CommandError(`unable to drain node "${node}" due to error: ${problems.join('; ')}`);
  for (const w of warnings) console.error(`Warning: ${w}`);
  out.push(...rest);
  return out;
}
