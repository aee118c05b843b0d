// The node hub applies an agent's pod messages pod by pod, side by side: for each pod the last
// status sent is the one stored (never an older one written after it), however many pods and
// messages arrive at once; a pod-gone message after statuses deletes the pod. A raw agent stream
// against a real master (no agent: the test decides exactly what is sent, and when).
import { credentials } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Obj } from '../../src/client/api-client.ts';
import { nodeProto } from '../../src/proto/node-proto.ts';
import { waitFor } from '../cli/harness.ts';
import { startSingleMaster, type SingleMaster } from '../store/single-master.ts';

const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o), 'utf8');
const NODE = 'lanes-node';

describe('node hub pod lanes', () => {
  let m: SingleMaster;
  let api: ApiClient;
  let client: InstanceType<ReturnType<typeof nodeProto>['NodeAgent']>;
  let stream: ReturnType<typeof client.Connect>;
  let beat: NodeJS.Timeout;

  beforeAll(async () => {
    m = await startSingleMaster(['--api=true', '--controllers=false']);
    api = new ApiClient([m.endpoint]);
    await waitFor(async () => (await api.get('namespaces', '', 'default').catch(() => undefined)) ?? undefined, 10_000, () => 'no default namespace');
    client = new (nodeProto().NodeAgent)(m.endpoint, credentials.createInsecure());
    stream = client.Connect();
    let registered = false;
    stream.on('data', (msg: { registered?: unknown }) => {
      if (msg.registered) registered = true;
    });
    stream.on('error', () => undefined);
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE }, status: { capacity: { cpu: '8', memory: '8Gi', pods: '200' }, allocatable: { cpu: '8', memory: '8Gi', pods: '200' } } };
    stream.write({ register: { node: json(node), renewMs: 250 } });
    await waitFor(async () => (registered ? true : undefined), 10_000, () => 'never registered');
    beat = setInterval(() => stream.write({ heartbeat: {} }), 250);
  }, 30_000);

  afterAll(async () => {
    clearInterval(beat);
    stream?.end();
    client?.close();
    api?.close();
    await m?.stop();
  });

  it('stores the last status sent for each pod, with many pods and messages at once', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `lane-${i}`);
    const pods = await Promise.all(
      names.map((name) => api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: NODE, containers: [{ name: 'c', image: 'busybox' }] } })),
    );
    const VERSIONS = 6;
    for (let v = 1; v <= VERSIONS; v++) {
      for (const p of pods) {
        const status = { phase: 'Running', message: `v${v}`, conditions: [{ type: 'Ready', status: v % 2 ? 'True' : 'False', lastTransitionTime: `2026-12-06T10:00:0${v}Z` }] };
        stream.write({ podStatus: { namespace: 'default', name: p.metadata.name, uid: p.metadata.uid, status: json(status), cpuMillicores: 0, memoryBytes: 0 } });
      }
    }
    await waitFor(async () => {
      const items = (await api.list('pods', 'default')).items.filter((p: Obj) => names.includes(p.metadata.name));
      return items.every((p: Obj) => p.status?.message === `v${VERSIONS}`) ? true : undefined;
    }, 15_000, () => 'not every pod has its last status');
    // And it stays so: nothing older lands after it.
    await new Promise((r) => setTimeout(r, 300));
    const items = (await api.list('pods', 'default')).items.filter((p: Obj) => names.includes(p.metadata.name));
    expect(items.map((p: Obj) => p.status.message)).toEqual(names.map(() => `v${VERSIONS}`));
  });

  it('a pod gone after its statuses is deleted; others are untouched', async () => {
    const [a, b] = await Promise.all(['gone-a', 'gone-b'].map((name) => api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: NODE, containers: [{ name: 'c', image: 'busybox' }] } })));
    for (const p of [a, b]) stream.write({ podStatus: { namespace: 'default', name: p.metadata.name, uid: p.metadata.uid, status: json({ phase: 'Running', message: 'up' }), cpuMillicores: 0, memoryBytes: 0 } });
    stream.write({ podGone: { namespace: 'default', name: a.metadata.name, uid: a.metadata.uid } });
    await waitFor(async () => ((await api.get('pods', 'default', 'gone-a').catch(() => undefined)) ? undefined : true), 10_000, () => 'gone-a still there');
    await waitFor(async () => ((await api.get('pods', 'default', 'gone-b')).status?.message === 'up' ? true : undefined), 10_000, () => 'gone-b has no status');
  });
});
