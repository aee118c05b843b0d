// UDP has no connection end: a conntrack entry keeps steering a client's datagrams (the same
// address and port pair, as a DNS resolver or a game client reuses) to the endpoint chosen
// first, even after that endpoint left the service, until the entry times out (30 s, 120 s once
// answered). So after each kernel update the proxy deletes the UDP entries the update made
// stale, as kube-proxy does: those addressed to a service port's virtual IP (or node port) and
// NATed to an endpoint that is no longer there. TCP needs none of this: a new connection is a
// new entry, and an established one to a gone pod ends on its own.
import type { Logger } from 'pino';
import { CommandError, CommandRunner } from '../network/command.ts';
import type { RuleChanges, ServicePortRule } from './service-rules.ts';

/** One `conntrack -D` filter (the arguments after -D). */
export type ConntrackFilter = string[];

function flowsTo(r: ServicePortRule, endpointIps: Iterable<string>): ConntrackFilter[] {
  const out: ConntrackFilter[] = [];
  for (const ip of endpointIps) {
    out.push(['-p', 'udp', '--orig-dst', r.clusterIP, '--orig-port-dst', String(r.port), '--dst-nat', ip]);
    if (r.nodePort !== undefined) out.push(['-p', 'udp', '--orig-port-dst', String(r.nodePort), '--dst-nat', ip]);
  }
  return out;
}

/** The UDP flows `changes` left pointing at endpoints that are gone. */
export function staleUdpFlows(changes: RuleChanges): ConntrackFilter[] {
  const out: ConntrackFilter[] = [];
  const ips = (r: ServicePortRule) => new Set(r.endpoints.map((e) => e.ip));
  for (const r of changes.removed) if (r.protocol === 'UDP') out.push(...flowsTo(r, ips(r)));
  for (const { before, after } of changes.changed) {
    if (before.protocol !== 'UDP') continue;
    const kept = after.protocol === 'UDP' && after.clusterIP === before.clusterIP && after.port === before.port && after.nodePort === before.nodePort ? ips(after) : new Set<string>();
    out.push(...flowsTo(before, [...ips(before)].filter((ip) => !kept.has(ip))));
  }
  return out;
}

export class UdpConntrackCleaner {
  private readonly cmd: CommandRunner;
  private missing = false;

  constructor(
    private readonly log: Logger,
    private readonly netns?: string,
  ) {
    this.cmd = new CommandRunner(log);
  }

  /** Deletes the flows; failures are logged (the entries time out anyway), never thrown. */
  async clean(filters: ConntrackFilter[]): Promise<void> {
    if (this.missing) return;
    for (const f of filters) {
      try {
        // Exit 1 with "0 flow entries have been deleted" is the common, harmless case.
        await this.cmd.run(['conntrack', '-D', ...f], { netns: this.netns, tolerate: /0 flow entries/ });
      } catch (err) {
        if (err instanceof CommandError && /ENOENT|failed to execute|not found/i.test(err.message)) {
          this.missing = true;
          this.log.warn({ event: 'conntrack-missing' }, 'conntrack(8) is not installed: UDP flows to removed endpoints are not flushed');
          return;
        }
        this.log.warn({ event: 'conntrack-delete-failed', filter: f.join(' '), err: (err as Error).message }, 'could not delete stale UDP flows');
      }
    }
  }
}
