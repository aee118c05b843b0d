// `shoal status --endpoints host:port,...`: one row per master. Exit 1 if any did not answer.
import { parseFlags } from './args.ts';
import { endpointTarget } from './control-client.ts';
import { fetchStatuses, renderStatusTable } from './status-view.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `usage: shoal status --endpoints HOST:PORT,... [--write-out table|json] [--timeout MS]

  --endpoints   masters' client addresses (host:port or http://host:port), comma-separated
                (default 127.0.0.1:2379)
  --write-out   table (default) or json
  --timeout     per-endpoint deadline in ms (default 3000)`;

export async function runStatus(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    endpoints: {},
    'write-out': { short: 'w' },
    timeout: {},
    help: { boolean: true, short: 'h' },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const endpoints = parseEndpoints((values.endpoints as string | undefined) ?? '127.0.0.1:2379');
  const format = (values['write-out'] as string | undefined) ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--write-out must be "table" or "json", got "${format}"`, '--write-out');
  const timeoutRaw = (values.timeout as string | undefined) ?? '3000';
  const timeoutMs = Number(timeoutRaw);
  if (!/^\d+$/.test(timeoutRaw) || timeoutMs < 1) throw new UsageError(`--timeout must be a positive whole number of ms, got "${timeoutRaw}"`, '--timeout');

  const results = await fetchStatuses(endpoints, timeoutMs);
  if (format === 'json') {
    const out = results.map((r) => ('status' in r ? { endpoint: r.endpoint, status: r.status } : { endpoint: r.endpoint, error: r.error.message, code: r.error.code }));
    console.log(JSON.stringify(out, null, 2));
  } else {
    console.log(renderStatusTable(results));
  }
  return results.every((r) => 'status' in r) ? 0 : 1;
}

export function parseEndpoints(raw: string): string[] {
  const list = raw.split(',').map(endpointTarget);
  for (const e of list) {
    if (!/^(\[[0-9a-fA-F:.]+\]|[^:\s/]+):\d{1,5}$/.test(e)) throw new UsageError(`--endpoints: "${e}" is not host:port`, '--endpoints');
  }
  return list;
}
