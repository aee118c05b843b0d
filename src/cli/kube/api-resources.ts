// `shoal api-resources`: the resource types the masters serve (from the Kinds call), as
// kubectl lists them; -o name is what shell completion reads.
import { renderTable } from '../table.ts';
import { UsageError } from '../usage-error.ts';
import { runKube } from './command.ts';
import { resourceName } from './resources.ts';

const USAGE = `usage: shoal api-resources [-o wide|name] [--namespaced=true|false] [--no-headers]

Lists the resource types the masters serve, with their short names.`;

export function runApiResources(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: { output: { short: 'o' }, namespaced: {}, 'no-headers': { boolean: true } },
    async run(ctx, { values, positionals }) {
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      const out = values.output as string | undefined;
      if (out !== undefined && out !== 'wide' && out !== 'name') throw new UsageError(`-o must be wide or name, got "${out}"`, '-o');
      const ns = values.namespaced as string | undefined;
      if (ns !== undefined && ns !== 'true' && ns !== 'false') throw new UsageError(`--namespaced must be true or false, got "${ns}"`, '--namespaced');
      const kinds = (await ctx.client.kinds()).filter((k) => ns === undefined || String(k.namespaced) === ns).sort((a, b) => a.resource.localeCompare(b.resource));
      if (out === 'name') {
        for (const k of kinds) console.log(resourceName(k));
        return 0;
      }
      const headers = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(out === 'wide' ? ['SUBRESOURCES'] : [])];
      const rows = kinds.map((k) => [k.resource, k.shortNames.join(','), k.apiVersion, String(k.namespaced), k.kind, ...(out === 'wide' ? [k.subresources.join(',')] : [])]);
      const text = renderTable(headers, rows);
      console.log(values['no-headers'] ? text.split('\n').slice(1).join('\n') : text);
      return 0;
    },
  });
}
