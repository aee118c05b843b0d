// An agent host dies (its agent and every container on it, at once): the master sees the
// agent's stream break, marks the node NotReady, and the pods are running on the other node
// about a second later. Two real agents on the process runtime with the bridge pod network,
// in the sandbox namespace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Obj } from '../../src/client/api-client.ts';
import { Agent } from '../../src/node/agent.ts';
import { BridgePodNetwork } from '../../src/node/network/pod-network.ts';
import { ProcessRuntime } from '../../src/node/runtime/process-runtime.ts';
import { waitFor } from '../cli/harness.ts';
import { startSingleMaster, type SingleMaster } from '../store/single-master.ts';

const logger = pino({ level: process.env.SHOAL_TEST_LOG ?? 'silent' });

interface Host {
  name: string;
  bridge: string;
  dir: string;
  agent?: Agent;
  runtime?: ProcessRuntime;
}

describe('agent host loss', () => {
  let m: SingleMaster;
  let api: ApiClient;
  const hosts: Host[] = ['host-a', 'host-b'].map((name, i) => ({ name, bridge: `shoalfo${i}`, dir: mkdtempSync(path.join(tmpdir(), `shoal-${name}-`)) }));

  beforeAll(async () => {
    if (process.getuid?.() !== 0 || !process.env.SHOAL_SANDBOX) throw new Error('this test runs as root inside the sandbox namespace (npm test does that: scripts/sandbox.sh)');
    m = await startSingleMaster(['--controllers=true']);
    api = new ApiClient([m.endpoint]);
    await waitFor(async () => (await api.get('namespaces', '', 'default').catch(() => undefined)) ?? undefined, 10_000, () => 'no default namespace');
    for (const h of hosts) {
      h.agent = new Agent({
        name: h.name,
        endpoints: [m.endpoint],
        dataDir: h.dir,
        nodeIp: '127.0.0.1',
        capacity: { cpu: '4', memory: '4Gi', pods: '20' },
        logger,
        makeRuntime: async (podCidr) => {
          const network = new BridgePodNetwork({ podCidr, dataDir: h.dir, bridge: h.bridge, logger });
          await network.setup();
          h.runtime = new ProcessRuntime({ dataDir: h.dir, podNetwork: network, logger, netnsPrefix: `shoal-${h.name}-` });
          return h.runtime;
        },
      });
      h.agent.start();
    }
    await waitFor(async () => {
      const nodes = (await api.list('nodes', '')).items;
      return nodes.length === 2 && nodes.every((n) => n.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True')) ? true : undefined;
    }, 15_000, () => 'the two agents never registered Ready nodes');
  }, 60_000);

  afterAll(async () => {
    await api.delete('deployments', 'default', 'spread').catch(() => undefined);
    for (const p of (await api.list('pods', 'default').catch(() => ({ items: [] as Obj[] }))).items) await api.delete('pods', 'default', p.metadata.name, { gracePeriodSeconds: 0 }).catch(() => undefined);
    for (const h of hosts) {
      await h.agent?.stop();
      for (const s of (await h.runtime?.listSandboxes()) ?? []) await h.runtime?.removeSandbox(s.uid).catch(() => undefined);
      spawnSync('ip', ['link', 'del', h.bridge]);
      rmSync(h.dir, { recursive: true, force: true });
    }
    api?.close();
    await m?.stop();
  }, 60_000);

  const readyOn = async () => {
    const pods = (await api.list('pods', 'default', { labelSelector: 'app=spread' })).items;
    return pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True'));
  };

  it('pods of a killed host run on the other host (time printed; figures: npm run bench:heal -- --real)', async () => {
    await api.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'spread' },
      spec: {
        replicas: 4,
        selector: { matchLabels: { app: 'spread' } },
        template: { metadata: { labels: { app: 'spread' } }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', command: ['/bin/sh', '-c', 'exec sleep 3600'] }] } },
      },
    });
    const before = await waitFor(async () => {
      const r = await readyOn();
      return r.length === 4 ? r : undefined;
    }, 20_000, () => 'never 4 ready pods');
    const perNode = new Map<string, number>();
    for (const p of before) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    // Spread by the scheduler (usually 2/2; under heavy load its node cache may see the second
    // node a moment late): the host with more pods dies, so at least two pods must move.
    const [victim, survivor] = (perNode.get(hosts[0].name) ?? 0) >= (perNode.get(hosts[1].name) ?? 0) ? hosts : [hosts[1], hosts[0]];
    const moved = perNode.get(victim.name) ?? 0;

    // The host dies: its agent's connection goes, and its containers with it.
    const t0 = Date.now();
    await victim.agent!.stop();
    victim.agent = undefined;
    for (const s of await victim.runtime!.listSandboxes()) await victim.runtime!.removeSandbox(s.uid);
    await waitFor(async () => {
      const r = await readyOn();
      return r.length === 4 && r.every((p) => p.spec.nodeName === survivor.name) ? true : undefined;
    }, 15_000, () => 'the pods never all ran on the surviving host');
    const healedMs = Date.now() - t0;
    const node = await api.get('nodes', '', victim.name);
    expect(node.status.conditions.find((c: Obj) => c.type === 'Ready').reason).toBe('AgentDisconnected');
    expect((node.spec.taints ?? []).map((t: Obj) => t.key)).toContain('node.kubernetes.io/unreachable');
    console.log(`agent host loss: ${moved} pods running on the other host ${healedMs} ms after the kill`);
  });
});
