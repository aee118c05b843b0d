// The service proxy on two simulated node hosts (plus an outside client host), in both kernel
// modes: real iptables / nftables rules in namespaces this test made inside the run's sandbox,
// real TCP connections from pods and hosts. Services and endpoints are fed by hand (the
// informer plumbing is tested with real masters elsewhere). Skipped outside the sandbox.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgePodNetwork } from '../../src/node/network/pod-network.ts';
import { IptablesBackend } from '../../src/node/proxy/iptables-backend.ts';
import { NftablesBackend } from '../../src/node/proxy/nftables-backend.ts';
import type { ProxyBackend, ProxyConfig, ProxyMode } from '../../src/node/proxy/proxy-backend.ts';
import { ServiceProxy } from '../../src/node/proxy/service-proxy.ts';
import { inSandbox, NetnsHarness, sh, trySh } from './netns-harness.ts';
import { chiSquareEven, EchoConnection, endpoints, PodServers, probe, service, StaticSource, udpAsk } from './proxy-harness.ts';

const log = pino({ level: process.env.SHOAL_TEST_LOG ?? 'silent' });
const SERVICE_CIDR = '10.96.0.0/16';
const HTTP = [{ name: 'http', port: 8080, protocol: 'TCP' }];
const ECHO = [{ name: 'echo', port: 9000, protocol: 'TCP' }];
/** Chi-square critical value for 2 degrees of freedom at p = 0.0001 (a false alarm once in 10,000 runs). */
const CHI2_DF2_P0001 = 18.42;

function backendFor(mode: ProxyMode, netns: string): ProxyBackend {
  const config: ProxyConfig = { serviceCidr: SERVICE_CIDR, clusterCidr: '10.244.0.0/16', netns };
  return mode === 'iptables' ? new IptablesBackend(config, log) : new NftablesBackend(config, log);
}

function kernelRules(mode: ProxyMode, netns: string): string {
  return mode === 'iptables' ? sh(['iptables-save'], { netns }) : sh(['nft', 'list', 'ruleset'], { netns });
}

