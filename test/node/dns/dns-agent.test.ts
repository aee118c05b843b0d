// Cluster DNS end to end, on the process runtime and on Docker (a private dockerd started
// here): a master with its controllers and one real agent with the bridge pod network, whose
// cluster DNS listens on the bridge address. A pod resolves `my-svc` by its short name through
// the search domains, and a headless service to its pods' IPs, with busybox's nslookup and
// wget; a new service is answered as soon as its watch event arrives. Root, in the sandbox: the
// bridge, the pods' namespaces and the DNS address live in the run's own namespace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Obj } from '../../../src/client/api-client.ts';
import { Agent } from '../../../src/node/agent.ts';
import { BridgePodNetwork } from '../../../src/node/network/pod-network.ts';
import { DockerRuntime } from '../../../src/node/runtime/docker-runtime.ts';
import { ProcessRuntime } from '../../../src/node/runtime/process-runtime.ts';
import type { Runtime } from '../../../src/node/runtime/runtime.ts';
import { waitFor } from '../../cli/harness.ts';
import { startSingleMaster, type SingleMaster } from '../../store/single-master.ts';
import { PrivateDockerd } from '../private-dockerd.ts';
import { inSandbox } from '../netns-harness.ts';
import { data, query, udp, udpRaw } from './dns-client.ts';

const BUSYBOX = '/bin/busybox';
const logger = pino({ level: process.env.SHOAL_TEST_LOG ?? 'silent' });
const dockerd = new PrivateDockerd(`shoal-docker-dns-${process.pid}`);

interface Setup {
  kind: 'process' | 'docker';
  bridge: string;
  /** A pod range of its own, so that agent tests running beside this one never share a subnet. */
  podCidr: string;
  before(): Promise<void>;
  make(dataDir: string, network: BridgePodNetwork): Runtime;
  after(): Promise<void>;
}

const setups: Setup[] = [
  {
    kind: 'process',
    bridge: 'shoaldnsp0',
    podCidr: '10.244.213.0/24',
    before: async () => undefined,
    make: (dataDir, network) => new ProcessRuntime({ dataDir, podNetwork: network, logger, netnsPrefix: 'shoal-dnsp-' }),
    after: async () => undefined,
  },
  {
    kind: 'docker',
    bridge: 'shoaldnsd0',
    podCidr: '10.244.214.0/24',
    before: () => dockerd.start(),
    make: (_dataDir, network) => new DockerRuntime({ socketPath: dockerd.socketPath, network, logger, node: 'dns-worker' }),
    after: () => dockerd.stop(),
  },
];

