// Node lifecycle on a real master with hollow nodes: a node that goes silent is NotReady
// (Ready Unknown) and tainted unreachable within the grace period; its pods without a
// toleration go after the eviction timeout (at once, with grace 0, since nothing would confirm
// them), pods that do not tolerate the taint at all go at once, pods with a long toleration
// stay; the node's return removes the taints. A node reporting Ready False is tainted
// not-ready; healthy nodes are left alone; a node without a lease is judged by its heartbeat;
// with no node ready at all, nothing is evicted until one is back; with most of 5+ nodes lost
// at once, one node's pods go at a time; an agent stopped on purpose is held, then lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obj } from '../../../src/control/client/resource-client.ts';
import { NODE_LIFECYCLE_RESOURCES, NodeLifecycleController, TAINT_NOT_READY, TAINT_UNREACHABLE, tolerates } from '../../../src/control/controllers/node-lifecycle-controller.ts';
import { AGENT_RESTARTING } from '../../../src/control/nodes/conditions.ts';
import { startControlPlane, type ControlHarness } from '../control-harness.ts';
import { HollowNodes } from '../hollow-nodes.ts';
import { exists, pod, sleep, until } from './fixtures.ts';

const GRACE_MS = 1000;
const EVICTION_MS = 1000;
const HOLD_MS = 3000;

