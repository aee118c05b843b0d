// Deployment arithmetic without a cluster: the template hash, fenceposts, proportional shares,
// progress checks; and the order in which a replica manager deletes surplus pods.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Obj } from '../../../src/control/client/resource-client.ts';
import {
  canonicalJson,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  findNewReplicaSet,
  HASH_LABEL,
  maxSurge,
  maxUnavailable,
  proportion,
  resolveFenceposts,
  scaledValue,
  templateHash,
} from '../../../src/control/controllers/deployment-util.ts';
import { podsToDelete } from '../../../src/control/controllers/workload-common.ts';

const tpl = (image: string, extraLabels: Record<string, string> = {}): Obj => ({ metadata: { labels: { app: 'web', ...extraLabels } }, spec: { containers: [{ name: 'c', image }] } });
const dep = (replicas: number, surge: unknown, unavailable: unknown, extra: Obj = {}): Obj => ({
  metadata: { name: 'web', generation: 1 },
  spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } }, template: tpl('a'), ...extra },
  status: {},
});

describe('template hash', () => {
  it('is 10 safe characters, stable under key order, blind to its own label, moved by collisions and changes', () => {
    const a = templateHash(tpl('a'));
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    const reordered = { spec: { containers: [{ image: 'a', name: 'c' }] }, metadata: { labels: { app: 'web' } } };
    expect(templateHash(reordered)).toBe(a);
    expect(templateHash(tpl('a', { [HASH_LABEL]: 'whatever' }))).toBe(a);
    expect(templateHash(tpl('a'), 1)).not.toBe(a);
    expect(templateHash(tpl('b'))).not.toBe(a);
  });

  it('canonical JSON ignores key order and loses nothing (property)', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        expect(canonicalJson(reverseKeys(x))).toBe(canonicalJson(x));
        expect(JSON.parse(canonicalJson(x))).toEqual(JSON.parse(JSON.stringify(x)));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the oldest ReplicaSet whose template equals the deployment, ignoring the hash label', () => {
    const d = { spec: { template: tpl('a') } };
    const rs = (name: string, created: string, t: Obj) => ({ metadata: { name, creationTimestamp: created }, spec: { template: t } });
    const list = [rs('b', '2024-01-02T00:00:00Z', tpl('a', { [HASH_LABEL]: 'x' })), rs('a', '2024-01-01T00:00:00Z', tpl('a', { [HASH_LABEL]: 'y' })), rs('c', '2023-01-01T00:00:00Z', tpl('b'))];
    expect(findNewReplicaSet(d, list)?.metadata.name).toBe('a');
    expect(equalIgnoreHash(tpl('a', { [HASH_LABEL]: 'x' }), tpl('a'))).toBe(true);
    expect(equalIgnoreHash(tpl('a', { other: 'x' }), tpl('a'))).toBe(false);
  });
});

describe('fenceposts', () => {
  it('rounds surge up and unavailability down; both zero makes one unavailable', () => {
    expect(scaledValue('25%', 4, true)).toBe(1);
    expect(scaledValue('25%', 5, true)).toBe(2);
    expect(scaledValue('25%', 5, false)).toBe(1);
    expect(resolveFenceposts(dep(4, '25%', '25%'))).toEqual({ surge: 1, unavailable: 1 });
    expect(resolveFenceposts(dep(3, '10%', '10%'))).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts(dep(3, 0, '10%'))).toEqual({ surge: 0, unavailable: 1 });
    expect(maxUnavailable(dep(2, 1, 5))).toBe(2);
    expect(maxUnavailable(dep(0, 1, 1))).toBe(0);
    expect(maxSurge({ spec: { replicas: 3, strategy: { type: 'Recreate' } } })).toBe(0);
  });
});

describe('proportional scaling', () => {
  it('shares an increase by each ReplicaSet’s part of max-replicas', () => {
    const d = dep(10, 3, 2); // max 13
    const rs = (n: number) => ({ metadata: { annotations: { 'deployment.kubernetes.io/max-replicas': '8' } }, spec: { replicas: n } });
    // Was 5 + 3 = 8 of max 8; now max 13: +5 shared about 5/8 and 3/8.
    const a = proportion(rs(5), d, 5, 0);
    const b = proportion(rs(3), d, 5, a);
    expect(a + b).toBeLessThanOrEqual(5);
    expect(a).toBe(3);
    expect(b).toBe(2);
    expect(proportion(rs(0), d, 5, 0)).toBe(0);
  });
});

describe('progress', () => {
  it('complete, progressing and timed out as Kubernetes judges them', () => {
    const d = dep(3, 1, 0, { progressDeadlineSeconds: 10 });
    expect(deploymentComplete(d, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 })).toBe(true);
    expect(deploymentComplete(d, { replicas: 4, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 })).toBe(false);
    expect(deploymentProgressing({ replicas: 4, updatedReplicas: 1 }, { replicas: 4, updatedReplicas: 2 })).toBe(true);
    expect(deploymentProgressing({ replicas: 4, updatedReplicas: 2, readyReplicas: 3 }, { replicas: 4, updatedReplicas: 2, readyReplicas: 3 })).toBe(false);
    const at = Date.parse('2024-01-01T00:00:00Z');
    const st = { conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: '2024-01-01T00:00:00Z' }] };
    expect(deploymentTimedOut(d, st, at + 9000)).toBe(false);
    expect(deploymentTimedOut(d, st, at + 11_000)).toBe(true);
  });
});

describe('deletion order', () => {
  const pod = (name: string, o: { node?: string; phase?: string; ready?: boolean; readySince?: string; restarts?: number; created?: string }) => ({
    metadata: { name, creationTimestamp: o.created ?? '2024-01-01T00:00:00Z' },
    spec: { nodeName: o.node },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: o.readySince ?? '2024-01-01T00:00:00Z' }],
      containerStatuses: [{ restartCount: o.restarts ?? 0 }],
    },
  });

  it('unscheduled, then pending, then not ready, then doubled up, then recently ready, restarts, newest', () => {
    const pods = [
      pod('old-ready', { node: 'n1', ready: true, readySince: '2024-01-01T00:00:00Z' }),
      pod('new-ready', { node: 'n2', ready: true, readySince: '2024-01-01T00:05:00Z' }),
      pod('crashy', { node: 'n3', ready: true, readySince: '2024-01-01T00:00:00Z', restarts: 5 }),
      pod('unready', { node: 'n4', ready: false }),
      pod('pending', { node: 'n5', phase: 'Pending' }),
      pod('unscheduled', { phase: 'Pending' }),
    ];
    expect(podsToDelete(pods, pods, 6).map((p) => p.metadata.name)).toEqual(['unscheduled', 'pending', 'unready', 'new-ready', 'crashy', 'old-ready']);
    // Doubled up on a node goes before ready time.
    const doubled = [pod('alone', { node: 'n1', ready: true, readySince: '2024-01-01T00:09:00Z' }), pod('pair-a', { node: 'n2', ready: true }), pod('pair-b', { node: 'n2', ready: true })];
    expect(podsToDelete(doubled, doubled, 1)[0].metadata.name).toMatch(/^pair-/);
  });
});