describe.skipIf(!inSandbox()).each(['iptables', 'nftables'] as const)('service proxy, %s mode (in the test sandbox)', (mode) => {
  let h: NetnsHarness;
  let servers: PodServers;
  let node1: { netns: string; nodeIp: string };
  let node2: { netns: string; nodeIp: string };
  let client: { netns: string; nodeIp: string };
  const pods: Record<string, { netns: string; ip: string; node: string }> = {};
  const services = new StaticSource();
  const eps = new StaticSource();
  const proxies: ServiceProxy[] = [];
  const ep = (...names: string[]) => names.map((n) => ({ ip: pods[n].ip, nodeName: pods[n].node }));

  const newProxy = (node: { netns: string }, nodeName: string) =>
    new ServiceProxy({ backend: backendFor(mode, node.netns), services, endpoints: eps, nodeName, serviceCidr: SERVICE_CIDR, routeDev: 'shoal0', netns: node.netns, logger: log });
  const synced = () => Promise.all(proxies.map((p) => p.whenSynced()));

  beforeAll(async () => {
    h = new NetnsHarness();
    servers = new PodServers();
    node1 = h.nodeHost('n1');
    node2 = h.nodeHost('n2');
    client = h.nodeHost('c');
    const net1 = new BridgePodNetwork({ podCidr: '10.244.1.0/24', dataDir: mkdtempSync(join(h.tmp, 'n1-')), hostNetns: node1.netns, logger: log });
    const net2 = new BridgePodNetwork({ podCidr: '10.244.2.0/24', dataDir: mkdtempSync(join(h.tmp, 'n2-')), hostNetns: node2.netns, logger: log });
    await net1.setup();
    await net2.setup();
    await net1.routeToPeers([{ podCidr: '10.244.2.0/24', nodeIp: node2.nodeIp }]);
    await net2.routeToPeers([{ podCidr: '10.244.1.0/24', nodeIp: node1.nodeIp }]);
    for (const [name, net, node] of [['a1', net1, 'n1'], ['a2', net1, 'n1'], ['b1', net2, 'n2']] as const) {
      const netns = h.netns(name);
      const ip = await net.attach({ uid: name, namespace: 'default', name }, netns);
      pods[name] = { netns, ip, node };
      await servers.start(netns, name);
    }
    // Rules of someone else, which the proxy must never touch.
    sh(['iptables', '-t', 'nat', '-N', 'FOREIGN'], { netns: node1.netns });
    sh(['iptables', '-t', 'nat', '-A', 'FOREIGN', '-p', 'tcp', '--dport', '5555', '-j', 'RETURN'], { netns: node1.netns });
    sh(['nft', 'add', 'table', 'ip', 'foreign'], { netns: node1.netns });

    services.set(service('web', '10.96.0.10', [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }], { type: 'NodePort' }));
    eps.set(endpoints('web', ep('a1', 'a2', 'b1'), HTTP));
    services.set(service('echo', '10.96.0.11', [{ name: 'echo', port: 90, targetPort: 9000 }]));
    eps.set(endpoints('echo', ep('b1'), ECHO));
    services.set(service('empty', '10.96.0.12', [{ name: 'http', port: 80, nodePort: 30081 }], { type: 'NodePort' }));
    eps.set(endpoints('empty', [], HTTP, ep('a1')));
    services.set(service('sticky', '10.96.0.13', [{ name: 'http', port: 80 }], { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }));
    eps.set(endpoints('sticky', ep('a1', 'a2', 'b1'), HTTP));
    services.set(service('self', '10.96.0.14', [{ name: 'http', port: 80 }]));
    eps.set(endpoints('self', ep('a1'), HTTP));
    services.set(service('headless', 'None', [{ name: 'http', port: 80 }]));
    eps.set(endpoints('headless', ep('a1'), HTTP));

    proxies.push(newProxy(node1, 'n1'), newProxy(node2, 'n2'));
    await Promise.all(proxies.map((p) => p.start()));
    await synced();
  }, 120_000);

  afterAll(() => {
    for (const p of proxies) p.stop();
    servers?.stopAll();
    h?.cleanup();
  });

  it('a virtual IP answers from pods on both nodes and from both hosts, spread evenly over its endpoints', async () => {
    for (const from of [pods.a1.netns, pods.b1.netns, node1.netns, node2.netns]) {
      const r = await probe(from, '10.96.0.10', 80, 30);
      expect(r.errors).toEqual({});
      expect(Object.keys(r.answers).sort()).toEqual(expect.arrayContaining(['a1', 'a2', 'b1'].filter((n) => r.answers[n])));
      expect(Object.values(r.answers).reduce((a, b) => a + b, 0)).toBe(30);
    }
    const r = await probe(pods.a2.netns, '10.96.0.10', 80, 1000);
    expect(r.errors).toEqual({});
    const counts = ['a1', 'a2', 'b1'].map((n) => r.answers[n] ?? 0);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(chiSquareEven(counts), `counts ${counts.join('/')}`).toBeLessThan(CHI2_DF2_P0001);
  }, 60_000);

  it('a pod reaching itself through its service (hairpin) is answered, masqueraded to the node', async () => {
    const r = await probe(pods.a1.netns, '10.96.0.14', 80, 5);
    expect(r.answers).toEqual({ a1: 5 });
    expect(Object.keys(r.clients)).toEqual(['10.244.1.1']);
  });

  it('an endpoint removed by a scale-down receives no new connection once the proxy has synced', async () => {
    eps.set(endpoints('web', ep('a1', 'a2'), HTTP));
    await synced();
    for (const from of [pods.b1.netns, node1.netns]) {
      const r = await probe(from, '10.96.0.10', 80, 100);
      expect(r.errors).toEqual({});
      expect(r.answers.b1 ?? 0).toBe(0);
      expect((r.answers.a1 ?? 0) + (r.answers.a2 ?? 0)).toBe(100);
    }
    eps.set(endpoints('web', ep('a1', 'a2', 'b1'), HTTP));
    await synced();
    const back = await probe(pods.a1.netns, '10.96.0.10', 80, 60);
    expect(back.answers.b1 ?? 0).toBeGreaterThan(0);
  }, 60_000);

  it('a UDP client that keeps its source port reaches the new endpoint once its old one left (stale conntrack entries flushed)', async () => {
    const DNS = [{ name: 'dns', port: 9053, protocol: 'UDP' }];
    services.set(service('udp', '10.96.0.15', [{ name: 'dns', port: 53, targetPort: 9053, protocol: 'UDP' }]));
    eps.set(endpoints('udp', ep('a1'), DNS));
    await synced();
    const port = 40_000 + Math.floor(Math.random() * 10_000);
    expect(await udpAsk(pods.b1.netns, '10.96.0.15', 53, port)).toBe('a1');
    // a1 still runs: without the flush its conntrack entry would keep answering this client
    eps.set(endpoints('udp', ep('a2'), DNS));
    await synced();
    expect(await udpAsk(pods.b1.netns, '10.96.0.15', 53, port)).toBe('a2');
    services.delete('default', 'udp');
    eps.delete('default', 'udp');
    await synced();
  }, 30_000);

  it('a service with no ready endpoint, and an unallocated service address, refuse at once (no timeout)', async () => {
    for (const from of [pods.a1.netns, node2.netns]) {
      for (const ip of ['10.96.0.12', '10.96.7.7']) {
        const r = await probe(from, ip, 80, 3, 3000);
        expect(r.errors, `${ip} from ${from}`).toEqual({ ECONNREFUSED: 3 });
      }
    }
    // Its node port is refused too.
    const np = await probe(client.netns, node1.nodeIp, 30081, 2, 3000);
    expect(np.errors).toEqual({ ECONNREFUSED: 2 });
  }, 60_000);

  it('a NodePort service answers on every node address, from an outside host and from the nodes', async () => {
    for (const nodeIp of [node1.nodeIp, node2.nodeIp]) {
      const r = await probe(client.netns, nodeIp, 30080, 30);
      expect(r.errors).toEqual({});
      expect(Object.values(r.answers).reduce((a, b) => a + b, 0)).toBe(30);
      // Masqueraded: the endpoint saw the node, so its reply went back through the node's NAT.
      expect(Object.keys(r.clients).every((c) => c === nodeIp || c.startsWith('10.244.'))).toBe(true);
    }
    const local = await probe(node2.netns, node2.nodeIp, 30080, 10);
    expect(local.errors).toEqual({});
  }, 60_000);

  it('ClientIP session affinity keeps one client on one endpoint', async () => {
    for (const from of [pods.a2.netns, pods.b1.netns]) {
      const r = await probe(from, '10.96.0.13', 80, 25);
      expect(r.errors).toEqual({});
      expect(Object.keys(r.answers)).toHaveLength(1);
    }
  });

  it('a headless service gets no virtual-IP rule', () => {
    const rules = kernelRules(mode, node1.netns);
    expect(rules).toContain('10.96.0.10');
    expect(rules).not.toMatch(/\bNone\b/);
    // Only the five services with a virtual IP have a service entry.
    const entries = mode === 'iptables' ? rules.split('\n').filter((l) => l.startsWith('-A SHOAL-SERVICES -d ')) : (/service-ips \{[^}]*elements = \{([^}]*)\}/s.exec(rules)?.[1] ?? '').split(',').filter((s) => s.includes('goto'));
    expect(entries).toHaveLength(4); // web, echo, sticky, self (empty has no endpoint)
  });

  it('a restarted proxy keeps established connections, and removes the rules of a service deleted while it was down', async () => {
    const conn = new EchoConnection(pods.a1.netns, '10.96.0.11', 90);
    try {
      expect(await conn.roundTrip('before')).toBe('before');
      const old = proxies[0];
      old.stop();
      services.delete('default', 'sticky');
      eps.delete('default', 'sticky');
      const fresh = newProxy(node1, 'n1');
      proxies[0] = fresh;
      await fresh.start();
      await fresh.whenSynced();
      expect(await conn.roundTrip('after')).toBe('after');
      expect(fresh.size).toBe(4); // web, echo, empty (its node-port reject), self
      const gone = await probe(pods.a1.netns, '10.96.0.13', 80, 2, 3000);
      expect(gone.errors).toEqual({ ECONNREFUSED: 2 });
      const ok = await probe(pods.a1.netns, '10.96.0.10', 80, 10);
      expect(ok.errors).toEqual({});
    } finally {
      conn.close();
    }
  }, 60_000);

  it('cleanup removes everything the proxy wrote and nothing it did not', async () => {
    const p = proxies[0];
    p.stop();
    await p.cleanup();
    const rules = kernelRules(mode, node1.netns);
    expect(rules).not.toMatch(/SHOAL|table ip shoal/);
    expect(sh(['iptables-save', '-t', 'nat'], { netns: node1.netns })).toMatch(/-A FOREIGN -p tcp -m tcp --dport 5555 -j RETURN/);
    expect(sh(['nft', 'list', 'tables'], { netns: node1.netns })).toMatch(/table ip foreign/);
    expect(trySh(['ip', 'route', 'show', SERVICE_CIDR], { netns: node1.netns }).stdout.trim()).toBe('');
  });
});
