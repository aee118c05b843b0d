// A pod's resolv.conf by dnsPolicy, as the kubelet builds it.
import { describe, expect, it } from 'vitest';
import { formatResolvConf, parseResolvConf, podDnsConfig } from '../../../src/node/dns/pod-dns.ts';

const cluster = { nameserver: '10.244.1.1', domain: 'cluster.local' };
const host = () => ({ nameservers: ['192.0.2.53'], searches: ['corp.example'], options: ['timeout:2'] });
const pod = (spec: Record<string, unknown>, namespace = 'team-a') => ({ metadata: { name: 'p', namespace }, spec: { containers: [], ...spec } });

describe('pod DNS config', () => {
  it('ClusterFirst (the default): the node cluster DNS, namespace search domains, ndots:5', () => {
    const want = { nameservers: ['10.244.1.1'], searches: ['team-a.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] };
    expect(podDnsConfig(pod({}), cluster, host)).toEqual(want);
    expect(podDnsConfig(pod({ dnsPolicy: 'ClusterFirst' }), cluster, host)).toEqual(want);
    expect(formatResolvConf(want)).toBe('nameserver 10.244.1.1\nsearch team-a.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n');
  });

  it('hostNetwork pods keep the host resolver unless ClusterFirstWithHostNet', () => {
    expect(podDnsConfig(pod({ hostNetwork: true }), cluster, host)).toBeUndefined();
    expect(podDnsConfig(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), cluster, host)?.nameservers).toEqual(['10.244.1.1']);
  });

  it('Default keeps the host resolv.conf, merged with dnsConfig when there is one', () => {
    expect(podDnsConfig(pod({ dnsPolicy: 'Default' }), cluster, host)).toBeUndefined();
    expect(podDnsConfig(pod({ dnsPolicy: 'Default', dnsConfig: { searches: ['x.example'], options: [{ name: 'timeout', value: '1' }, { name: 'edns0' }] } }), cluster, host)).toEqual({
      nameservers: ['192.0.2.53'],
      searches: ['corp.example', 'x.example'],
      options: ['timeout:1', 'edns0'],
    });
  });

  it('None: only dnsConfig; dnsConfig merges into ClusterFirst (deduplicated, options by name, 3 nameservers at most)', () => {
    expect(podDnsConfig(pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['10.0.0.2'], searches: ['a.b'] } }), cluster, host)).toEqual({ nameservers: ['10.0.0.2'], searches: ['a.b'], options: [] });
    expect(
      podDnsConfig(pod({ dnsConfig: { nameservers: ['10.244.1.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'], searches: ['svc.cluster.local', 'extra.example'], options: [{ name: 'ndots', value: '2' }] } }), cluster, host),
    ).toEqual({
      nameservers: ['10.244.1.1', '10.0.0.2', '10.0.0.3'],
      searches: ['team-a.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'extra.example'],
      options: ['ndots:2'],
    });
  });

  it('without a cluster DNS on the node, ClusterFirst falls back to the host resolver', () => {
    expect(podDnsConfig(pod({}), undefined, host)).toBeUndefined();
  });

  it('parses resolv.conf (comments, the last search line, options)', () => {
    expect(parseResolvConf('# x\nnameserver 1.1.1.1 # c\nsearch a b\nsearch c\noptions ndots:1 rotate\nnameserver 2.2.2.2\n')).toEqual({ nameservers: ['1.1.1.1', '2.2.2.2'], searches: ['c'], options: ['ndots:1', 'rotate'] });
  });
});
