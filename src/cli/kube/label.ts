// `shoal label` and `shoal annotate`: KEY=VALUE sets, KEY- removes; changing a value that is
// there already needs --overwrite (as kubectl). One merge patch per object, conditioned on
// the version read, so a concurrent change is retried instead of overwritten unseen.
import type { Obj } from '../api-client.ts';
import { UsageError } from '../usage-error.ts';
import { runKube } from './command.ts';
import type { KubeContext } from './context.ts';
import { CommandError, isReason } from './errors.ts';
import { loadKinds, nsFor, objectName, parseTargets, type KindInfo } from './resources.ts';

type Field = 'labels' | 'annotations';

const usage = (cmd: string, noun: string) => `usage: shoal ${cmd} TYPE NAME... KEY=VALUE... KEY-... [--overwrite]
       shoal ${cmd} TYPE/NAME... KEY=VALUE... KEY-...
       shoal ${cmd} TYPE (-l SELECTOR | --all) KEY=VALUE...

Sets (KEY=VALUE) or removes (KEY-) ${noun}.

  --overwrite       allow changing a ${noun.replace(/s$/, '')} that has a value already
  -l, --selector    every object of TYPE with these labels
  --all             every object of TYPE in the namespace`;

export const runLabel = (argv: string[]) => runEdit(argv, 'label', 'labels', 'labeled');
export const runAnnotate = (argv: string[]) => runEdit(argv, 'annotate', 'annotations', 'annotated');

const MAX_ATTEMPTS = 5;

function runEdit(argv: string[], cmd: string, field: Field, done: string): Promise<number> {
  return runKube(argv, {
    usage: usage(cmd, field),
    flags: { overwrite: { boolean: true }, selector: { short: 'l' }, all: { boolean: true } },
    async run(ctx, { values, positionals }) {
      const changeAt = positionals.findIndex((w) => w.includes('=') || w.endsWith('-'));
      if (changeAt < 0) throw new UsageError(`give at least one KEY=VALUE or KEY- to ${cmd}`);
      const words = positionals.slice(0, changeAt);
      const changes = parseChanges(positionals.slice(changeAt), field);
      const kinds = await loadKinds(ctx.client);
      const targets = parseTargets(words, kinds);
      const bulk = values.selector !== undefined || values.all === true;
      for (const t of targets) {
        const ns = nsFor(t.kind, ctx.namespace);
        let names = t.names;
        if (names.length === 0) {
          if (!bulk) throw new UsageError(`name the objects to ${cmd}, or use -l SELECTOR or --all`);
          names = (await ctx.client.listAll(t.kind.resource, ns, { labelSelector: values.selector as string | undefined })).items.map((o) => o.metadata.name);
        } else if (bulk) {
          throw new UsageError('names cannot be combined with -l or --all');
        }
        for (const name of names) {
          const changed = await edit(ctx, t.kind, ns, name, field, changes, values.overwrite === true);
          // kubectl says "unlabeled" when labels were only taken away.
          const word = changed && field === 'labels' && [...changes.values()].every((v) => v === null) ? 'unlabeled' : done;
          console.log(`${objectName(t.kind, name)} ${changed ? word : `not ${done}`}`);
        }
      }
      return 0;
    },
  });
}

/** KEY=VALUE -> value, KEY- -> null (a merge patch's removal). */
function parseChanges(words: string[], field: Field): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const w of words) {
    const eq = w.indexOf('=');
    const [k, v] = eq >= 0 ? [w.slice(0, eq), w.slice(eq + 1)] : [w.slice(0, -1), null];
    if (!k) throw new UsageError(`"${w}" is not KEY=VALUE or KEY-`);
    if (out.has(k)) throw new UsageError(`${field === 'labels' ? 'label' : 'annotation'} "${k}" is given twice`);
    out.set(k, v);
  }
  return out;
}

/** Applies the changes to one object; false when they changed nothing. */
async function edit(ctx: KubeContext, kind: KindInfo, ns: string, name: string, field: Field, changes: Map<string, string | null>, overwrite: boolean): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const obj = await ctx.client.get(kind.resource, ns, name);
    const current: Record<string, string> = obj.metadata?.[field] ?? {};
    const patch: Obj = {};
    for (const [k, v] of changes) {
      if (v === null) {
        if (k in current) patch[k] = null;
        else console.error(`${field === 'labels' ? 'label' : 'annotation'} "${k}" not found.`);
      } else if (current[k] !== v) {
        if (k in current && !overwrite) throw new CommandError(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
        patch[k] = v;
      }
    }
    if (Object.keys(patch).length === 0) return false;
    try {
      await ctx.client.patch(kind.resource, ns, name, { metadata: { [field]: patch, resourceVersion: obj.metadata.resourceVersion } });
      return true;
    } catch (err) {
      if (!isReason(err, 'Conflict') || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}
