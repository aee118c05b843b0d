// The node agent end to end, on the process runtime and on Docker (a private dockerd started
// here), with the bridge pod network (as root, in the sandbox namespace): a master with its
// scheduler and controllers, one real agent. A
// Deployment of busybox httpd pods becomes Running and Ready and serves HTTP on its pod IPs;
// a crashing container restarts with growing back-off; a failing liveness probe restarts its
// container; readiness gates Ready; config map env vars reach the process; a deleted pod is
// stopped and gone; a restarted agent adopts its pods; a stopped agent's node is NotReady at once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Obj } from '../../src/client/api-client.ts';
import { Agent } from '../../src/node/agent.ts';
import { BridgePodNetwork } from '../../src/node/network/pod-network.ts';
import { ProcessRuntime } from '../../src/node/runtime/process-runtime.ts';
import { DockerRuntime } from '../../src/node/runtime/docker-runtime.ts';
import type { Runtime } from '../../src/node/runtime/runtime.ts';
import { waitFor } from '../cli/harness.ts';
import { startSingleMaster, type SingleMaster } from '../store/single-master.ts';
import { PrivateDockerd } from './private-dockerd.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

const BUSYBOX = '/bin/busybox';
const logger = pino({ level: process.env.SHOAL_TEST_LOG ?? 'silent' });

function httpGet(ip: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: ip, port, path: '/', timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}


interface RuntimeSetup {
  kind: 'process' | 'docker';
  bridge: string;
  before(): Promise<void>;
  make(dataDir: string, network: BridgePodNetwork): Runtime;
  after(): Promise<void>;
}

const dockerd = new PrivateDockerd(`shoal-docker-agent-${process.pid}`);
const setups: RuntimeSetup[] = [
  {
    kind: 'process',
    bridge: 'shoalagt0',
    before: async () => undefined,
    make: (dataDir, network) => new ProcessRuntime({ dataDir, podNetwork: network, logger, netnsPrefix: 'shoal-agt-' }),
    after: async () => undefined,
  },
  {
    kind: 'docker',
    bridge: 'shoalagd0',
    before: () => dockerd.start(),
    make: (_dataDir, network) => new DockerRuntime({ socketPath: dockerd.socketPath, network, logger, node: 'worker-1' }),
    after: () => dockerd.stop(),
  },
];

