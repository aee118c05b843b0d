// Which UDP conntrack entries a proxy update makes stale (the kernel side is exercised in
// service-proxy.test.ts with real datagrams).
import { describe, expect, it } from 'vitest';
import type { ServicePortRule } from '../../src/node/proxy/service-rules.ts';
import { staleUdpFlows } from '../../src/node/proxy/udp-conntrack.ts';

const rule = (ips: string[], more: Partial<ServicePortRule> = {}): ServicePortRule => ({
  id: 'r1',
  key: 'default/dns:dns/UDP',
  clusterIP: '10.96.0.10',
  port: 53,
  protocol: 'UDP',
  externalLocal: false,
  endpoints: ips.map((ip) => ({ ip, port: 9053, local: false, id: ip })),
  ...more,
});
const nat = (ip: string) => ['-p', 'udp', '--orig-dst', '10.96.0.10', '--orig-port-dst', '53', '--dst-nat', ip];

describe('staleUdpFlows', () => {
  it('an endpoint that left a UDP service port: its flows to the VIP (and node port), nothing else', () => {
    expect(staleUdpFlows({ added: [], removed: [], changed: [{ before: rule(['10.244.1.2', '10.244.1.3']), after: rule(['10.244.1.3', '10.244.1.4']) }] })).toEqual([nat('10.244.1.2')]);
    const np = { nodePort: 30053 };
    expect(staleUdpFlows({ added: [], removed: [], changed: [{ before: rule(['10.244.1.2'], np), after: rule([], np) }] })).toEqual([
      nat('10.244.1.2'),
      ['-p', 'udp', '--orig-port-dst', '30053', '--dst-nat', '10.244.1.2'],
    ]);
  });

  it('a removed UDP service port, or one whose address or port changed: every old endpoint', () => {
    expect(staleUdpFlows({ added: [], removed: [rule(['10.244.1.2', '10.244.1.3'])], changed: [] })).toEqual([nat('10.244.1.2'), nat('10.244.1.3')]);
    expect(staleUdpFlows({ added: [], removed: [], changed: [{ before: rule(['10.244.1.2']), after: rule(['10.244.1.2'], { port: 54 }) }] })).toEqual([nat('10.244.1.2')]);
  });

  it('TCP, additions, and endpoints that stay: nothing to flush', () => {
    const tcp = { protocol: 'TCP' as const };
    expect(staleUdpFlows({ added: [rule(['10.244.1.2'])], removed: [rule(['10.244.1.2'], tcp)], changed: [{ before: rule(['10.244.1.2'], tcp), after: rule([], tcp) }] })).toEqual([]);
    expect(staleUdpFlows({ added: [], removed: [], changed: [{ before: rule(['10.244.1.2']), after: rule(['10.244.1.2', '10.244.1.5']) }] })).toEqual([]);
  });
});
