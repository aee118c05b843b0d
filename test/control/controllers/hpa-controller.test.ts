// The horizontal pod autoscaler: the replica calculation (tolerance, pods without metrics and
// unready pods handled conservatively), and on a real master a Deployment scaled through its
// scale subresource: up when the pods' annotated CPU usage is high (capped by maxReplicas),
// down to minReplicas only after the scale-down stabilization window, with status, conditions
// and SuccessfulRescale events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obj } from '../../../src/control/client/resource-client.ts';
import { calculateReplicas, CPU_USAGE_ANNOTATION, HPA_RESOURCES, HpaController } from '../../../src/control/controllers/hpa-controller.ts';
import { startControlPlane, type ControlHarness } from '../control-harness.ts';
import { deployment, pod, setPodStatus, sleep, until } from './fixtures.ts';

function metricPod(name: string, usage: number | undefined, ready = true): Obj {
  const p = pod(name, { cpu: '100m', annotations: usage === undefined ? undefined : { [CPU_USAGE_ANNOTATION]: String(usage) } });
  p.status = { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] };
  return p;
}

describe('replica calculation', () => {
  const cpu50 = { utilization: 50 };
  it('scales by the usage ratio, within a tolerance', () => {
    expect(calculateReplicas([metricPod('a', 90), metricPod('b', 90)], 'cpu', 2, cpu50)).toMatchObject({ replicas: 4, utilization: 90 });
    expect(calculateReplicas([metricPod('a', 54), metricPod('b', 54)], 'cpu', 2, cpu50).replicas).toBe(2);
    expect(calculateReplicas([metricPod('a', 10), metricPod('b', 10)], 'cpu', 2, cpu50).replicas).toBe(1);
    expect(calculateReplicas([metricPod('a', 250), metricPod('b', 250)], 'cpu', 2, { averageValue: 0.1 }).replicas).toBe(5);
  });
  it('pods without metrics: none when scaling up, their full request when scaling down', () => {
    // Up: 2 pods at 100%, one unknown counted as 0 -> 66% / 50% -> ceil(1.33 * 3) = 4 (not 4 from the two alone... nor 6).
    expect(calculateReplicas([metricPod('a', 100), metricPod('b', 100), metricPod('c', undefined)], 'cpu', 3, cpu50).replicas).toBe(4);
    // Down: 2 pods at 10%, one unknown counted as 100% -> 40% / 50% -> ceil(0.8 * 3) = 3 = current: stays.
    expect(calculateReplicas([metricPod('a', 10), metricPod('b', 10), metricPod('c', undefined)], 'cpu', 3, cpu50).replicas).toBe(3);
  });
  it('unready pods count as idle when scaling up; a flip of direction means no change', () => {
    expect(calculateReplicas([metricPod('a', 100), metricPod('b', 100, false)], 'cpu', 2, cpu50).replicas).toBe(2);
    expect(calculateReplicas([metricPod('a', 200), metricPod('b', 100, false)], 'cpu', 2, cpu50).replicas).toBe(4);
  });
  it('refuses without metrics or requests', () => {
    expect(() => calculateReplicas([], 'cpu', 2, cpu50)).toThrow(/no pods/);
    expect(() => calculateReplicas([metricPod('a', undefined)], 'cpu', 2, cpu50)).toThrow(/did not receive metrics/);
    const noRequest = metricPod('a', 50);
    delete noRequest.spec.containers[0].resources;
    expect(() => calculateReplicas([noRequest], 'cpu', 2, cpu50)).toThrow(/missing request for cpu/);
  });
});

