// Services end to end: a master with its controllers, two real agents (process runtime) whose
// node side lives in two simulated node hosts (namespaces on a test wire, made inside the run's
// sandbox), each agent running its service proxy: node 1 in iptables mode, node 2 in nftables
// mode. A Deployment behind a NodePort Service: the virtual IP answers from pods on both nodes,
// from both hosts; the node port answers from an outside host; a scale-down takes the removed
// pods out of rotation; scaled to zero, the virtual IP refuses at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Obj } from '../../src/client/api-client.ts';
import { Agent } from '../../src/node/agent.ts';
import { BridgePodNetwork } from '../../src/node/network/pod-network.ts';
import { makeServiceProxy } from '../../src/node/proxy/make-proxy.ts';
import type { ProxyMode } from '../../src/node/proxy/proxy-backend.ts';
import { ProcessRuntime } from '../../src/node/runtime/process-runtime.ts';
import { waitFor } from '../cli/harness.ts';
import { startSingleMaster, type SingleMaster } from '../store/single-master.ts';
import { inSandbox, NetnsHarness } from './netns-harness.ts';
import { probe } from './proxy-harness.ts';

const logger = pino({ level: process.env.SHOAL_TEST_LOG ?? 'silent' });

/** The pod's program: answers every connection on 8080 with `<pod name> <client address>`. */
const SERVER = `require('node:net').createServer((s) => s.end(process.env.POD_NAME + ' ' + s.remoteAddress)).listen(8080)`;

interface NodeHost {
  name: string;
  mode: ProxyMode;
  host: { netns: string; nodeIp: string };
  dir: string;
  agent?: Agent;
  network?: BridgePodNetwork;
}

