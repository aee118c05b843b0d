// `shoal top pods|nodes`: CPU and memory in use, as node agents report them (pod annotations
// shoal.io/cpu-usage-millicores and shoal.io/memory-usage-bytes, refreshed every few seconds).
import { parseQuantity } from '../../control/quantity.ts';
import { renderTable } from '../table.ts';
import { UsageError } from '../usage-error.ts';
import type { Obj } from '../api-client.ts';
import { runKube } from './command.ts';

const USAGE = `usage: shoal top pods [-n NS | -A] [-l SELECTOR]
       shoal top nodes

CPU (millicores) and memory in use, as the node agents last reported them.`;

const CPU = 'shoal.io/cpu-usage-millicores';
const MEM = 'shoal.io/memory-usage-bytes';
const mi = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}Mi`;

export function runTop(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: { selector: { short: 'l' }, 'all-namespaces': { boolean: true, short: 'A' } },
    async run(ctx, { values, positionals }) {
      const [what, ...extra] = positionals;
      if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
      const all = values['all-namespaces'] === true;
      if (what === 'pods' || what === 'pod' || what === 'po') {
        const pods = (await ctx.client.listAll('pods', all ? '' : ctx.namespace, { labelSelector: values.selector as string | undefined })).items.filter((p: Obj) => p.metadata.annotations?.[MEM]);
        if (pods.length === 0) {
          console.error('No resources found (no pod has reported usage yet)');
          return 0;
        }
        const rows = pods.map((p: Obj) => [...(all ? [p.metadata.namespace] : []), p.metadata.name, `${p.metadata.annotations[CPU]}m`, mi(Number(p.metadata.annotations[MEM]))]);
        console.log(renderTable([...(all ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'], rows));
        return 0;
      }
      if (what === 'nodes' || what === 'node' || what === 'no') {
        const [nodes, pods] = await Promise.all([ctx.client.listAll('nodes', ''), ctx.client.listAll('pods', '')]);
        const rows = nodes.items.map((n: Obj) => {
          const mine = pods.items.filter((p: Obj) => p.spec?.nodeName === n.metadata.name);
          const cpu = mine.reduce((a: number, p: Obj) => a + Number(p.metadata.annotations?.[CPU] ?? 0), 0);
          const mem = mine.reduce((a: number, p: Obj) => a + Number(p.metadata.annotations?.[MEM] ?? 0), 0);
          const alloc = n.status?.allocatable ?? {};
          const cpuCap = alloc.cpu ? parseQuantity(alloc.cpu) * 1000 : 0;
          const memCap = alloc.memory ? parseQuantity(alloc.memory) : 0;
          return [n.metadata.name, `${cpu}m`, cpuCap ? `${Math.round((cpu / cpuCap) * 100)}%` : '<unknown>', mi(mem), memCap ? `${Math.round((mem / memCap) * 100)}%` : '<unknown>'];
        });
        console.log(renderTable(['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%'], rows));
        return 0;
      }
      throw new UsageError('top what? pods or nodes');
    },
  });
}
