// Cluster IP and NodePort allocation on a real master: 200 services created at once get
// distinct addresses from the range (and the bitmap in the ConfigMap agrees); NodePorts are
// distinct and in range; a user-chosen clusterIP/nodePort is honoured and marked used, and a
// second claim on it gets a Warning event and a False condition; a full range makes a service
// wait until a deletion frees an address, which it then gets; the repair pass frees a leaked
// address and rebuilds a lost ConfigMap; a new leader taking over mid-burst goes on from the
// stored bitmap without handing out an address twice.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaderElectedRunner } from '../../../src/control/controller-manager.ts';
import { SharedInformers } from '../../../src/control/informer/shared-informers.ts';
import { LocalKvClient } from '../../../src/store/client/local-kv-client.ts';
import type { Obj } from '../../../src/control/client/resource-client.ts';
import { Bitmap, IP_ALLOCATIONS, NODEPORT_ALLOCATIONS, RangeStore, SERVICE_ALLOCATOR_RESOURCES, ServiceAllocator, staticBandSize } from '../../../src/control/controllers/service-allocator.ts';
import { startControlPlane, type ControlHarness } from '../control-harness.ts';
import { exists, until } from './fixtures.ts';

const CIDR = '10.96.0.0/24';
const PORTS = { min: 30000, max: 30999 };
const ns = 'default';

function svc(name: string, spec: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}

const lastOctet = (ip: string) => Number(ip.split('.')[3]);