describe.skipIf(!inSandbox())('services end to end (two agents, iptables and nftables proxies, in the test sandbox)', () => {
  let h: NetnsHarness;
  let m: SingleMaster;
  let api: ApiClient;
  let client: { netns: string; nodeIp: string };
  const nodes: NodeHost[] = [];
  let vip = '';
  let nodePort = 0;

  const podsByNode = async (): Promise<Record<string, string[]>> => {
    const out: Record<string, string[]> = {};
    for (const p of (await api.list('pods', 'default', { labelSelector: 'app=web' })).items) {
      if (p.status?.phase === 'Running' && !p.metadata.deletionTimestamp) (out[p.spec.nodeName] ??= []).push(p.metadata.name);
    }
    return out;
  };
  const readyEndpoints = async (): Promise<number> => {
    const ep = await api.get('endpoints', 'default', 'web').catch(() => undefined);
    return (ep?.subsets ?? []).reduce((n: number, s: Obj) => n + (s.addresses?.length ?? 0), 0);
  };

  beforeAll(async () => {
    h = new NetnsHarness();
    client = h.nodeHost('cl');
    m = await startSingleMaster(['--controllers=true']);
    api = new ApiClient([m.endpoint]);
    await waitFor(async () => (await api.get('namespaces', '', 'default').catch(() => undefined)) ?? undefined, 10_000, () => 'no default namespace');
    for (const [i, mode] of (['iptables', 'nftables'] as const).entries()) {
      const n: NodeHost = { name: `svc-e2e-${i + 1}`, mode, host: h.nodeHost(`s${i + 1}`), dir: mkdtempSync(path.join(tmpdir(), 'shoal-svc-e2e-')) };
      nodes.push(n);
      n.agent = new Agent({
        name: n.name,
        endpoints: [m.endpoint],
        dataDir: n.dir,
        nodeIp: n.host.nodeIp,
        // The agent process lives in the sandbox namespace: its logs/exec port stays on loopback.
        listen: '127.0.0.1:0',
        capacity: { cpu: '4', memory: '4Gi', pods: '20' },
        logger,
        makeRuntime: async (podCidr) => {
          n.network = new BridgePodNetwork({ podCidr, dataDir: n.dir, hostNetns: n.host.netns, logger });
          await n.network.setup();
          return new ProcessRuntime({ dataDir: n.dir, podNetwork: n.network, logger, netnsPrefix: `shoal-sve${i + 1}-` });
        },
        onPeers: (peers) => void n.network?.routeToPeers(peers.filter((p) => p.podCidr && p.nodeIp).map((p) => ({ podCidr: p.podCidr, nodeIp: p.nodeIp }))),
        serviceProxy: (sources) =>
          makeServiceProxy({ mode, nodeName: n.name, serviceCidr: '10.96.0.0/16', clusterCidr: '10.244.0.0/16', netns: n.host.netns, routeDev: 'shoal0', ...sources, logger }),
      });
      n.agent.start();
    }
    await waitFor(async () => {
      const ready = (await api.list('nodes', '')).items.filter((x) => x.metadata.name.startsWith('svc-e2e-') && x.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True'));
      return ready.length === 2 ? true : undefined;
    }, 20_000, () => 'the agents never registered Ready nodes');

    await api.create('services', 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
    // The service allocator controller gives it its virtual IP and node port.
    const svc = await waitFor(async () => {
      const s = await api.get('services', 'default', 'web');
      return s.spec.clusterIP && s.spec.ports[0].nodePort ? s : undefined;
    }, 20_000, () => 'the service never got a virtual IP and node port');
    vip = svc.spec.clusterIP;
    nodePort = svc.spec.ports[0].nodePort;
    await api.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 4,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            nodeSelector: {},
            terminationGracePeriodSeconds: 1,
            containers: [
              {
                name: 'web',
                image: 'host',
                command: [process.execPath, '-e', SERVER],
                env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
                ports: [{ containerPort: 8080 }],
              },
            ],
          },
        },
      },
    });
    let seen = '';
    await waitFor(async () => {
      const byNode = await podsByNode();
      const ready = await readyEndpoints();
      seen = `${JSON.stringify(byNode)}, ${ready} ready endpoints`;
      return Object.keys(byNode).length === 2 && ready === 4 ? byNode : undefined;
    }, 60_000, () => `pods not running on both nodes with 4 ready endpoints: ${seen}`);
  }, 150_000);

  afterAll(async () => {
    await api?.delete('deployments', 'default', 'web').catch(() => undefined);
    for (const p of (await api?.list('pods', 'default', { labelSelector: 'app=web' }).catch(() => ({ items: [] as Obj[] })))?.items ?? []) {
      await api.delete('pods', 'default', p.metadata.name, { gracePeriodSeconds: 0 }).catch(() => undefined);
    }
    await waitFor(async () => (Object.keys(await podsByNode()).length === 0 ? true : undefined), 20_000, () => 'pods not gone').catch(() => undefined);
    for (const n of nodes) await n.agent?.stop();
    await api?.delete('services', 'default', 'web').catch(() => undefined);
    api?.close();
    await m?.stop();
    h?.cleanup();
    for (const n of nodes) rmSync(n.dir, { recursive: true, force: true });
  }, 120_000);

  it('the virtual IP, from both hosts, answers from pods on both nodes', async () => {
    const byNode = await podsByNode();
    const podNames = Object.values(byNode).flat();
    for (const n of nodes) {
      const r = await probe(n.host.netns, vip, 80, 60);
      expect(r.errors, `from ${n.name} (${n.mode})`).toEqual({});
      // Pods on both nodes answered.
      for (const pods of Object.values(byNode)) expect(pods.some((p) => (r.answers[p] ?? 0) > 0), `${n.name}: ${JSON.stringify(r.answers)}`).toBe(true);
      expect(Object.keys(r.answers).every((a) => podNames.includes(a))).toBe(true);
    }
  }, 60_000);

  it('the node port answers on both nodes from an outside host', async () => {
    for (const n of nodes) {
      const r = await probe(client.netns, n.host.nodeIp, nodePort, 20);
      expect(r.errors, `${n.name} (${n.mode})`).toEqual({});
      expect(Object.values(r.answers).reduce((a, b) => a + b, 0)).toBe(20);
    }
  }, 60_000);

  it('after a scale-down the removed pods get no new connection; at zero replicas the virtual IP refuses at once', async () => {
    await api.patch('deployments', 'default', 'web', { spec: { replicas: 1 } });
    await waitFor(async () => ((await readyEndpoints()) === 1 ? true : undefined), 30_000, () => 'endpoints never shrank to 1');
    const remaining = Object.values(await waitFor(async () => {
      const byNode = await podsByNode();
      return Object.values(byNode).flat().length === 1 ? byNode : undefined;
    }, 30_000, () => 'pods never shrank to 1')).flat();
    // The endpoints object has one address; each proxy follows its watch within milliseconds, but
    // give it a bounded moment before the strict check.
    for (const n of nodes) {
      await waitFor(async () => {
        const r = await probe(n.host.netns, vip, 80, 10);
        return Object.keys(r.answers).join() === remaining.join() ? true : undefined;
      }, 10_000, () => `${n.name}: removed pods still answer`);
      const r = await probe(n.host.netns, vip, 80, 50);
      expect(r.errors).toEqual({});
      expect(r.answers).toEqual({ [remaining[0]]: 50 });
    }
    await api.patch('deployments', 'default', 'web', { spec: { replicas: 0 } });
    await waitFor(async () => ((await readyEndpoints()) === 0 ? true : undefined), 30_000, () => 'endpoints never emptied');
    for (const n of nodes) {
      await waitFor(async () => ((await probe(n.host.netns, vip, 80, 1, 3000)).errors.ECONNREFUSED === 1 ? true : undefined), 10_000, () => `${n.name}: not refused`);
      const r = await probe(n.host.netns, vip, 80, 5, 3000);
      expect(r.errors).toEqual({ ECONNREFUSED: 5 });
    }
  }, 120_000);
});
