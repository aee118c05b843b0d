// `shoal apply -f FILE|DIR|-`: creates each object or brings the stored one to the manifest
// (the server's three-way merge), printing kubectl's "deployment.apps/web configured". One
// object's failure is reported and the rest still go (as kubectl); the exit status says so.
import { UsageError } from '../usage-error.ts';
import { report, runKube } from './command.ts';
import { dryRunOf, dryRunSuffix } from './dry-run.ts';
import { readManifests } from './manifests.ts';
import { place } from './placement.ts';
import { loadKinds, objectName } from './resources.ts';

const USAGE = `usage: shoal apply -f FILENAME [-f ...] [-R] [--dry-run=none|server]

Creates the objects in the manifests, or changes the stored ones to match (fields the
manifest never set, such as an allocated clusterIP, are left alone).

  -f, --filename   a file, a directory (its *.yaml, *.yml, *.json) or - for stdin
  -R, --recursive  go into subdirectories of a directory given with -f
  --dry-run        server: validate and report without storing anything`;

export function runApply(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: { filename: { short: 'f', multiple: true }, recursive: { short: 'R', boolean: true }, 'dry-run': {} },
    async run(ctx, { values, lists, positionals }) {
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (apply takes -f)`);
      // A client-side dry run cannot tell created from configured without asking: server only.
      const dryRun = dryRunOf(values['dry-run'], ['none', 'server']);
      const manifests = readManifests(lists.filename, values.recursive === true);
      const kinds = await loadKinds(ctx.client);
      let code = 0;
      for (const m of manifests) {
        let p;
        try {
          p = place(m, kinds, ctx);
        } catch (err) {
          code = report(err);
          continue;
        }
        try {
          const { outcome } = await ctx.client.apply(p.kind.resource, p.namespace, m.obj, { dryRun: dryRun === 'server' });
          console.log(`${objectName(p.kind, p.name)} ${outcome}${dryRunSuffix(dryRun)}`);
        } catch (err) {
          code = report(err, `error when applying "${m.source}"`);
        }
      }
      return code;
    },
  });
}
