// The pure part of the service proxy: which rules a Service and its Endpoints make, and what
// changed between two rule sets.
import { describe, expect, it } from 'vitest';
import { DEFAULT_AFFINITY_SECONDS, diffRules, isEmptyChange, rulesForService, shortId, type ServicePortRule } from '../../src/node/proxy/service-rules.ts';
import { endpoints, service } from './proxy-harness.ts';

const ports = [
  { name: 'http', port: 80, targetPort: 8080 },
  { name: 'dns', port: 53, protocol: 'UDP' },
];
const epPorts = [
  { name: 'http', port: 8080, protocol: 'TCP' },
  { name: 'dns', port: 5353, protocol: 'UDP' },
];

describe('rulesForService', () => {
  it('makes one rule per service port, with the ready endpoints matched by port name and protocol', () => {
    const rules = rulesForService(service('web', '10.96.0.10', ports), endpoints('web', [{ ip: '10.244.2.9', nodeName: 'n2' }, { ip: '10.244.1.3', nodeName: 'n1' }], epPorts, [{ ip: '10.244.1.4', nodeName: 'n1' }]), 'n1');
    expect(rules.map((r) => [r.key, r.clusterIP, r.port, r.protocol])).toEqual([
      ['default/web:http/TCP', '10.96.0.10', 80, 'TCP'],
      ['default/web:dns/UDP', '10.96.0.10', 53, 'UDP'],
    ]);
    // Sorted by address; the not-ready one is not a target; `local` marks this node's.
    expect(rules[0].endpoints.map((e) => [e.ip, e.port, e.local])).toEqual([
      ['10.244.1.3', 8080, true],
      ['10.244.2.9', 8080, false],
    ]);
    expect(rules[1].endpoints.map((e) => `${e.ip}:${e.port}`)).toEqual(['10.244.1.3:5353', '10.244.2.9:5353']);
    expect(rules[0].nodePort).toBeUndefined();
    expect(rules[0].affinitySeconds).toBeUndefined();
  });

  it('gives headless, ExternalName and unallocated services no rules', () => {
    expect(rulesForService(service('h', 'None', ports), undefined, 'n1')).toEqual([]);
    expect(rulesForService(service('x', '', ports, { type: 'ExternalName', externalName: 'example.org' }), undefined, 'n1')).toEqual([]);
    expect(rulesForService(service('u', '', ports), undefined, 'n1')).toEqual([]);
  });

  it('keeps a rule with no endpoints (its node port is refused), node ports only for NodePort/LoadBalancer', () => {
    const [np] = rulesForService(service('np', '10.96.0.11', [{ name: 'http', port: 80, nodePort: 30080 }], { type: 'NodePort', externalTrafficPolicy: 'Local' }), undefined, 'n1');
    expect(np.endpoints).toEqual([]);
    expect(np.nodePort).toBe(30080);
    expect(np.externalLocal).toBe(true);
    const [cip] = rulesForService(service('c', '10.96.0.12', [{ name: 'http', port: 80, nodePort: 30081 }]), undefined, 'n1');
    expect(cip.nodePort).toBeUndefined();
  });

  it('carries ClientIP affinity with its timeout (Kubernetes default 3 h)', () => {
    const [a] = rulesForService(service('a', '10.96.0.13', [{ name: 'http', port: 80 }], { sessionAffinity: 'ClientIP' }), undefined, 'n1');
    expect(a.affinitySeconds).toBe(DEFAULT_AFFINITY_SECONDS);
    const [b] = rulesForService(service('b', '10.96.0.14', [{ name: 'http', port: 80 }], { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 30 } } }), undefined, 'n1');
    expect(b.affinitySeconds).toBe(30);
  });

  it('names kernel objects by a stable 16-character id', () => {
    expect(shortId('default/web:http/TCP')).toMatch(/^[a-z2-7]{16}$/);
    expect(shortId('default/web:http/TCP')).toBe(shortId('default/web:http/TCP'));
    expect(shortId('default/web:http/TCP')).not.toBe(shortId('default/web:http/UDP'));
  });
});

describe('diffRules', () => {
  const rule = (id: string, ips: string[]): ServicePortRule => ({
    id,
    key: id,
    clusterIP: '10.96.0.1',
    port: 80,
    protocol: 'TCP',
    externalLocal: false,
    endpoints: ips.map((ip) => ({ ip, port: 8080, local: false, id: shortId(`${id}|${ip}`) })),
  });

  it('sorts ids into added, removed and changed, and ignores equal rules', () => {
    const before = new Map([['a', rule('a', ['1.1.1.1'])], ['b', rule('b', ['2.2.2.2'])], ['c', rule('c', ['3.3.3.3'])]]);
    const after = new Map([['a', rule('a', ['1.1.1.1'])], ['b', rule('b', ['2.2.2.2', '2.2.2.3'])], ['d', rule('d', [])]]);
    const c = diffRules(before, after);
    expect(c.added.map((r) => r.id)).toEqual(['d']);
    expect(c.removed.map((r) => r.id)).toEqual(['c']);
    expect(c.changed.map((x) => x.after.id)).toEqual(['b']);
    expect(isEmptyChange(diffRules(before, new Map(before)))).toBe(true);
  });
});
