// The endpoints controller on a real master: Endpoints follow the selected pods' readiness,
// named target ports resolve per pod (pods with different ports land in different subsets),
// terminating and IP-less pods are left out, publishNotReadyAddresses lists everyone as ready,
// headless services get Endpoints too, and a deleted service's Endpoints go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obj } from '../../../src/control/client/resource-client.ts';
import { ENDPOINTS_RESOURCES, EndpointsController, resolveTargetPort } from '../../../src/control/controllers/endpoints-controller.ts';
import { startControlPlane, type ControlHarness } from '../control-harness.ts';
import { exists, pod, setPodStatus, sleep, until } from './fixtures.ts';

const ips = (list: Obj[] | undefined) => (list ?? []).map((a) => a.ip).sort();

describe('endpoints controller', () => {
  let h: ControlHarness;
  const ns = 'default';

  beforeAll(async () => {
    h = await startControlPlane([new EndpointsController()], ENDPOINTS_RESOURCES);
  });
  afterAll(() => h?.stop());

  const endpoints = (name: string) => exists(h.client, 'endpoints', ns, name);

  async function waitEndpoints(name: string, ok: (ep: Obj) => boolean, what: string): Promise<Obj> {
    let last: Obj | undefined;
    return until(
      async () => {
        last = await endpoints(name);
        return last && ok(last) ? last : undefined;
      },
      5000,
      () => `${what}; last: ${JSON.stringify(last?.subsets)}`,
    );
  }

  it('resolves target ports by number and by name', () => {
    const p = pod('x', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] });
    expect(resolveTargetPort(p, { port: 80, targetPort: 9000 })).toBe(9000);
    expect(resolveTargetPort(p, { port: 80, targetPort: 'http' })).toBe(8080);
    expect(resolveTargetPort(p, { port: 53, targetPort: 'dns', protocol: 'UDP' })).toBe(53);
    expect(resolveTargetPort(p, { port: 53, targetPort: 'dns', protocol: 'TCP' })).toBeUndefined();
    expect(resolveTargetPort(p, { port: 80, targetPort: 'nope' })).toBeUndefined();
  });

  it('follows pod readiness, with named ports resolved per pod', async () => {
    const labels = { app: 'web' };
    await h.client.create('pods', ns, pod('web-a', { labels, ports: [{ name: 'http', containerPort: 8080 }] }));
    await h.client.create('pods', ns, pod('web-b', { labels, ports: [{ name: 'http', containerPort: 8080 }] }));
    await h.client.create('pods', ns, pod('web-c', { labels, ports: [{ name: 'http', containerPort: 9090 }] }));
    await h.client.create('pods', ns, pod('web-noip', { labels, ports: [{ name: 'http', containerPort: 8080 }] }));
    await h.client.create('pods', ns, pod('other', { labels: { app: 'other' }, ports: [{ name: 'http', containerPort: 8080 }] }));
    await setPodStatus(h.client, ns, 'web-a', { ip: '10.244.0.10', ready: true });
    await setPodStatus(h.client, ns, 'web-b', { ip: '10.244.0.11', ready: false });
    await setPodStatus(h.client, ns, 'web-c', { ip: '10.244.0.12', ready: true });
    await setPodStatus(h.client, ns, 'other', { ip: '10.244.0.13', ready: true });
    await h.client.create('services', ns, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { tier: 'front' } }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });

    const ep = await waitEndpoints('web', (e) => (e.subsets ?? []).length === 2, 'two subsets (8080 and 9090) expected');
    expect(ep.metadata.labels).toEqual({ tier: 'front' });
    const s8080 = ep.subsets.find((s: Obj) => s.ports[0].port === 8080);
    const s9090 = ep.subsets.find((s: Obj) => s.ports[0].port === 9090);
    expect(s8080.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(ips(s8080.addresses)).toEqual(['10.244.0.10']);
    expect(ips(s8080.notReadyAddresses)).toEqual(['10.244.0.11']);
    expect(ips(s9090.addresses)).toEqual(['10.244.0.12']);
    expect(s8080.addresses[0].targetRef).toMatchObject({ kind: 'Pod', name: 'web-a', namespace: ns });

    // b turns ready, a unready.
    await setPodStatus(h.client, ns, 'web-b', { ip: '10.244.0.11', ready: true });
    await setPodStatus(h.client, ns, 'web-a', { ip: '10.244.0.10', ready: false });
    await waitEndpoints(
      'web',
      (e) => {
        const s = (e.subsets ?? []).find((x: Obj) => x.ports[0].port === 8080);
        return !!s && ips(s.addresses).join() === '10.244.0.11' && ips(s.notReadyAddresses).join() === '10.244.0.10';
      },
      'readiness change not reflected',
    );

    // The pod that gets an IP late joins; a terminating one leaves; a relabelled one leaves.
    await setPodStatus(h.client, ns, 'web-noip', { ip: '10.244.0.14', ready: true });
    await h.client.patch('pods', ns, 'web-c', { metadata: { labels: { app: 'moved' } } });
    await h.client.patch('pods', ns, 'web-a', { metadata: { finalizers: ['example.com/hold'] } });
    await h.client.delete('pods', ns, 'web-a');
    const after = await waitEndpoints('web', (e) => (e.subsets ?? []).length === 1 && ips(e.subsets[0].addresses).join() === '10.244.0.11,10.244.0.14' && !e.subsets[0].notReadyAddresses, 'membership changes not reflected');
    expect(after.subsets[0].ports[0].port).toBe(8080);
    await h.client.patch('pods', ns, 'web-a', { metadata: { finalizers: null } });

    // No needless writes: a pod change that changes nothing leaves the object alone.
    const rv = after.metadata.resourceVersion;
    await h.client.patch('pods', ns, 'web-b', { metadata: { annotations: { touched: 'yes' } } });
    await sleep(300);
    expect((await endpoints('web'))!.metadata.resourceVersion).toBe(rv);

    // Someone else's edit is put back.
    await h.client.update('endpoints', ns, { ...after, subsets: [] });
    await waitEndpoints('web', (e) => (e.subsets ?? []).length === 1, 'a foreign edit was not reverted');

    await h.client.delete('services', ns, 'web');
    await until(async () => !(await endpoints('web')), 5000, 'endpoints of a deleted service remain');
  });

  it('publishNotReadyAddresses, multiple ports, headless', async () => {
    const labels = { app: 'db' };
    await h.client.create('pods', ns, pod('db-0', { labels, ports: [{ name: 'sql', containerPort: 5432 }] }));
    await h.client.create('pods', ns, pod('db-1', { labels, ports: [{ name: 'sql', containerPort: 5432 }] }));
    await setPodStatus(h.client, ns, 'db-0', { ip: '10.244.1.10', ready: true });
    await setPodStatus(h.client, ns, 'db-1', { ip: '10.244.1.11', ready: false });
    await h.client.create('services', ns, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db' },
      spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: labels, ports: [{ name: 'sql', port: 5432, targetPort: 'sql' }, { name: 'metrics', port: 9187 }] },
    });
    const ep = await waitEndpoints('db', (e) => (e.subsets ?? []).length === 1 && (e.subsets[0].addresses ?? []).length === 2, 'both pods expected under addresses');
    expect(ep.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(ep.subsets[0].notReadyAddresses).toBeUndefined();
    expect(ep.subsets[0].ports).toEqual([
      { name: 'metrics', port: 9187, protocol: 'TCP' },
      { name: 'sql', port: 5432, protocol: 'TCP' },
    ]);

    // A selector-less service: its Endpoints are the user's.
    await h.client.create('services', ns, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] } });
    await h.client.create('endpoints', ns, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'manual' }, subsets: [{ addresses: [{ ip: '192.0.2.1' }], ports: [{ port: 80 }] }] });
    await sleep(300);
    expect(ips((await endpoints('manual'))!.subsets[0].addresses)).toEqual(['192.0.2.1']);
  });
});
