// `shoal cluster status`: the masters as `shoal status` shows them (members, roles, term,
// leader, applied index), plus each one's registry size and health from the etcd
// Maintenance API, under a one-line summary.
import { parseFlags } from '../args.ts';
import { fetchStatuses, statusRows } from '../status-view.ts';
import { renderTable } from '../table.ts';
import { UsageError } from '../usage-error.ts';
import { readConfig, resolveEndpoints } from './context.ts';
import { etcdStatuses, formatBytes, health } from './etcd-status.ts';

const USAGE = `usage: shoal cluster status [--endpoints HOST:PORT,...] [--timeout MS]

One row per master: role, term, leader, applied index, registry size and health, under a
summary (healthy; degraded: a leader but a master down or unhealthy; unhealthy: no leader).
Exits 1 unless healthy.`;

const KEEP = ['ENDPOINT', 'NAME', 'ID', 'ROLE', 'TERM', 'LEADER', 'APPLIED'];

export async function runCluster(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { endpoints: {}, timeout: {}, help: { boolean: true, short: 'h' } }, { positionals: true });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals[0] !== 'status' || positionals.length > 1) throw new UsageError(`cluster takes one subcommand: status${positionals[0] ? ` (got "${positionals.join(' ')}")` : ''}`);
  const endpoints = resolveEndpoints(values.endpoints as string | undefined, readConfig());
  const timeoutRaw = (values.timeout as string | undefined) ?? '3000';
  if (!/^\d+$/.test(timeoutRaw) || Number(timeoutRaw) < 1) throw new UsageError(`--timeout must be a positive whole number of ms, got "${timeoutRaw}"`, '--timeout');
  const timeoutMs = Number(timeoutRaw);

  const [raft, etcd] = await Promise.all([fetchStatuses(endpoints, timeoutMs), etcdStatuses(endpoints, timeoutMs)]);
  const { headers, rows } = statusRows(raft);
  const cols = KEEP.map((h) => headers.indexOf(h));
  const table = rows.map((r, i) => {
    const e = etcd[i];
    const size = 'status' in e ? [formatBytes(Number(e.status.dbSize)), formatBytes(Number(e.status.dbSizeInUse))] : ['-', '-'];
    return [...cols.map((c) => r[c]), ...size, health(e)];
  });

  const answered = raft.flatMap((r) => ('status' in r ? [r.status] : []));
  const leader = answered.find((s) => s.role === 'leader');
  const leaderName = leader ? leader.name || String(leader.id) : undefined;
  const healthy = answered.length === endpoints.length && !!leader && etcd.every((e) => health(e) === 'healthy');
  // With a leader the cluster serves, even with a master down: "degraded", not "unhealthy".
  const verdict = healthy ? 'healthy' : leader ? 'degraded' : 'unhealthy';
  console.log(`${answered.length}/${endpoints.length} masters answered; ${leaderName ? `leader ${leaderName}, term ${leader!.term}` : 'no leader'}; ${verdict}`);
  console.log(renderTable([...KEEP, 'DB SIZE', 'IN USE', 'HEALTH'], table));
  for (const r of raft) if ('error' in r) console.error(`${r.endpoint}: ${r.error.details.replace(/\.?\s*Resolution note:\s*$/, '')}`);
  return healthy ? 0 : 1;
}