for (const setup of setups)
  describe.skipIf(!inSandbox())(`cluster DNS from pods (${setup.kind} runtime)`, () => {
    let m: SingleMaster;
    let api: ApiClient;
    let agent: Agent;
    let network: BridgePodNetwork | undefined;
    let runtime: Runtime | undefined;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'shoal-dns-agent-'));
    const gateway = setup.podCidr.replace(/0\/24$/, '1');

    beforeAll(async () => {
      await setup.before();
      m = await startSingleMaster(['--controllers=true']);
      api = new ApiClient([m.endpoint]);
      await waitFor(async () => (await api.get('namespaces', '', 'default').catch(() => undefined)) ?? undefined, 10_000, () => 'no default namespace');
      await api.create('configmaps', 'kube-system', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shoal-podcidr-allocations', namespace: 'kube-system' }, data: { 'dns-worker': setup.podCidr } }).catch(() => undefined);
      startAgent();
      await waitFor(async () => {
        const n = await api.get('nodes', '', 'dns-worker').catch(() => undefined);
        return n?.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True') ? n : undefined;
      }, 15_000, () => 'the agent never registered a Ready node');
      // The node is Ready at registration; its runtime, pod network and DNS come right after.
      await waitFor(async () => (network ? (await udp(53, query('cluster.local', 'SOA'), gateway).catch(() => undefined)) : undefined), 15_000, () => 'the cluster DNS never answered on the bridge address');
      expect(network?.gateway).toBe(gateway);
    }, 120_000);

    const startAgent = () => {
      agent = new Agent({
        name: 'dns-worker',
        endpoints: [m.endpoint],
        dataDir,
        nodeIp: '127.0.0.1',
        capacity: { cpu: '4', memory: '4Gi', pods: '20' },
        logger,
        clusterDns: { listen: () => (network ? { host: network.gateway, port: 53 } : undefined) },
        makeRuntime: async (podCidr) => {
          network ??= new BridgePodNetwork({ podCidr, dataDir, bridge: setup.bridge, logger });
          await network.setup();
          runtime = setup.make(dataDir, network);
          return runtime;
        },
      });
      agent.start();
    };

    afterAll(async () => {
      for (const d of (await api?.list('deployments', 'default').catch(() => ({ items: [] as Obj[] })))?.items ?? []) await api.delete('deployments', 'default', d.metadata.name).catch(() => undefined);
      for (const p of (await api?.list('pods', 'default').catch(() => ({ items: [] as Obj[] })))?.items ?? []) await api.delete('pods', 'default', p.metadata.name, { gracePeriodSeconds: 0 }).catch(() => undefined);
      await waitFor(async () => ((await api.list('pods', 'default')).items.length === 0 ? true : undefined), 20_000, () => 'pods not cleaned up').catch(() => undefined);
      // A pod deleted with no grace leaves the API at once, maybe before the agent stopped it.
      for (const s of (await runtime?.listSandboxes().catch(() => [])) ?? []) await runtime?.removeSandbox(s.uid).catch(() => undefined);
      await agent?.stop();
      api?.close();
      await m?.stop();
      await setup.after();
      spawnSync('ip', ['link', 'del', setup.bridge]);
      rmSync(dataDir, { recursive: true, force: true });
    }, 120_000);

    it('a pod resolves a service by its short name and a headless service to its pod IPs', async () => {
      await api.create('deployments', 'default', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              terminationGracePeriodSeconds: 1,
              containers: [
                {
                  name: 'httpd',
                  image: 'busybox:shoal',
                  command: ['/bin/sh', '-c', `mkdir -p /tmp/www-$HOSTNAME && echo "hello from $HOSTNAME" > /tmp/www-$HOSTNAME/index.html && exec ${BUSYBOX} httpd -f -p 8080 -h /tmp/www-$HOSTNAME`],
                  ports: [{ containerPort: 8080, name: 'http' }],
                  readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 },
                },
              ],
            },
          },
        },
      });
      const ports = [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }];
      const svc = await api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'my-svc' }, spec: { selector: { app: 'web' }, ports } });
      await api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-headless' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] } });
      const clusterIP = (await waitFor(async () => ((await api.get('services', 'default', 'my-svc')).spec?.clusterIP ? api.get('services', 'default', 'my-svc') : undefined), 10_000, () => `no cluster IP: ${JSON.stringify(svc.spec)}`)).spec.clusterIP;
      const podIps = await waitFor(async () => {
        const ep = await api.get('endpoints', 'default', 'web-headless').catch(() => undefined);
        const ips: string[] = (ep?.subsets ?? []).flatMap((s: Obj) => (s.addresses ?? []).map((a: Obj) => a.ip));
        return ips.length === 2 ? ips.sort() : undefined;
      }, 30_000, () => 'the headless service never had 2 ready endpoints');

      await api.create('pods', 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'client' },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'c',
              image: 'busybox:shoal',
              command: [
                '/bin/sh',
                '-c',
                `cat /etc/resolv.conf; echo "== short"; ${BUSYBOX} nslookup my-svc; echo "== headless"; ${BUSYBOX} nslookup web-headless.default.svc.cluster.local; echo "== wget"; ${BUSYBOX} wget -q -O - http://web-headless:8080/; echo "== srv"; ${BUSYBOX} nslookup -type=SRV _http._tcp.my-svc.default.svc.cluster.local; echo "== end"`,
              ],
            },
          ],
        },
      });
      await waitFor(async () => ((await api.get('pods', 'default', 'client')).status?.phase === 'Succeeded' || (await api.get('pods', 'default', 'client')).status?.phase === 'Failed' ? true : undefined), 30_000, () => 'the client pod never finished');
      let out = '';
      await api.logs({ namespace: 'default', name: 'client' }, (b) => (out += b.toString())).done;
      const section = (name: string) => out.split(`== ${name}`)[1]?.split('\n== ')[0] ?? '';
      const resolv = out.split('== short')[0];
      expect(resolv, out).toContain(`nameserver ${gateway}`);
      expect(resolv).toContain('search default.svc.cluster.local svc.cluster.local cluster.local');
      expect(resolv).toContain('ndots:5');
      expect(section('short'), out).toContain(clusterIP);
      for (const ip of podIps) expect(section('headless'), out).toContain(ip);
      expect(section('wget'), out).toMatch(/hello from web-/);
      expect(section('srv'), out).toMatch(/port = 80|\b80\b.*my-svc\.default\.svc\.cluster\.local/);
      expect(out).toContain('== end');

      // exec reaches the same resolver settings as the container itself.
      let execOut = '';
      const [web] = (await api.list('pods', 'default', { labelSelector: 'app=web' })).items;
      const e = api.exec({ namespace: 'default', name: web.metadata.name, command: ['/bin/sh', '-c', `${BUSYBOX} nslookup my-svc.default.svc.cluster.local`] }, { stdout: (b) => (execOut += b), stderr: (b) => (execOut += b) });
      e.end();
      expect(await e.exitCode).toBe(0);
      expect(execOut).toContain(clusterIP);
    });

    it('a new service is answered as soon as its watch event reaches the agent', async () => {
      const name = `late-${setup.kind}`;
      const t0 = Date.now();
      await api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } });
      await api.create('endpoints', 'default', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name }, subsets: [{ addresses: [{ ip: '10.244.213.77' }], ports: [{ port: 80 }] }] });
      const created = Date.now();
      const r = await waitFor(async () => {
        const a = await udp(53, query(`${name}.default.svc.cluster.local`), gateway);
        return data(a).length ? a : undefined;
      }, 5000, () => 'never answered');
      const ms = Date.now() - created;
      console.log(`cluster DNS (${setup.kind}): a new headless service answered ${ms} ms after its Endpoints were written (${created - t0} ms to write both)`);
      expect(data(r)).toEqual(['10.244.213.77']);
      expect(ms).toBeLessThan(1000);
      await api.delete('services', 'default', name);
      await waitFor(async () => ((await udp(53, query(`${name}.default.svc.cluster.local`), gateway)).rcode === 'NXDOMAIN' ? true : undefined), 5000, () => 'still answered after delete');
    });

    it('a restarted agent serves DNS again on the same address; its adopted pods keep their resolver settings', async () => {
      const clusterIP = (await api.get('services', 'default', 'my-svc')).spec.clusterIP;
      await agent.stop();
      expect(await udpRaw(53, query('my-svc.default.svc.cluster.local'), 300, gateway)).toBeUndefined();
      startAgent();
      const r = await waitFor(async () => {
        const a = await udp(53, query('my-svc.default.svc.cluster.local'), gateway).catch(() => undefined);
        return a?.rcode === 'NOERROR' ? a : undefined;
      }, 15_000, () => 'DNS never came back after the agent restarted');
      expect(data(r)).toEqual([clusterIP]);
      const [web] = (await api.list('pods', 'default', { labelSelector: 'app=web' })).items;
      let out = '';
      const e = api.exec({ namespace: 'default', name: web.metadata.name, command: ['/bin/sh', '-c', `cat /etc/resolv.conf; ${BUSYBOX} nslookup my-svc`] }, { stdout: (b) => (out += b), stderr: (b) => (out += b) });
      e.end();
      await e.exitCode;
      expect(out).toContain(`nameserver ${gateway}`);
      expect(out).toContain(clusterIP);
    });
  });
