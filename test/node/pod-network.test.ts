// The bridge pod network on simulated node hosts. Everything runs inside the sandbox namespace
// of the test run (scripts/sandbox.sh): each node host is a further namespace made here, joined
// to the others by veth over a "wire" bridge; pods are namespaces attached by BridgePodNetwork;
// servers are busybox httpd. Skipped outside the sandbox or when not root.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BridgePodNetwork, hostVethName, ROUTE_PROTOCOL } from '../../src/node/network/pod-network.ts';
import type { PodRef } from '../../src/node/runtime/runtime.ts';
import { inSandbox, NetnsHarness, sh, trySh } from './netns-harness.ts';

const pod = (uid: string): PodRef => ({ uid, namespace: 'default', name: `pod-${uid}` });

interface IpAddr {
  ifname: string;
  addr_info: { family: string; local: string; prefixlen: number }[];
}

function podAddress(netns: string): string | undefined {
  const r = trySh(['ip', '-j', 'addr', 'show', 'dev', 'eth0'], { netns });
  if (r.status !== 0) return undefined;
  const links = JSON.parse(r.stdout) as IpAddr[];
  return links[0]?.addr_info.find((a) => a.family === 'inet')?.local;
}

describe.skipIf(!inSandbox())('BridgePodNetwork (in the test sandbox)', () => {
  let h: NetnsHarness;
  let node1: { netns: string; nodeIp: string };
  let node2: { netns: string; nodeIp: string };
  let dataDir1: string;
  let dataDir2: string;
  let net1: BridgePodNetwork;
  let net2: BridgePodNetwork;
  const pods: Record<string, string> = {};

  beforeAll(() => {
    h = new NetnsHarness();
    node1 = h.nodeHost('n1');
    node2 = h.nodeHost('n2');
    dataDir1 = mkdtempSync(join(h.tmp, 'agent1-'));
    dataDir2 = mkdtempSync(join(h.tmp, 'agent2-'));
    net1 = new BridgePodNetwork({ podCidr: '10.244.1.0/24', dataDir: dataDir1, hostNetns: node1.netns });
    net2 = new BridgePodNetwork({ podCidr: '10.244.2.0/24', dataDir: dataDir2, hostNetns: node2.netns });
    for (const p of ['a1', 'a2', 'b1']) pods[p] = h.netns(p);
  });

  afterAll(() => {
    h?.cleanup();
  });

  it('two pods on one node get distinct addresses and reach each other over the bridge', async () => {
    const ipA1 = await net1.attach(pod('a1'), pods.a1);
    const ipA2 = await net1.attach(pod('a2'), pods.a2);
    expect(ipA1).toBe('10.244.1.2');
    expect(ipA2).toBe('10.244.1.3');
    expect(podAddress(pods.a1)).toBe(ipA1);
    expect(net1.allocations()).toEqual(new Map([['a1', ipA1], ['a2', ipA2]]));

    // The bridge holds the gateway address; each pod routes through it.
    const br = JSON.parse(sh(['ip', '-j', 'addr', 'show', 'dev', 'shoal0'], { netns: node1.netns })) as IpAddr[];
    expect(br[0].addr_info.filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`)).toEqual(['10.244.1.1/24']);
    expect(sh(['ip', 'route', 'show', 'default'], { netns: pods.a1 })).toMatch(/default via 10\.244\.1\.1 dev eth0/);
    const hostVeth = JSON.parse(sh(['ip', '-j', 'link', 'show', 'dev', hostVethName('a1')], { netns: node1.netns })) as { master?: string }[];
    expect(hostVeth[0].master).toBe('shoal0');

    expect(h.ping(pods.a1, ipA2)).toBe(true);
    expect(h.ping(pods.a1, net1.gateway)).toBe(true);
    await h.httpd(pods.a2, 8080);
    expect(h.wget(pods.a1, `http://${ipA2}:8080/`)).toBe('hello from shoal\n');
    expect(h.clientAddressSeen(pods.a1, ipA2, 8080)).toBe(ipA1);
  });

  it('attach is idempotent, and re-attaches a pod whose namespace was replaced (same address)', async () => {
    const before = sh(['ip', '-j', 'link', 'show', 'dev', hostVethName('a1')], { netns: node1.netns });
    expect(await net1.attach(pod('a1'), pods.a1)).toBe('10.244.1.2');
    expect(sh(['ip', '-j', 'link', 'show', 'dev', hostVethName('a1')], { netns: node1.netns })).toBe(before); // untouched
    expect(net1.allocations().size).toBe(2);

    // A pod whose sandbox is recreated (say Docker's pause container restarted): new namespace, same uid.
    const old = h.netns('a3old');
    expect(await net1.attach(pod('a3'), old)).toBe('10.244.1.4');
    h.deleteNetns(old);
    const fresh = h.netns('a3new');
    expect(await net1.attach(pod('a3'), fresh)).toBe('10.244.1.4');
    expect(podAddress(fresh)).toBe('10.244.1.4');
    expect(h.ping(fresh, '10.244.1.2')).toBe(true);
    await net1.detach(pod('a3'));
  });

  it('detach removes the veth and frees the address; detaching twice is fine', async () => {
    const p = h.netns('a4');
    const ip = await net1.attach(pod('a4'), p);
    expect(net1.allocations().get('a4')).toBe(ip);
    await net1.detach(pod('a4'));
    expect(net1.allocations().has('a4')).toBe(false);
    expect(trySh(['ip', 'link', 'show', 'dev', hostVethName('a4')], { netns: node1.netns }).status).not.toBe(0);
    expect(podAddress(p)).toBeUndefined(); // the pod's eth0 went with its peer
    await net1.detach(pod('a4'));
    await net1.detach(pod('never-attached'));
    // Round-robin: the freed address is not handed out again at once.
    const p5 = h.netns('a5');
    const ip5 = await net1.attach(pod('a5'), p5);
    expect(ip5).not.toBe(ip);
    expect(new Set(net1.allocations().values()).size).toBe(net1.allocations().size);
    await net1.detach(pod('a5'));
  });

  it('concurrent attaches get distinct addresses', async () => {
    const uids = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const paths = uids.map((u) => h.netns(u));
    const ips = await Promise.all(uids.map((u, i) => net1.attach(pod(u), paths[i])));
    expect(new Set(ips).size).toBe(uids.length);
    for (let i = 0; i < uids.length; i++) expect(podAddress(paths[i])).toBe(ips[i]);
    await Promise.all(uids.map((u) => net1.detach(pod(u))));
    for (const p of paths) h.deleteNetns(p);
  });

  it('a restarted PodNetwork keeps its allocations (persisted in the data dir)', async () => {
    const state = JSON.parse(readFileSync(join(dataDir1, 'pod-network.json'), 'utf8')) as { pods: Record<string, { ip: string }> };
    expect(state.pods.a1.ip).toBe('10.244.1.2');
    const again = new BridgePodNetwork({ podCidr: '10.244.1.0/24', dataDir: dataDir1, hostNetns: node1.netns });
    expect(again.allocations()).toEqual(net1.allocations());
    expect(await again.attach(pod('a1'), pods.a1)).toBe('10.244.1.2');
    const p = h.netns('a6');
    const ip6 = await again.attach(pod('a6'), p);
    expect([...net1.allocations().values()]).not.toContain(ip6);
    await again.detach(pod('a6'));
    net1 = again;
  });

  it('pods on two nodes reach each other without NAT through host routes (routeToPeers)', async () => {
    const ipB1 = await net2.attach(pod('b1'), pods.b1);
    expect(ipB1).toBe('10.244.2.2');
    await h.httpd(pods.b1, 8081);
    const ipA1 = net1.allocations().get('a1')!;
    // No routes yet: node 1 does not know 10.244.2.0/24.
    expect(h.ping(pods.a1, ipB1, 1)).toBe(false);

    const peers = [
      { podCidr: net1.podCidr, nodeIp: node1.nodeIp },
      { podCidr: net2.podCidr, nodeIp: node2.nodeIp },
    ];
    expect(await net1.routeToPeers(peers)).toEqual({ added: ['10.244.2.0/24'], removed: [], failed: [] });
    expect(await net2.routeToPeers(peers)).toEqual({ added: ['10.244.1.0/24'], removed: [], failed: [] });
    // Idempotent.
    expect(await net1.routeToPeers(peers)).toEqual({ added: [], removed: [], failed: [] });

    expect(sh(['ip', 'route', 'show', 'proto', String(ROUTE_PROTOCOL)], { netns: node1.netns }).trim()).toBe(
      `10.244.2.0/24 via ${node2.nodeIp} dev wire0`,
    );
    expect(h.ping(pods.a1, ipB1)).toBe(true);
    // The server sees the client's pod IP: no NAT on the way.
    expect(h.clientAddressSeen(pods.a1, ipB1, 8081)).toBe(ipA1);

    // A node that left: its route goes; an unreachable gateway is reported, the rest still applied.
    const r = await net1.routeToPeers([{ podCidr: '10.244.9.0/24', nodeIp: '192.0.2.1' }, { podCidr: net2.podCidr, nodeIp: node2.nodeIp }]);
    expect(r.added).toEqual([]);
    expect(r.failed.map((f) => f.podCidr)).toEqual(['10.244.9.0/24']);
    expect(await net1.routeToPeers([])).toEqual({ added: [], removed: ['10.244.2.0/24'], failed: [] });
    expect(sh(['ip', 'route', 'show', 'proto', String(ROUTE_PROTOCOL)], { netns: node1.netns }).trim()).toBe('');
    expect(h.ping(pods.a1, ipB1, 1)).toBe(false);
    // Back again, from a restarted agent's object.
    const again = new BridgePodNetwork({ podCidr: '10.244.1.0/24', dataDir: dataDir1, hostNetns: node1.netns });
    expect((await again.routeToPeers(peers)).added).toEqual(['10.244.2.0/24']);
    expect(h.clientAddressSeen(pods.a1, ipB1, 8081)).toBe(ipA1);
    // IPv4 forwarding was turned on in the node hosts (only there).
    expect(sh(['sysctl', '-n', 'net.ipv4.ip_forward'], { netns: node1.netns }).trim()).toBe('1');
  });

  it('a new pod is attached over stale pieces: a leftover host veth of its name, an eth0 already in its namespace', async () => {
    // A host veth named for the pod, left from an agent whose data dir was lost.
    const strayPeer = h.netns('s1stray');
    sh(['ip', 'link', 'add', hostVethName('s1'), 'type', 'veth', 'peer', 'name', 'eth0', 'netns', strayPeer], { netns: node1.netns });
    const p1 = h.netns('s1');
    const ip1 = await net1.attach(pod('s1'), p1);
    expect(podAddress(p1)).toBe(ip1);
    expect(podAddress(strayPeer)).toBeUndefined(); // the stray pair is gone
    expect(h.ping(p1, net1.gateway)).toBe(true);

    // An eth0 already in a new pod's namespace: the first attach fails with the device named
    // and leaves nothing behind (no address held, no veth); the next one succeeds.
    const p2 = h.netns('s2');
    sh(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'other0'], { netns: p2 });
    const before = net1.allocations().size;
    await expect(net1.attach(pod('s2'), p2)).rejects.toThrow(/attaching pod default\/pod-s2.*link add veth/);
    expect(net1.allocations().size).toBe(before);
    expect(trySh(['ip', 'link', 'show', 'dev', hostVethName('s2')], { netns: node1.netns }).status).not.toBe(0);
    const ip2 = await net1.attach(pod('s2'), p2);
    expect(podAddress(p2)).toBe(ip2);
    expect(h.ping(p2, ip1)).toBe(true);
    await net1.detach(pod('s1'));
    await net1.detach(pod('s2'));
  });

  it('refuses to run when not root, with a clear error', () => {
    const spy = vi.spyOn(process as { getuid(): number }, 'getuid').mockReturnValue(1000);
    try {
      expect(() => new BridgePodNetwork({ podCidr: '10.244.3.0/24', dataDir: dataDir1, hostNetns: node1.netns })).toThrow(/needs root/);
    } finally {
      spy.mockRestore();
    }
  });
});