for (const setup of setups)
describe(`node agent (${setup.kind} runtime, pod network)`, () => {
  let m: SingleMaster;
  let api: ApiClient;
  let agent: Agent;
  let network: BridgePodNetwork | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shoal-agent-'));

  const startAgent = () => {
    agent = new Agent({
      name: 'worker-1',
      endpoints: [m.endpoint],
      dataDir,
      nodeIp: '127.0.0.1',
      capacity: { cpu: '4', memory: '4Gi', pods: '50' },
      logger,
      makeRuntime: async (podCidr) => {
        network ??= new BridgePodNetwork({ podCidr, dataDir, bridge: setup.bridge, logger });
        await network.setup();
        return setup.make(dataDir, network);
      },
    });
    agent.start();
  };

  beforeAll(async () => {
    if (process.getuid?.() !== 0 || !process.env.SHOAL_SANDBOX) throw new Error('this test runs as root inside the sandbox namespace (npm test does that: scripts/sandbox.sh)');
    await setup.before();
    m = await startSingleMaster(['--controllers=true']);
    api = new ApiClient([m.endpoint]);
    await waitFor(async () => (await api.get('namespaces', '', 'default').catch(() => undefined)) ?? undefined, 10_000, () => 'no default namespace');
    startAgent();
    await waitFor(async () => {
      const n = await api.get('nodes', '', 'worker-1').catch(() => undefined);
      return n?.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True') ? n : undefined;
    }, 15_000, () => 'the agent never registered a Ready node');
  }, 120_000);

  afterAll(async () => {
    for (const d of (await api.list('deployments', 'default').catch(() => ({ items: [] as Obj[] }))).items) await api.delete('deployments', 'default', d.metadata.name).catch(() => undefined);
    for (const p of (await api.list('pods', 'default').catch(() => ({ items: [] as Obj[] }))).items) await api.delete('pods', 'default', p.metadata.name, { gracePeriodSeconds: 1 }).catch(() => undefined);
    await waitFor(async () => ((await api.list('pods', 'default')).items.length === 0 ? true : undefined), 15_000, () => 'pods not cleaned up').catch(() => undefined);
    await agent?.stop();
    api?.close();
    await m?.stop();
    await setup.after();
    // The bridge lives in the sandbox namespace the whole test run shares.
    spawnSync('ip', ['link', 'del', setup.bridge]);
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  const pod = async (name: string) => api.get('pods', 'default', name);
  const ready = (p: Obj) => p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True');

  it('runs a Deployment of httpd pods that serve on their pod IPs', async () => {
    await api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { GREETING: 'hello from a config map' } });
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
            containers: [
              {
                name: 'httpd',
                image: 'busybox:shoal',
                command: ['/bin/sh', '-c', `mkdir -p /tmp/www-$HOSTNAME && echo "$GREETING" > /tmp/www-$HOSTNAME/index.html && exec ${BUSYBOX} httpd -f -p 8080 -h /tmp/www-$HOSTNAME`],
                env: [{ name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'GREETING' } } }],
                ports: [{ containerPort: 8080 }],
                readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 },
              },
            ],
          },
        },
      },
    });
    const pods = await waitFor(async () => {
      const list = (await api.list('pods', 'default', { labelSelector: 'app=web' })).items;
      return list.length === 2 && list.every((p) => ready(p) && p.status.podIP) ? list : undefined;
    }, 20_000, () => 'the web pods never became Ready');
    const ips = pods.map((p) => p.status.podIP);
    expect(new Set(ips).size).toBe(2);
    for (const ip of ips) {
      expect(ip.startsWith(network!.podCidr.split('.').slice(0, 3).join('.'))).toBe(true);
      expect(await httpGet(ip, 8080)).toBe('200 hello from a config map\n');
    }
    expect(pods[0].status.phase).toBe('Running');
    expect(pods[0].status.containerStatuses[0]).toMatchObject({ name: 'httpd', ready: true, restartCount: 0, started: true });
    expect(pods[0].status.containerStatuses[0].containerID.startsWith(`${setup.kind}://`)).toBe(true);
  });

  it('logs (with follow) and exec (with stdin and exit code) go through a master to the agent', async () => {
    await api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'talker' },
      spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox:shoal', command: ['/bin/sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.2; done'] }] },
    });
    await waitFor(async () => ((await pod('talker')).status?.containerStatuses?.[0]?.state?.running ? true : undefined), 15_000, () => 'talker never ran');
    await new Promise((r) => setTimeout(r, 700));
    let text = '';
    await api.logs({ namespace: 'default', name: 'talker' }, (b) => (text += b.toString())).done;
    expect(text.split('\n')[0]).toBe('line 1');
    let followed = '';
    const f = api.logs({ namespace: 'default', name: 'talker', follow: true, tailLines: 1 }, (b) => (followed += b.toString()));
    await waitFor(async () => (followed.split('\n').filter(Boolean).length >= 4 ? true : undefined), 5000, () => `follow got: ${JSON.stringify(followed)}`);
    f.cancel();
    await f.done;
    const nums = followed.split('\n').filter(Boolean).map((l) => Number(l.split(' ')[1]));
    for (let i = 1; i < nums.length; i++) expect(nums[i]).toBe(nums[i - 1] + 1);

    const [web] = (await api.list('pods', 'default', { labelSelector: 'app=web' })).items;
    let out = '';
    let err = '';
    const e = api.exec({ namespace: 'default', name: web.metadata.name, command: ['/bin/sh', '-c', 'echo "$GREETING"; echo oops >&2; exit 4'] }, { stdout: (b) => (out += b), stderr: (b) => (err += b) });
    e.end();
    expect(await e.exitCode).toBe(4);
    expect(out).toBe('hello from a config map\n');
    expect(err).toBe('oops\n');
    let echoed = '';
    const cat = api.exec({ namespace: 'default', name: web.metadata.name, command: ['/bin/cat'], stdin: true }, { stdout: (b) => (echoed += b), stderr: () => undefined });
    cat.write(Buffer.from('through the master and back\n'));
    cat.end();
    expect(await cat.exitCode).toBe(0);
    expect(echoed).toBe('through the master and back\n');
    // CPU and memory use reach the pod's annotations (for the autoscaler and `shoal top`).
    const used = await waitFor(async () => {
      const p = await pod('talker');
      return Number(p.metadata.annotations?.['shoal.io/memory-usage-bytes'] ?? 0) > 0 ? p : undefined;
    }, 15_000, () => 'no usage annotations on the pod');
    expect(Number(used.metadata.annotations['shoal.io/cpu-usage-millicores'])).toBeGreaterThanOrEqual(0);
    // Asynchronously: the master runs in this process and must keep answering.
    const top = await run(process.execPath, [path.resolve(import.meta.dirname, '../../bin/shoal.js'), 'top', 'pods', '--endpoints', m.endpoint], { encoding: 'utf8' });
    expect(top.stderr).toBe('');
    expect(top.stdout).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)/);
    expect(top.stdout).toMatch(/\ntalker\s+\d+m\s+\d+Mi/);
    const missing = await api.logs({ namespace: 'default', name: 'talker', container: 'nope' }, () => undefined).done.catch((x: unknown) => x);
    expect(String((missing as Error).message)).toContain('container nope is not valid');
    await api.delete('pods', 'default', 'talker', { gracePeriodSeconds: 0 });
  });

  // The process runtime runs host commands: an image is only a label there.
  it.skipIf(setup.kind !== 'docker')('a missing image gives ErrImagePull, then ImagePullBackOff, never a crash', async () => {
    await api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'noimage' }, spec: { containers: [{ name: 'c', image: 'registry.invalid/nothere:1', imagePullPolicy: 'IfNotPresent' }] } });
    const reasons = new Set<string>();
    await waitFor(async () => {
      const w = (await pod('noimage')).status?.containerStatuses?.[0]?.state?.waiting;
      if (w?.reason) reasons.add(w.reason);
      return reasons.has('ImagePullBackOff') ? true : undefined;
    }, 20_000, () => `reasons seen: ${[...reasons].join(', ')}`);
    expect(reasons.has('ErrImagePull')).toBe(true);
    expect((await pod('noimage')).status.phase).toBe('Pending');
    await api.delete('pods', 'default', 'noimage', { gracePeriodSeconds: 0 });
  });

  it('restarts a crashing container with growing back-off (CrashLoopBackOff)', async () => {
    await api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crasher' }, spec: { containers: [{ name: 'c', image: 'busybox:shoal', command: ['/bin/sh', '-c', 'echo crashing; exit 3'] }] } });
    const seen = new Set<string>();
    const p = await waitFor(async () => {
      const cur = await pod('crasher');
      const cs = cur.status?.containerStatuses?.[0];
      if (cs?.state?.waiting?.reason) seen.add(cs.state.waiting.reason);
      return cs && cs.restartCount >= 2 ? cur : undefined;
    }, 20_000, () => 'the crasher never restarted twice');
    const cs = p.status.containerStatuses[0];
    expect(cs.lastState.terminated.exitCode).toBe(3);
    expect(seen.has('CrashLoopBackOff')).toBe(true);
    expect(p.status.phase).toBe('Running');
    await api.delete('pods', 'default', 'crasher', { gracePeriodSeconds: 0 });
  });

  it('a failing liveness probe restarts the container; readiness gates Ready', async () => {
    await api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'probed' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'c',
            image: 'busybox:shoal',
            command: ['/bin/sh', '-c', 'touch /tmp/live-$HOSTNAME; exec sleep 3600'],
            livenessProbe: { exec: { command: ['/bin/sh', '-c', 'test -f /tmp/live-$HOSTNAME'] }, periodSeconds: 1, failureThreshold: 1 },
            readinessProbe: { exec: { command: ['/bin/sh', '-c', 'test -f /tmp/ready-$HOSTNAME'] }, periodSeconds: 1 },
          },
        ],
      },
    });
    const running = await waitFor(async () => ((await pod('probed')).status?.containerStatuses?.[0]?.state?.running ? pod('probed') : undefined), 30_000, () => 'never running');
    expect(ready(running)).toBe(false);
    // The files the probes test are made and removed inside the container, through exec.
    const inPod = async (script: string) => {
      const e = api.exec({ namespace: 'default', name: 'probed', command: ['/bin/sh', '-c', script] }, { stdout: () => undefined, stderr: () => undefined });
      e.end();
      expect(await e.exitCode).toBe(0);
    };
    await inPod('touch /tmp/ready-$HOSTNAME');
    await waitFor(async () => (ready(await pod('probed')) ? true : undefined), 15_000, () => 'never Ready after the readiness file appeared');
    await inPod('rm -f /tmp/ready-$HOSTNAME');
    await waitFor(async () => (ready(await pod('probed')) ? undefined : true), 15_000, () => 'still Ready after the readiness file went');
    await inPod('rm -f /tmp/live-$HOSTNAME');
    const restarted = await waitFor(async () => {
      const p = await pod('probed');
      return p.status?.containerStatuses?.[0]?.restartCount >= 1 ? p : undefined;
    }, 15_000, () => 'liveness failure did not restart the container');
    expect(restarted.status.containerStatuses[0].restartCount).toBeGreaterThanOrEqual(1);
    await api.delete('pods', 'default', 'probed', { gracePeriodSeconds: 0 });
  });

  it('a deleted pod is stopped with its grace period and then gone', async () => {
    const [victim] = (await api.list('pods', 'default', { labelSelector: 'app=web' })).items;
    const ip = victim.status.podIP;
    await api.delete('pods', 'default', victim.metadata.name, { gracePeriodSeconds: 2 });
    await waitFor(async () => ((await api.get('pods', 'default', victim.metadata.name).catch(() => undefined)) ? undefined : true), 15_000, () => 'the deleted pod never went away');
    await expect(httpGet(ip, 8080)).rejects.toThrow();
    // Its replacement comes up.
    await waitFor(async () => {
      const list = (await api.list('pods', 'default', { labelSelector: 'app=web' })).items;
      return list.length === 2 && list.every(ready) ? true : undefined;
    }, 20_000, () => 'no replacement');
  });

  it('a restarted agent adopts its running pods; a stopped one makes its node NotReady at once', async () => {
    const before = (await api.list('pods', 'default', { labelSelector: 'app=web' })).items.map((p) => p.status.containerStatuses[0].containerID).sort();
    await agent.stop();
    const notReady = await waitFor(async () => {
      const n = await api.get('nodes', '', 'worker-1');
      return n.status.conditions.find((c: Obj) => c.type === 'Ready' && c.status !== 'True');
    }, 3000, () => 'the node stayed Ready after its agent stopped');
    expect(notReady.reason).toBe('AgentDisconnected');
    startAgent();
    await waitFor(async () => {
      const n = await api.get('nodes', '', 'worker-1');
      return n.status.conditions.some((c: Obj) => c.type === 'Ready' && c.status === 'True') ? true : undefined;
    }, 10_000, () => 'the node never came back Ready');
    await new Promise((r) => setTimeout(r, 1500));
    const pods = (await api.list('pods', 'default', { labelSelector: 'app=web' })).items;
    const after = pods.map((p) => p.status.containerStatuses[0].containerID).sort();
    expect(after).toEqual(before);
    for (const p of pods) expect(await httpGet(p.status.podIP, 8080)).toBe('200 hello from a config map\n');
  });

  it('an agent stopped on purpose (SIGTERM) leaves its node held: its pods stay Ready and serve; restarted, it adopts them', async () => {
    const list = async () => (await api.list('pods', 'default', { labelSelector: 'app=web' })).items;
    const before = (await list()).map((p) => p.status.containerStatuses[0].containerID).sort();
    await agent.stop({ goingAway: true });
    const held = await waitFor(async () => {
      const n = await api.get('nodes', '', 'worker-1');
      return n.status.conditions.find((c: Obj) => c.type === 'Ready' && c.status !== 'True');
    }, 3000, () => 'the node stayed Ready after its agent stopped');
    expect(held).toMatchObject({ status: 'Unknown', reason: 'AgentRestarting' });
    // Past the eviction timeout and a lifecycle pass: the pods are still Ready and serving.
    await new Promise((r) => setTimeout(r, 1500));
    for (const p of await list()) {
      expect(p.status.conditions.find((c: Obj) => c.type === 'Ready').status).toBe('True');
      expect(await httpGet(p.status.podIP, 8080)).toBe('200 hello from a config map\n');
    }
    startAgent();
    await waitFor(async () => {
      const n = await api.get('nodes', '', 'worker-1');
      return n.status.conditions.some((c: Obj) => c.type === 'Ready' && c.status === 'True') ? true : undefined;
    }, 10_000, () => 'the node never came back Ready');
    expect((await list()).map((p) => p.status.containerStatuses[0].containerID).sort()).toEqual(before);
  });
});
