// `shoal delete TYPE NAME... | TYPE/NAME... | -f FILE | TYPE -l SEL | TYPE --all`, then
// (with --wait, the default) waits until the objects are really gone, within --timeout.
import type { Obj } from '../api-client.ts';
import { UsageError } from '../usage-error.ts';
import { parseDuration } from './age.ts';
import { report, runKube } from './command.ts';
import type { KubeContext } from './context.ts';
import { dryRunOf, dryRunSuffix } from './dry-run.ts';
import { CommandError, isReason } from './errors.ts';
import { intFlag } from './flag-values.ts';
import { readManifests } from './manifests.ts';
import { place } from './placement.ts';
import { loadKinds, nsFor, objectName, parseTargets, resourceName, type KindTable } from './resources.ts';
import { waitGone, type Pending } from './wait-gone.ts';

const USAGE = `usage: shoal delete TYPE NAME... | TYPE/NAME... | -f FILENAME | TYPE -l SELECTOR | TYPE --all

Deletes objects and waits until they are gone.

  -f, --filename        the objects named by these manifests
  -l, --selector        every object of TYPE with these labels
  --field-selector      every object of TYPE with these fields
  --all                 every object of TYPE in the namespace
  -A, --all-namespaces  with -l or --all: in every namespace
  --grace-period        seconds a pod gets to stop (-1: its own; 0: at once)
  --now                 --grace-period=1
  --force               with --grace-period=0: do not wait for the node to confirm
  --cascade             background (default), foreground or orphan: what happens to the
                        objects this one owns
  --wait                wait until the objects are gone (default true; --wait=false)
  --timeout             how long --wait waits (default 60s)
  --ignore-not-found    a named object that does not exist is not an error
  --dry-run             server: check, delete nothing`;

export function runDelete(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: {
      filename: { short: 'f', multiple: true },
      recursive: { short: 'R', boolean: true },
      selector: { short: 'l' },
      'field-selector': {},
      all: { boolean: true },
      'all-namespaces': { short: 'A', boolean: true },
      'grace-period': {},
      now: { boolean: true },
      force: { boolean: true },
      cascade: {},
      wait: { boolean: true },
      timeout: {},
      'ignore-not-found': { boolean: true },
      'dry-run': {},
    },
    async run(ctx, { values, lists, positionals }) {
      const dryRun = dryRunOf(values['dry-run'], ['none', 'server']);
      let grace = intFlag(values['grace-period'], '--grace-period', -1, -1);
      if (values.now === true) {
        if (values['grace-period'] !== undefined) throw new UsageError('--now and --grace-period cannot be given together', '--now');
        grace = 1;
      }
      if (values.force === true) {
        if (grace < 0) grace = 0;
        console.error('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
      }
      const propagationPolicy = cascadePolicy(values.cascade as string | undefined);
      const timeoutMs = values.timeout === undefined ? 60_000 : parseDuration(values.timeout as string, '--timeout');
      const kinds = await loadKinds(ctx.client);
      const victims = await collect(ctx, kinds, positionals, lists.filename, values);
      if (victims === undefined) return 0;

      let code = 0;
      const pending: Pending[] = [];
      for (const v of victims) {
        try {
          const obj = await ctx.client.delete(v.kind.resource, v.namespace, v.name, {
            gracePeriodSeconds: grace,
            propagationPolicy,
            dryRun: dryRun === 'server',
          });
          console.log(`${resourceName(v.kind)} "${v.name}" deleted${dryRunSuffix(dryRun)}`);
          pending.push({ ...v, uid: obj.metadata?.uid, heldBy: heldBy(obj) });
        } catch (err) {
          if (!(values['ignore-not-found'] === true && isReason(err, 'NotFound'))) code = report(err);
        }
      }
      if (values.wait === false || dryRun === 'server' || pending.length === 0) return code;
      const left = await waitGone(ctx.client, pending, timeoutMs, { hint: holdHint });
      for (const p of left) code = report(new CommandError(`timed out waiting for the condition on ${objectName(p.kind, p.name)}`));
      return code;
    },
  });
}

function holdHint(p: Pending): string {
  return p.heldBy ?? 'something still holds it';
}

/** What keeps a deleted object in the registry, in words, from the state the delete left it in. */
function heldBy(obj: Obj): string | undefined {
  const m = obj.metadata ?? {};
  if (obj.kind === 'Pod' && obj.spec?.nodeName && (m.deletionGracePeriodSeconds ?? 0) > 0) {
    return `a pod on a node is removed by its node agent after its containers stop (--grace-period=0 --force skips that)`;
  }
  const finalizers: string[] = [...(m.finalizers ?? []), ...(obj.kind === 'Namespace' ? (obj.spec?.finalizers ?? []) : [])];
  if (finalizers.length > 0) return `held by finalizers: ${finalizers.join(', ')} (removed by the controller that owns each)`;
  return undefined;
}

type Victim = Omit<Pending, 'uid'>;

/** The objects to delete; undefined when a selector matched none (kubectl: not an error). */
async function collect(ctx: KubeContext, kinds: KindTable, words: string[], files: string[], values: Record<string, unknown>): Promise<Victim[] | undefined> {
  const selector = values.selector as string | undefined;
  const fieldSelector = values['field-selector'] as string | undefined;
  const bulk = selector !== undefined || fieldSelector !== undefined || values.all === true;
  if (files.length > 0) {
    if (words.length > 0 || bulk) throw new UsageError('-f cannot be combined with names, selectors or --all');
    return readManifests(files, values.recursive === true).map((m) => {
      const p = place(m, kinds, ctx);
      return { kind: p.kind, namespace: p.namespace, name: p.name };
    });
  }
  const targets = parseTargets(words, kinds);
  const named = targets.some((t) => t.names.length > 0);
  if (named && bulk) throw new UsageError('names cannot be combined with -l, --field-selector or --all');
  if (!named && !bulk) throw new UsageError('resource(s) were provided, but no name was specified (name them, or use -l SELECTOR or --all)');
  if (values['all-namespaces'] === true && named) throw new UsageError('-A needs -l or --all, not names');
  const out: Victim[] = [];
  for (const t of targets) {
    if (named) {
      for (const name of t.names) out.push({ kind: t.kind, namespace: nsFor(t.kind, ctx.namespace), name });
      continue;
    }
    const ns = values['all-namespaces'] === true ? '' : nsFor(t.kind, ctx.namespace);
    const r = await ctx.client.listAll(t.kind.resource, ns, { labelSelector: selector, fieldSelector });
    for (const o of r.items) out.push({ kind: t.kind, namespace: o.metadata?.namespace ?? '', name: o.metadata.name });
  }
  if (out.length === 0) {
    console.error('No resources found');
    return undefined;
  }
  return out;
}

function cascadePolicy(raw: string | undefined): string {
  switch (raw) {
    case undefined:
    case 'background':
    case 'true':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
    case 'false':
      return 'Orphan';
    default:
      throw new UsageError(`--cascade must be background, foreground or orphan, got "${raw}"`, '--cascade');
  }
}