describe('hpa controller', () => {
  let h: ControlHarness;
  const ns = 'default';

  beforeAll(async () => {
    h = await startControlPlane([new HpaController()], HPA_RESOURCES, { hpaSyncPeriodMs: 150 });
  });
  afterAll(() => h?.stop());

  async function setUsage(names: string[], millicores: number): Promise<void> {
    for (const n of names) await h.client.patch('pods', ns, n, { metadata: { annotations: { [CPU_USAGE_ANNOTATION]: String(millicores) } } });
  }
  const replicas = async () => (await h.client.get('deployments', ns, 'app')).spec.replicas as number;
  const hpaStatus = async () => (await h.client.get('horizontalpodautoscalers', ns, 'app')).status ?? {};
  const condition = (st: Obj, type: string) => (st.conditions ?? []).find((c: Obj) => c.type === type);

  it('scales up on high usage (capped by maxReplicas), down to minReplicas after the stabilization window', async () => {
    await h.client.create('deployments', ns, deployment('app', 2));
    const pods = ['app-a', 'app-b'];
    for (const n of pods) {
      await h.client.create('pods', ns, pod(n, { labels: { app: 'app' }, cpu: '100m', annotations: { [CPU_USAGE_ANNOTATION]: '40' } }));
      await setPodStatus(h.client, ns, n, { ip: '10.244.0.2', ready: true });
    }
    await h.client.create('horizontalpodautoscalers', ns, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'app' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' },
        minReplicas: 2,
        maxReplicas: 6,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
        behavior: { scaleDown: { stabilizationWindowSeconds: 2 } },
      },
    });
    // 40% against 50%: 0.8 -> ceil(1.6) = 2, no change.
    const st0 = await until(async () => {
      const st = await hpaStatus();
      return st.currentMetrics ? st : undefined;
    }, 5000, 'no status');
    expect(st0.currentMetrics[0]).toEqual({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 40, averageValue: '40m' } } });
    expect(st0).toMatchObject({ currentReplicas: 2, desiredReplicas: 2 });
    expect(condition(st0, 'ScalingActive')).toMatchObject({ status: 'True', reason: 'ValidMetricFound' });
    expect(condition(st0, 'AbleToScale')).toMatchObject({ status: 'True' });
    expect(await replicas()).toBe(2);

    // 90%: 1.8 -> 4.
    await setUsage(pods, 90);
    await until(async () => (await replicas()) === 4, 5000, 'did not scale up to 4');
    const ev = await until(async () => (await h.client.list('events', ns)).items.find((e) => e.reason === 'SuccessfulRescale' && e.involvedObject.name === 'app'), 5000, 'no SuccessfulRescale event');
    expect(ev.message).toBe('New size: 4; reason: cpu resource utilization (percentage of request) above target');
    const st1 = await until(async () => {
      const st = await hpaStatus();
      return st.desiredReplicas === 4 && st.lastScaleTime ? st : undefined;
    }, 5000, 'status not updated after scaling');
    expect(condition(st1, 'ScalingLimited')).toMatchObject({ status: 'False', reason: 'DesiredWithinRange' });

    // 300%: 6 -> 12 wanted, 6 allowed.
    await setUsage(pods, 300);
    await until(async () => (await replicas()) === 6, 5000, 'did not scale up to maxReplicas');
    await until(async () => condition(await hpaStatus(), 'ScalingLimited')?.reason === 'TooManyReplicas', 5000, 'ScalingLimited not TooManyReplicas');
    await sleep(400);
    expect(await replicas()).toBe(6);

    // 10%: 0.2 -> 1 wanted, minReplicas 2; but not before the 2 s window is over.
    const lowAt = Date.now();
    await setUsage(pods, 10);
    await sleep(600);
    expect(await replicas()).toBe(6);
    expect(condition(await hpaStatus(), 'AbleToScale')?.reason).toBe('ScaleDownStabilized');
    await until(async () => (await replicas()) === 2, 6000, 'did not scale down to minReplicas');
    expect(Date.now() - lowAt).toBeGreaterThanOrEqual(1800);
    await until(async () => condition(await hpaStatus(), 'ScalingLimited')?.reason === 'TooFewReplicas', 5000, 'ScalingLimited not TooFewReplicas');
    const down = await until(async () => (await h.client.list('events', ns)).items.find((e) => e.reason === 'SuccessfulRescale' && e.message.startsWith('New size: 2')), 5000, 'no scale-down event');
    expect(down.message).toBe('New size: 2; reason: All metrics below target');
  });

  it('reports a missing target and pods without metrics', async () => {
    await h.client.create('horizontalpodautoscalers', ns, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'ghost' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'ghost' }, maxReplicas: 3 },
    });
    await until(async () => condition((await h.client.get('horizontalpodautoscalers', ns, 'ghost')).status ?? {}, 'AbleToScale')?.reason === 'FailedGetScale', 5000, 'FailedGetScale not reported');

    await h.client.create('deployments', ns, deployment('quiet', 1));
    await h.client.create('pods', ns, pod('quiet-a', { labels: { app: 'quiet' }, cpu: '100m' }));
    await setPodStatus(h.client, ns, 'quiet-a', { ready: true });
    await h.client.create('horizontalpodautoscalers', ns, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'quiet' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'quiet' }, maxReplicas: 3 },
    });
    const st = await until(async () => {
      const s = (await h.client.get('horizontalpodautoscalers', ns, 'quiet')).status ?? {};
      return condition(s, 'ScalingActive')?.status === 'False' ? s : undefined;
    }, 5000, 'ScalingActive not False without metrics');
    expect(condition(st, 'ScalingActive').reason).toBe('FailedGetResourceMetric');
    expect((await h.client.get('deployments', ns, 'quiet')).spec.replicas).toBe(1);
  });
});
