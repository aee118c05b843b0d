// `shoal cordon NODE` / `shoal uncordon NODE`: marks nodes (un)schedulable; pods already
// there stay. Shared with drain, which cordons first.
import type { ApiClient } from '../api-client.ts';
import { UsageError } from '../usage-error.ts';
import { runKube } from './command.ts';

const usage = (cmd: string) => `usage: shoal ${cmd} NODE... | -l SELECTOR

Marks nodes as ${cmd === 'cordon' ? 'unschedulable: no new pod is placed there' : 'schedulable again'}.

  -l, --selector   every node with these labels`;

/** Sets spec.unschedulable; returns false when it already had that value. */
export async function setUnschedulable(client: ApiClient, node: string, on: boolean): Promise<boolean> {
  const n = await client.get('nodes', '', node);
  if ((n.spec?.unschedulable === true) === on) return false;
  await client.patch('nodes', '', node, { spec: { unschedulable: on ? true : null } });
  return true;
}

export const runCordon = (argv: string[]) => run(argv, 'cordon', true);
export const runUncordon = (argv: string[]) => run(argv, 'uncordon', false);

function run(argv: string[], cmd: string, on: boolean): Promise<number> {
  return runKube(argv, {
    usage: usage(cmd),
    flags: { selector: { short: 'l' } },
    async run(ctx, { values, positionals }) {
      let nodes = positionals.map((p) => p.replace(/^(nodes?|no)\//, ''));
      if (values.selector !== undefined) {
        if (nodes.length > 0) throw new UsageError('node names cannot be combined with -l');
        nodes = (await ctx.client.listAll('nodes', '', { labelSelector: values.selector as string })).items.map((n) => n.metadata.name);
      }
      if (nodes.length === 0 && values.selector === undefined) throw new UsageError(`name the node(s) to ${cmd}`);
      for (const node of nodes) {
        const changed = await setUnschedulable(ctx.client, node, on);
        console.log(`node/${node} ${changed ? '' : 'already '}${cmd}ed`);
      }
      return 0;
    },
  });
}
