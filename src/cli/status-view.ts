// Fetching and showing the Status of several masters; shared by `shoal status` and `shoal up`.
import { status as grpcStatus } from '@grpc/grpc-js';
import type { StatusResponse__Output } from '../gen/shoal/control/StatusResponse.ts';
import { formatId } from '../master/member-id.ts';
import { ControlCallError, ControlClient } from './control-client.ts';
import { renderTable } from './table.ts';

export type EndpointStatus = { endpoint: string; status: StatusResponse__Output } | { endpoint: string; error: ControlCallError };

/** Asks every endpoint at once; a dead one yields an error entry, never a rejection. */
export async function fetchStatuses(endpoints: string[], timeoutMs: number): Promise<EndpointStatus[]> {
  const clients = endpoints.map((e) => new ControlClient(e, timeoutMs));
  try {
    return await statusesOf(clients);
  } finally {
    for (const c of clients) c.close();
  }
}

/** Same, over clients the caller keeps open between rounds. */
export function statusesOf(clients: ControlClient[]): Promise<EndpointStatus[]> {
  return Promise.all(
    clients.map(async (client): Promise<EndpointStatus> => {
      try {
        return { endpoint: client.endpoint, status: await client.status() };
      } catch (err) {
        const error = err instanceof ControlCallError ? err : new ControlCallError(client.endpoint, 'Status', grpcStatus.UNKNOWN, String(err));
        return { endpoint: client.endpoint, error };
      }
    }),
  );
}

const HEADERS = ['ENDPOINT', 'NAME', 'ID', 'ROLE', 'TERM', 'LEADER', 'COMMIT', 'APPLIED', 'ENTRIES', 'DIGEST'];
/** Enough of the sha256 to tell sequences apart at a glance. */
const DIGEST_CHARS = 16;

export function renderStatusTable(results: EndpointStatus[]): string {
  const { headers, rows } = statusRows(results);
  const errors = results.flatMap((r) => ('error' in r ? [`${r.endpoint}: ${r.error.details}`] : []));
  return [renderTable(headers, rows), ...errors].join('\n');
}

/** The status table's cells, for callers that add columns of their own (`shoal cluster status`). */
export function statusRows(results: EndpointStatus[]): { headers: string[]; rows: string[][] } {
  const rows = results.map((r) => {
    if ('error' in r) return [r.endpoint, '-', '-', grpcStatus[r.error.code]?.toLowerCase() ?? 'error', '-', '-', '-', '-', '-', '-'];
    const s = r.status;
    return [
      r.endpoint,
      s.name,
      formatId(s.id),
      s.role,
      String(s.term),
      leaderLabel(s),
      String(s.commit),
      String(s.applied),
      String(s.smAppliedCount),
      s.smDigest.slice(0, DIGEST_CHARS),
    ];
  });
  return { headers: HEADERS, rows };
}

function leaderLabel(s: StatusResponse__Output): string {
  if (!s.leaderId) return '-';
  return s.members.find((m) => m.id === s.leaderId && m.name)?.name ?? formatId(s.leaderId);
}

/** The leader every answering endpoint agrees on and that itself says it leads, or undefined. */
export function agreedLeader(results: EndpointStatus[], expectAnswers: number): StatusResponse__Output | undefined {
  const ok = results.flatMap((r) => ('status' in r ? [r.status] : []));
  if (ok.length < expectAnswers) return undefined;
  const leaderId = ok[0]?.leaderId;
  if (!leaderId || ok.some((s) => s.leaderId !== leaderId)) return undefined;
  const leader = ok.find((s) => s.id === leaderId);
  return leader?.role === 'leader' ? leader : undefined;
}