const readyOf = (n: Obj) => (n.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
const taintKeys = (n: Obj) => (n.spec?.taints ?? []).map((t: Obj) => `${t.key}:${t.effect}`).sort();

describe('node lifecycle controller', () => {
  let h: ControlHarness;
  let nodes: HollowNodes;

  beforeAll(async () => {
    h = await startControlPlane([new NodeLifecycleController()], NODE_LIFECYCLE_RESOURCES, { nodeGracePeriodMs: GRACE_MS, podEvictionTimeoutMs: EVICTION_MS, agentRestartHoldMs: HOLD_MS });
    nodes = new HollowNodes(h.client, ['n1', 'n2', 'n3'], { renewMs: 100 });
    await nodes.start();
  });
  afterAll(async () => {
    nodes?.stop();
    await h?.stop();
  });

  it('matches tolerations as Kubernetes does', () => {
    const taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };
    expect(tolerates({ operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(true);
    expect(tolerates({ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoSchedule' }, taint)).toBe(false);
    expect(tolerates({ key: TAINT_NOT_READY, operator: 'Exists' }, taint)).toBe(false);
    expect(tolerates({ key: 'a', value: 'b' }, { key: 'a', value: 'b', effect: 'NoExecute' })).toBe(true);
    expect(tolerates({ key: 'a', value: 'c' }, { key: 'a', value: 'b', effect: 'NoExecute' })).toBe(false);
  });

  it('a silent node goes NotReady and tainted; its pods are evicted by their tolerations; it recovers', async () => {
    const ns = 'default';
    await h.client.create('pods', ns, pod('plain', { nodeName: 'n1' }));
    await h.client.create('pods', ns, pod('short', { nodeName: 'n1', tolerations: [{ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }] }));
    await h.client.create('pods', ns, pod('patient', { nodeName: 'n1', tolerations: [{ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 3600 }] }));
    await h.client.create('pods', ns, pod('forever', { nodeName: 'n1', tolerations: [{ operator: 'Exists' }] }));
    await h.client.create('pods', ns, pod('elsewhere', { nodeName: 'n2' }));
    await until(async () => (await h.client.get('pods', ns, 'plain')).status.phase === 'Running', 5000, 'pod never ran');
    await sleep(GRACE_MS + 300);
    // Healthy nodes are left alone.
    for (const n of ['n1', 'n2', 'n3']) {
      const node = await h.client.get('nodes', '', n);
      expect(readyOf(node).status).toBe('True');
      expect(taintKeys(node)).toEqual([]);
    }

    const killedAt = Date.now();
    nodes.kill('n1');
    const notReady = await until(async () => {
      const n = await h.client.get('nodes', '', 'n1');
      return readyOf(n)?.status === 'Unknown' && taintKeys(n).length === 2 ? n : undefined;
    }, 5000, 'the killed node was never marked NotReady and tainted');
    const detectedMs = Date.now() - killedAt;
    expect(detectedMs).toBeGreaterThanOrEqual(GRACE_MS - 300);
    expect(detectedMs).toBeLessThan(GRACE_MS + 2500);
    expect(readyOf(notReady)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(taintKeys(notReady)).toEqual([`${TAINT_UNREACHABLE}:NoExecute`, `${TAINT_UNREACHABLE}:NoSchedule`]);
    expect(notReady.spec.taints.find((t: Obj) => t.effect === 'NoExecute').timeAdded).toBeTruthy();

    // The pod without a toleration goes after the eviction timeout, not before.
    await sleep(EVICTION_MS / 2);
    expect(await exists(h.client, 'pods', ns, 'plain')).toBeDefined();
    await until(async () => !(await exists(h.client, 'pods', ns, 'plain')), 3000, 'pod without toleration not evicted');
    // The 2 s toleration runs out next; the others stay.
    expect(await exists(h.client, 'pods', ns, 'short')).toBeDefined();
    await until(async () => !(await exists(h.client, 'pods', ns, 'short')), 4000, 'pod with a 2 s toleration not evicted');
    expect(await exists(h.client, 'pods', ns, 'patient')).toBeDefined();
    expect(await exists(h.client, 'pods', ns, 'forever')).toBeDefined();
    expect(await exists(h.client, 'pods', ns, 'elsewhere')).toBeDefined();
    const events = (await h.client.list('events', ns)).items.filter((e) => e.reason === 'TaintManagerEviction');
    expect(events.map((e) => e.involvedObject.name).sort()).toEqual(['plain', 'short']);

    await nodes.revive('n1');
    await until(async () => {
      const n = await h.client.get('nodes', '', 'n1');
      return readyOf(n)?.status === 'True' && taintKeys(n).length === 0 ? n : undefined;
    }, 5000, 'the revived node kept its taints');
    expect(await exists(h.client, 'pods', ns, 'patient')).toBeDefined();
  });

  it('a node without a lease is judged by its heartbeat', async () => {
    const hb = (offsetS: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + offsetS * 1000).toISOString().replace('.000Z', 'Z');
    const ready = (at: string) => ({ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: at, lastTransitionTime: at });
    await h.client.create('nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare' }, spec: {}, status: { conditions: [ready(hb(0))] } });
    // A heartbeat posted every 400 ms keeps it Ready past the grace period.
    for (let i = 1; i <= 4; i++) {
      await sleep(400);
      const n = await h.client.get('nodes', '', 'bare');
      await h.client.update('nodes', '', { ...n, status: { conditions: [ready(hb(i * 60))] } }, { subresource: 'status' });
    }
    expect(readyOf(await h.client.get('nodes', '', 'bare')).status).toBe('True');
    const n = await until(async () => {
      const x = await h.client.get('nodes', '', 'bare');
      return readyOf(x).status === 'Unknown' && taintKeys(x).length === 2 ? x : undefined;
    }, 5000, 'a node without lease or heartbeat was never marked NotReady');
    await h.client.update('nodes', '', { ...n, status: { conditions: [ready(hb(3600))] } }, { subresource: 'status' });
    await until(async () => taintKeys(await h.client.get('nodes', '', 'bare')).length === 0, 3000, 'a fresh heartbeat did not clear the taints');
    await h.client.delete('nodes', '', 'bare');
  });

  it('a node reporting Ready False is tainted not-ready; pods that tolerate nothing go at once', async () => {
    const ns = 'default';
    // A pod that does not tolerate a NoExecute taint of another key is evicted at once.
    await h.client.create('pods', ns, pod('on-n3', { nodeName: 'n3' }));
    await h.client.create('pods', ns, pod('on-n3-tolerant', { nodeName: 'n3', tolerations: [{ key: 'example.com/maintenance', operator: 'Exists', effect: 'NoExecute' }] }));
    await until(async () => (await h.client.get('pods', ns, 'on-n3')).status.phase === 'Running', 5000, 'pod never ran');
    const n3 = await h.client.get('nodes', '', 'n3');
    await h.client.update('nodes', '', { ...n3, spec: { ...n3.spec, taints: [{ key: 'example.com/maintenance', effect: 'NoExecute' }] } });
    await until(async () => !(await exists(h.client, 'pods', ns, 'on-n3')), 3000, 'intolerant pod not evicted at once');
    expect(await exists(h.client, 'pods', ns, 'on-n3-tolerant')).toBeDefined();

    const n2 = await h.client.get('nodes', '', 'n2');
    const conditions = n2.status.conditions.map((c: Obj) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'KubeletNotReady', message: 'runtime down' } : c));
    await h.client.update('nodes', '', { ...n2, status: { ...n2.status, conditions } }, { subresource: 'status' });
    const tainted = await until(async () => {
      const n = await h.client.get('nodes', '', 'n2');
      return taintKeys(n).length === 2 ? n : undefined;
    }, 3000, 'not-ready node not tainted');
    expect(taintKeys(tainted)).toEqual([`${TAINT_NOT_READY}:NoExecute`, `${TAINT_NOT_READY}:NoSchedule`]);
    // Its pod (no toleration: the default eviction timeout) is deleted gracefully; the live agent finishes it.
    await until(async () => !(await exists(h.client, 'pods', ns, 'elsewhere')), 5000, 'pod on the not-ready node not evicted');
    await nodes.revive('n2');
    await until(async () => taintKeys(await h.client.get('nodes', '', 'n2')).length === 0, 3000, 'ready node kept its not-ready taints');
  });

  it('a node whose agent stopped on purpose is held: no new pods, its pods stay Ready and in place; after the hold it is lost', async () => {
    const ns = 'default';
    await h.client.create('pods', ns, pod('held', { nodeName: 'n1' }));
    await until(async () => (await h.client.get('pods', ns, 'held')).status.phase === 'Running', 5000, 'pod never ran');
    // What the node hub does when the agent says it is going away: the agent stops renewing.
    nodes.kill('n1');
    const n1 = await h.client.get('nodes', '', 'n1');
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const conditions = n1.status.conditions.map((c: Obj) => (c.type === 'Ready' ? { ...c, status: 'Unknown', reason: AGENT_RESTARTING, message: 'agent stopped on purpose', lastTransitionTime: at } : c));
    await h.client.update('nodes', '', { ...n1, status: { ...n1.status, conditions } }, { subresource: 'status' });
    const heldAt = Date.now();
    await until(async () => (taintKeys(await h.client.get('nodes', '', 'n1')).includes(`${TAINT_UNREACHABLE}:NoSchedule`) ? true : undefined), 3000, 'held node not tainted NoSchedule');
    // Past the grace period and the eviction timeout, still held.
    await sleep(Math.max(0, GRACE_MS + EVICTION_MS + 300 - (Date.now() - heldAt)));
    expect(Date.now() - heldAt).toBeLessThan(HOLD_MS);
    const held = await h.client.get('nodes', '', 'n1');
    expect(readyOf(held)).toMatchObject({ status: 'Unknown', reason: AGENT_RESTARTING });
    expect(taintKeys(held)).toEqual([`${TAINT_UNREACHABLE}:NoSchedule`]);
    const p = await h.client.get('pods', ns, 'held');
    expect(p.metadata.deletionTimestamp).toBeUndefined();
    expect(p.status.conditions.find((c: Obj) => c.type === 'Ready').status).toBe('True');
    // The hold runs out: a lost node from then on, and its pod goes after the eviction timeout.
    const lost = await until(async () => {
      const n = await h.client.get('nodes', '', 'n1');
      return taintKeys(n).length === 2 ? n : undefined;
    }, HOLD_MS + 3000, 'the hold never ran out');
    expect(Date.now() - heldAt).toBeGreaterThanOrEqual(HOLD_MS - 1000);
    expect(readyOf(lost)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    await until(async () => !(await exists(h.client, 'pods', ns, 'held')), EVICTION_MS + 3000, 'pod of the lost node not evicted');
    await nodes.revive('n1');
    await until(async () => taintKeys(await h.client.get('nodes', '', 'n1')).length === 0, 5000, 'revived node kept its taints');
  });

  it('evicts nothing for not-ready/unreachable when no node is ready at all (full disruption)', async () => {
    const ns = 'default';
    await h.client.create('pods', ns, pod('stranded', { nodeName: 'n1' }));
    for (const n of ['n1', 'n2', 'n3']) nodes.kill(n);
    await until(async () => {
      for (const n of ['n1', 'n2', 'n3']) if (readyOf(await h.client.get('nodes', '', n))?.status !== 'Unknown') return undefined;
      return true;
    }, 6000, 'not every node was marked NotReady');
    expect(taintKeys(await h.client.get('nodes', '', 'n1'))).toEqual([`${TAINT_UNREACHABLE}:NoExecute`, `${TAINT_UNREACHABLE}:NoSchedule`]);
    await sleep(EVICTION_MS + 700);
    expect(await exists(h.client, 'pods', ns, 'stranded')).toBeDefined();
    // One node back: the others are in partial disruption again, and their pods go.
    await nodes.revive('n3');
    await until(async () => !(await exists(h.client, 'pods', ns, 'stranded')), 5000, 'pod not evicted once a node was ready again');
    await nodes.revive('n1');
    await nodes.revive('n2');
  });
});

describe('node lifecycle controller, partial disruption', () => {
  let h: ControlHarness;
  let nodes: HollowNodes;
  const RATE = 0.5; // nodes a second: one every 2 s

  beforeAll(async () => {
    h = await startControlPlane([new NodeLifecycleController()], NODE_LIFECYCLE_RESOURCES, { nodeGracePeriodMs: GRACE_MS, podEvictionTimeoutMs: 500, secondaryNodeEvictionRate: RATE });
    nodes = new HollowNodes(h.client, ['q1', 'q2', 'q3', 'q4', 'q5'], { renewMs: 100 });
    await nodes.start();
  });
  afterAll(async () => {
    nodes?.stop();
    await h?.stop();
  });

  it('with most nodes lost at once, their pods are evicted one node at a time', async () => {
    const ns = 'default';
    for (const n of ['q1', 'q2', 'q3', 'q4']) await h.client.create('pods', ns, pod(`on-${n}`, { nodeName: n }));
    await until(async () => (await h.client.get('pods', ns, 'on-q3')).status.phase === 'Running', 5000, 'pods never ran');
    // Three of five (60% > 55%) go silent together.
    for (const n of ['q1', 'q2', 'q3']) nodes.kill(n);
    const goneAt = new Map<string, number>();
    await until(async () => {
      for (const n of ['q1', 'q2', 'q3']) if (!goneAt.has(n) && !(await exists(h.client, 'pods', ns, `on-${n}`))) goneAt.set(n, Date.now());
      return goneAt.size === 3 ? true : undefined;
    }, GRACE_MS + 500 + 3 * (1000 / RATE) + 5000, 'not every lost node was evicted');
    const times = [...goneAt.values()].sort((a, b) => a - b);
    // Spaced by the rate (less a poll's slack), never all at once.
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(1000 / RATE - 400);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(1000 / RATE - 400);
    expect(await exists(h.client, 'pods', ns, 'on-q4')).toBeDefined();
    for (const n of ['q1', 'q2', 'q3']) await nodes.revive(n);
  });
});