describe('service allocator', () => {
  let h: ControlHarness;
  const allocator = new ServiceAllocator({ repairIntervalMs: 200, leakGraceMs: 600 });

  beforeAll(async () => {
    h = await startControlPlane([allocator], SERVICE_ALLOCATOR_RESOURCES, { serviceCidr: CIDR, nodePortRange: PORTS });
  });
  afterAll(() => h?.stop());

  async function bitmap(name: string, size: number): Promise<Bitmap> {
    const cm = await h.client.get('configmaps', 'kube-system', name);
    return Bitmap.decode(cm.data.bitmap, size);
  }

  async function allocated(name: string): Promise<Obj> {
    return until(async () => {
      const s = await exists(h.client, 'services', ns, name);
      return s?.spec.clusterIP ? s : undefined;
    }, 10_000, `service ${name} never got a cluster IP`);
  }

  it('picks from the upper band first; network, .1 and broadcast are never handed out', () => {
    expect(staticBandSize(256)).toBe(16);
    expect(staticBandSize(65536)).toBe(256);
    expect(staticBandSize(2768)).toBe(173);
  });

  it('two writers on one range (two leaders for a moment) never hand out the same value', async () => {
    const name = 'race-allocations';
    const io = {
      cached: () => undefined,
      get: () => h.client.get('configmaps', 'kube-system', name).catch(() => undefined),
      write: (cm: Obj, create: boolean) => (create ? h.client.create('configmaps', 'kube-system', cm) : h.client.update('configmaps', 'kube-system', cm)),
      inUse: () => [],
    };
    const spec = { name, label: 'race', size: 512, reserved: [0], dynamicStart: 32 };
    const a = new RangeStore(spec, io);
    const b = new RangeStore(spec, io);
    const got = await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).allocate()));
    expect(got.every((o) => o !== undefined && o > 0)).toBe(true);
    expect(new Set(got).size).toBe(300);
    const cm = await h.client.get('configmaps', 'kube-system', name);
    expect(Bitmap.decode(cm.data.bitmap, 512).count()).toBe(301);
  });

  it('gives 200 services created at once distinct addresses, and the bitmap agrees', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `many-${i}`);
    let writes = 0;
    const w = h.client.watch('configmaps', 'kube-system', { name: IP_ALLOCATIONS }, (type, o) => {
      if (o.metadata?.name === IP_ALLOCATIONS && (type === 'ADDED' || type === 'MODIFIED')) writes++;
    });
    const t0 = Date.now();
    await Promise.all(names.map((n) => h.client.create('services', ns, svc(n))));
    const list = await until(async () => {
      const items = (await h.client.list('services', ns)).items.filter((s) => s.metadata.name.startsWith('many-'));
      return items.length === 200 && items.every((s) => s.spec.clusterIP) ? items : undefined;
    }, 20_000, 'not every service got a cluster IP');
    const elapsed = Date.now() - t0;
    const ipsList = list.map((s) => s.spec.clusterIP as string);
    expect(new Set(ipsList).size).toBe(200);
    for (const s of list) {
      expect(s.spec.clusterIP).toMatch(/^10\.96\.0\.\d+$/);
      expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
      const o = lastOctet(s.spec.clusterIP);
      expect(o).toBeGreaterThan(1);
      expect(o).toBeLessThan(255);
    }
    // Dynamic allocation fills the upper band (>= 16) first: 200 fit there.
    expect(Math.min(...ipsList.map(lastOctet))).toBeGreaterThanOrEqual(16);
    const bm = await bitmap(IP_ALLOCATIONS, 256);
    for (const ip of ipsList) expect(bm.has(lastOctet(ip))).toBe(true);
    expect(bm.has(0) && bm.has(1) && bm.has(255)).toBe(true);
    expect(bm.count()).toBe(203);
    const cm = await h.client.get('configmaps', 'kube-system', IP_ALLOCATIONS);
    expect(cm.data.used).toBe('200');
    expect(elapsed).toBeLessThan(20_000);
    // Group commit: far fewer ConfigMap writes than services.
    w.cancel();
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(100);
  });

  it('honours a user-chosen clusterIP, marks it used, and flags a second claim on it', async () => {
    await h.client.create('services', ns, svc('chosen', { clusterIP: '10.96.0.10' }));
    await until(async () => (await bitmap(IP_ALLOCATIONS, 256)).has(10), 5000, 'chosen IP not marked used');
    expect((await h.client.get('services', ns, 'chosen')).spec.clusterIP).toBe('10.96.0.10');

    await h.client.create('services', ns, svc('copycat', { clusterIP: '10.96.0.10' }));
    const flagged = await until(async () => {
      const s = await h.client.get('services', ns, 'copycat');
      return (s.status?.conditions ?? []).find((c: Obj) => c.type === 'ClusterIPAllocated') ? s : undefined;
    }, 5000, 'duplicate clusterIP not flagged');
    expect(flagged.status.conditions[0]).toMatchObject({ status: 'False', reason: 'ClusterIPAlreadyAllocated' });
    expect(flagged.status.conditions[0].message).toContain('default/chosen');
    const events = await until(async () => {
      const ev = (await h.client.list('events', ns)).items.filter((e) => e.reason === 'ClusterIPAlreadyAllocated' && e.involvedObject.name === 'copycat');
      return ev.length > 0 ? ev : undefined;
    }, 5000, 'no ClusterIPAlreadyAllocated event');
    expect(events[0].type).toBe('Warning');
    // The original holder is untroubled; deleting the copy does not free the holder's address.
    expect((await h.client.get('services', ns, 'chosen')).status?.conditions).toBeUndefined();
    await h.client.delete('services', ns, 'copycat');
    await new Promise((r) => setTimeout(r, 300));
    expect((await bitmap(IP_ALLOCATIONS, 256)).has(10)).toBe(true);
  });

  it('NodePorts: distinct and in range; a chosen one is honoured; a duplicate is flagged', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `np-${i}`);
    await Promise.all(
      names.map((n) =>
        h.client.create('services', ns, svc(n, { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }, { name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] })),
      ),
    );
    const list = await until(async () => {
      const items = (await h.client.list('services', ns)).items.filter((s) => s.metadata.name.startsWith('np-'));
      return items.length === 30 && items.every((s) => s.spec.clusterIP && s.spec.ports.every((p: Obj) => p.nodePort)) ? items : undefined;
    }, 10_000, 'not every NodePort service got its ports');
    const used: number[] = [];
    for (const s of list) {
      const dnsPorts = s.spec.ports.filter((p: Obj) => p.port === 53).map((p: Obj) => p.nodePort);
      expect(dnsPorts[0]).toBe(dnsPorts[1]); // one nodePort for both protocols of a port
      for (const p of s.spec.ports.filter((x: Obj) => x.name !== 'dns-tcp')) used.push(p.nodePort);
    }
    expect(new Set(used).size).toBe(90);
    for (const p of used) {
      expect(p).toBeGreaterThanOrEqual(PORTS.min);
      expect(p).toBeLessThanOrEqual(PORTS.max);
    }
    const bm = await bitmap(NODEPORT_ALLOCATIONS, PORTS.max - PORTS.min + 1);
    for (const p of used) expect(bm.has(p - PORTS.min)).toBe(true);

    await h.client.create('services', ns, svc('np-chosen', { type: 'NodePort', ports: [{ port: 80, nodePort: 30005 }] }));
    await until(async () => (await bitmap(NODEPORT_ALLOCATIONS, 1000)).has(5), 5000, 'chosen nodePort not marked used');
    await h.client.create('services', ns, svc('np-copy', { type: 'NodePort', ports: [{ port: 80, nodePort: 30005 }] }));
    const flagged = await until(async () => {
      const s = await h.client.get('services', ns, 'np-copy');
      return (s.status?.conditions ?? []).find((c: Obj) => c.type === 'NodePortsAllocated') ? s : undefined;
    }, 5000, 'duplicate nodePort not flagged');
    expect(flagged.status.conditions[0].reason).toBe('PortAlreadyAllocated');
    await until(async () => (await h.client.list('events', ns)).items.some((e) => e.reason === 'PortAlreadyAllocated' && e.involvedObject.name === 'np-copy'), 5000, 'no PortAlreadyAllocated event');

    // Deletion frees the ports.
    const victim = list[0];
    await h.client.delete('services', ns, victim.metadata.name);
    await until(async () => {
      const b = await bitmap(NODEPORT_ALLOCATIONS, 1000);
      return victim.spec.ports.every((p: Obj) => !b.has(p.nodePort - PORTS.min));
    }, 5000, 'nodePorts of a deleted service not freed');
  });

  it('a full range makes a service wait; a deletion frees an address it then gets', async () => {
    const before = (await h.client.list('services', ns)).items.filter((s) => s.spec.clusterIP && s.spec.clusterIP !== 'None').length;
    // 253 usable addresses (.2 - .254), one of them chosen by 'chosen'.
    const free = 253 - before;
    const fill = Array.from({ length: free }, (_, i) => `fill-${i}`);
    await Promise.all(fill.map((n) => h.client.create('services', ns, svc(n))));
    await until(async () => {
      const items = (await h.client.list('services', ns)).items.filter((s) => s.metadata.name.startsWith('fill-'));
      return items.length === free && items.every((s) => s.spec.clusterIP);
    }, 10_000, 'the range did not fill');
    expect((await bitmap(IP_ALLOCATIONS, 256)).count()).toBe(256);

    await h.client.create('services', ns, svc('waiting'));
    await until(async () => (await h.client.list('events', ns)).items.some((e) => e.reason === 'ClusterIPAllocationFailed' && e.involvedObject.name === 'waiting'), 5000, 'no allocation failure event');
    expect((await h.client.get('services', ns, 'waiting')).spec.clusterIP).toBeUndefined();

    const gone = await h.client.get('services', ns, 'many-7');
    await h.client.delete('services', ns, 'many-7');
    const got = await allocated('waiting');
    expect(got.spec.clusterIP).toBe(gone.spec.clusterIP);
    const all = (await h.client.list('services', ns)).items.map((s) => s.spec.clusterIP).filter(Boolean);
    // 'copycat' was deleted; every address is held by exactly one service.
    expect(new Set(all).size).toBe(all.length);
  });

  it('repair: frees a leaked address and rebuilds a lost ConfigMap', async () => {
    // Free some room, then leak an address: marked in the bitmap, used by no service.
    for (const n of ['many-1', 'many-2', 'many-3']) await h.client.delete('services', ns, n);
    const released = await until(async () => {
      const b = await bitmap(IP_ALLOCATIONS, 256);
      return b.count() === 253 ? b : undefined;
    }, 5000, 'deleted services not released');
    const leak = [...Array(256).keys()].find((i) => !released.has(i))!;
    const cm = await h.client.get('configmaps', 'kube-system', IP_ALLOCATIONS);
    const leaked = Bitmap.decode(cm.data.bitmap, 256);
    leaked.set(leak);
    await h.client.update('configmaps', 'kube-system', { ...cm, data: { ...cm.data, bitmap: leaked.encode() } });
    expect((await bitmap(IP_ALLOCATIONS, 256)).has(leak)).toBe(true);
    await until(async () => !(await bitmap(IP_ALLOCATIONS, 256)).has(leak), 5000, 'leaked address never freed');

    // The ConfigMap is lost: it comes back with every address in use marked.
    await h.client.delete('configmaps', 'kube-system', IP_ALLOCATIONS);
    const rebuilt = await until(async () => {
      const c = await exists(h.client, 'configmaps', 'kube-system', IP_ALLOCATIONS);
      return c ? Bitmap.decode(c.data.bitmap, 256) : undefined;
    }, 5000, 'allocation ConfigMap not rebuilt');
    const inUse = (await h.client.list('services', ns)).items.map((s) => s.spec.clusterIP).filter(Boolean);
    for (const ip of inUse) expect(rebuilt.has(lastOctet(ip))).toBe(true);
    expect(rebuilt.count()).toBe(inUse.length + 3);
    // And allocation goes on from it without duplicates.
    await h.client.create('services', ns, svc('after-rebuild'));
    const s = await allocated('after-rebuild');
    expect(inUse).not.toContain(s.spec.clusterIP);
  });
});

