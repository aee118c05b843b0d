// `shoal get TYPE [NAME...] | TYPE/NAME... | all`: kubectl's tables and -o forms, selectors,
// -A, --show-labels, and -w (rows for every later change).
import type { Obj } from '../api-client.ts';
import { UsageError } from '../usage-error.ts';
import { report, runKube } from './command.ts';
import type { KubeContext } from './context.ts';
import { isReason } from './errors.ts';
import { readManifests } from './manifests.ts';
import { place } from './placement.ts';
import { KindTablePrinter, parseOutput, renderDocument, renderOne } from './printer.ts';
import { loadKinds, nsFor, objectName, parseTargets, type KindInfo, type KindTable, type Target } from './resources.ts';
import { WatchLoop } from './watch-loop.ts';

const USAGE = `usage: shoal get TYPE[,TYPE...] [NAME...] [flags]
       shoal get TYPE/NAME [TYPE/NAME...] [flags]
       shoal get all | -f FILENAME

Lists objects (TYPE: plural, singular or short name, e.g. pods, deploy, svc, no; "all" is
the workload types and services).

  -o, --output          wide, yaml, json or name
  -l, --selector        label selector (app=web,tier!=db,env in (a,b),!legacy)
  --field-selector      field selector (spec.nodeName=n1,status.phase!=Running)
  -A, --all-namespaces  every namespace (adds a NAMESPACE column)
  -w, --watch           after the list, print a row for every change (until interrupted)
  --watch-only          print only the changes
  --show-labels         add a LABELS column
  --no-headers          tables without their header line
  --ignore-not-found    a named object that does not exist is not an error
  -f, --filename        the objects named by these manifests`;

export function runGet(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: {
      output: { short: 'o' },
      selector: { short: 'l' },
      'field-selector': {},
      'all-namespaces': { short: 'A', boolean: true },
      watch: { short: 'w', boolean: true },
      'watch-only': { boolean: true },
      'show-labels': { boolean: true },
      'no-headers': { boolean: true },
      'ignore-not-found': { boolean: true },
      filename: { short: 'f', multiple: true },
      recursive: { short: 'R', boolean: true },
    },
    async run(ctx, { values, lists, positionals }) {
      const format = parseOutput(values.output as string | undefined);
      const allNs = values['all-namespaces'] === true;
      const watch = values.watch === true || values['watch-only'] === true;
      const kinds = await loadKinds(ctx.client);
      const targets: Target[] = lists.filename.length > 0 ? fromManifests(lists.filename, values.recursive === true, ctx, kinds) : parseTargets(positionals, kinds);
      if (lists.filename.length > 0 && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" with -f`);
      if (allNs && targets.some((t) => t.names.length > 0)) throw new UsageError('a resource cannot be retrieved by name across all namespaces');
      if (watch && (targets.length > 1 || targets[0].names.length > 1)) throw new UsageError('you may only watch one resource type, or one object, at a time');
      const selectors = { labelSelector: values.selector as string | undefined, fieldSelector: values['field-selector'] as string | undefined };

      let code = 0;
      const found: { kind: KindInfo; objs: Obj[]; rv: string }[] = [];
      for (const t of targets) {
        const ns = allNs ? '' : nsFor(t.kind, t.namespace ?? ctx.namespace);
        if (t.names.length === 0) {
          const r = await ctx.client.listAll(t.kind.resource, ns, selectors);
          found.push({ kind: t.kind, objs: r.items, rv: r.resourceVersion });
          continue;
        }
        const objs: Obj[] = [];
        for (const name of t.names) {
          try {
            objs.push(await ctx.client.get(t.kind.resource, ns, name));
          } catch (err) {
            if (!(values['ignore-not-found'] === true && isReason(err, 'NotFound'))) code = report(err);
          }
        }
        found.push({ kind: t.kind, objs, rv: '' });
      }

      const single = targets.length === 1 && targets[0].names.length === 1 && !watch;
      const tableOpts = (k: KindInfo) => ({
        wide: format === 'wide',
        namespaceColumn: allNs && k.namespaced,
        showLabels: values['show-labels'] === true,
        kindPrefix: targets.length > 1,
      });
      const printers = new Map<KindInfo, KindTablePrinter>();
      if (!values['watch-only']) {
        const total = found.reduce((n, f) => n + f.objs.length, 0);
        if (format === 'yaml' || format === 'json') {
          if (total > 0 || !single) console.log(renderDocument(format, found.flatMap((f) => f.objs), !single));
        } else if (format === 'name') {
          for (const f of found) for (const o of f.objs) console.log(objectName(f.kind, o));
        } else {
          const blocks: string[] = [];
          for (const f of found) {
            if (f.objs.length === 0) continue;
            const p = new KindTablePrinter(f.kind, tableOpts(f.kind));
            printers.set(f.kind, p);
            const text = p.render(f.objs);
            blocks.push(values['no-headers'] ? text.split('\n').slice(1).join('\n') : text);
          }
          if (blocks.length > 0) console.log(blocks.join('\n\n'));
        }
        if (total === 0 && code === 0 && targets.every((t) => t.names.length === 0)) {
          console.error(allNs || targets.every((t) => !t.kind.namespaced) ? 'No resources found' : `No resources found in ${ctx.namespace} namespace.`);
        }
      }
      if (!watch) return code;

      const { kind } = found[0];
      const t = targets[0];
      const printer = printers.get(kind) ?? new KindTablePrinter(kind, tableOpts(kind));
      let headerDone = printers.has(kind) || values['no-headers'] === true;
      const loop = new WatchLoop(ctx.client, { resource: kind.resource, namespace: allNs ? '' : nsFor(kind, t.namespace ?? ctx.namespace), ...selectors, name: t.names[0] }, (_type, obj) => {
        if (format === 'table' || format === 'wide') {
          if (!headerDone) {
            console.log(printer.render([]));
            headerDone = true;
          }
          console.log(printer.line(obj));
        } else {
          console.log(renderOne(format as 'yaml' | 'json' | 'name', kind, obj));
        }
      });
      // A list gives the version to watch from; one named object, its own version (no gap
      // between what was printed and the first change); a missing one, a list by name now.
      if (found[0].rv) loop.startFrom(found[0].objs, found[0].rv);
      else if (found[0].objs.length === 1) loop.startFrom(found[0].objs, found[0].objs[0].metadata.resourceVersion);
      else await loop.list();
      await loop.run();
      return code;
    },
  });
}

/** The objects that manifests name, grouped by kind and namespace. */
function fromManifests(files: string[], recursive: boolean, ctx: KubeContext, kinds: KindTable): Target[] {
  const out: Target[] = [];
  for (const m of readManifests(files, recursive)) {
    const p = place(m, kinds, ctx);
    const t = out.find((x) => x.kind === p.kind && x.namespace === p.namespace);
    if (t) t.names.push(p.name);
    else out.push({ kind: p.kind, namespace: p.namespace, names: [p.name] });
  }
  return out;
}