describe('service allocator across a leadership handover', () => {
  let h: ControlHarness;
  let standby: LeaderElectedRunner;
  let standbyInformers: SharedInformers;

  beforeAll(async () => {
    const config = { serviceCidr: '10.97.0.0/24', nodePortRange: PORTS };
    h = await startControlPlane([new ServiceAllocator()], SERVICE_ALLOCATOR_RESOURCES, config);
    const logger = pino({ level: 'silent' });
    standbyInformers = new SharedInformers(h.client, logger);
    standby = new LeaderElectedRunner({
      leaseName: 'shoal-controller-manager',
      identity: 'standby',
      client: h.client,
      kv: new LocalKvClient(h.master.master.registry),
      informers: standbyInformers,
      components: [new ServiceAllocator()],
      resources: SERVICE_ALLOCATOR_RESOURCES,
      config,
      logger,
    });
    standby.start();
  });
  afterAll(async () => {
    await standby?.stop();
    standbyInformers?.stop();
    await h?.stop();
  });

  it('the new leader goes on from the stored bitmap: no address is handed out twice', async () => {
    const create = (from: number, n: number) => Promise.all(Array.from({ length: n }, (_, i) => h.client.create('services', ns, svc(`ho-${from + i}`))));
    const first = create(0, 60);
    await new Promise((r) => setTimeout(r, 30));
    await h.runner.stop(); // hands the lease back in the middle of the burst
    await first;
    await until(async () => (standby.isLeader ? true : undefined), 5000, 'the standby never took over');
    await create(60, 60);
    const list = await until(async () => {
      const items = (await h.client.list('services', ns)).items.filter((s) => s.metadata.name.startsWith('ho-'));
      return items.length === 120 && items.every((s) => s.spec.clusterIP) ? items : undefined;
    }, 15_000, 'not every service got an address after the handover');
    const ips = list.map((s) => s.spec.clusterIP);
    expect(new Set(ips).size).toBe(120);
    const cm = await h.client.get('configmaps', 'kube-system', IP_ALLOCATIONS);
    const bm = Bitmap.decode(cm.data.bitmap, 256);
    for (const ip of ips) expect(bm.has(lastOctet(ip))).toBe(true);
  });
});
