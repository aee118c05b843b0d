// Horizontal pod autoscaling (autoscaling/v2) of anything with a scale subresource
// (Deployments, ReplicaSets, ReplicationControllers), evaluated every hpaSyncPeriodMs.
//
// METRICS CONTRACT. shoal has no metrics server: node agents report each running pod's usage
// in annotations on the pod, which this controller reads from its pod cache:
//   shoal.io/cpu-usage-millicores   the pod's CPU usage, summed over its containers, in
//                                   millicores (a decimal number, e.g. "250" or "87.5"),
//                                   averaged over the agent's last sampling window;
//   shoal.io/memory-usage-bytes     the pod's memory working set in bytes.
// A pod without the annotation has no metrics. Resource metrics (cpu, memory) with targets of
// type Utilization (percent of the pods' requests) or AverageValue are supported; other metric
// types make ScalingActive False.
//
// The computation follows Kubernetes': over the target's pods (terminating and failed ones
// left out), utilization = sum(usage) / sum(requests) of the ready pods with metrics;
// desired = ceil(ratio * those pods) where ratio = utilization / target, unless |ratio - 1| is
// within the tolerance (0.1). Conservatively, as Kubernetes: pods without metrics count as
// using exactly their request when scaling down and nothing when scaling up, pods not ready
// (or Pending) count as using nothing when scaling up and are ignored when scaling down, and
// if that changes the direction, nothing happens. Several metrics: the largest proposal.
//
// Then: a target at 0 replicas (with minReplicas > 0) is left alone; one outside
// [minReplicas, maxReplicas] is brought inside. Otherwise the stabilization windows apply (the
// highest recommendation within the scale-down window, default hpaDownscaleStabilizationMs,
// and the lowest within the scale-up window, default 0), then the rate limits of
// spec.behavior (without behavior: at most max(2 * current, 4) when scaling up), then min/max.
// Recommendations are kept in memory; a controller that just took over starts each HPA's
// history with its current replica count, so it never scales down sooner than a window after
// it started watching.
import type { Obj } from '../client/resource-client.ts';
import { reasonOf } from '../client/resource-client.ts';
import { timestamp } from '../api/codec.ts';
import { kindOf } from '../api/kinds.ts';
import { keyOf, splitKey, type Informer } from '../informer/informer.ts';
import { matches, parseLabelSelector } from '../labels.ts';
import { formatQuantity, parseQuantity } from '../quantity.ts';
import { deepEqual } from '../validation/common.ts';
import { podIsReady, QueueController, setCondition, type ConditionLike } from './queue-controller.ts';

export const HPA_RESOURCES = ['horizontalpodautoscalers', 'pods'];

export const CPU_USAGE_ANNOTATION = 'shoal.io/cpu-usage-millicores';
export const MEMORY_USAGE_ANNOTATION = 'shoal.io/memory-usage-bytes';
const DEFAULT_TOLERANCE = 0.1;
/** Without spec.behavior (Kubernetes' legacy rule): a scale-up goes to at most max(2 * current, 4). */
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

interface History {
  recommendations: { at: number; replicas: number }[];
  /** Replica changes made by this controller: positive up, negative down. */
  events: { at: number; change: number }[];
}

interface Proposal {
  replicas: number;
  /** For the event: "cpu resource utilization (percentage of request)". */
  metric: string;
  status: Obj;
}

class MetricError extends Error {
  constructor(
    readonly conditionReason: string,
    message: string,
  ) {
    super(message);
  }
}

/** A pod's usage of a resource from its annotation, in base units (cores, bytes); undefined when not reported. */
export function podUsage(pod: Obj, resource: string): number | undefined {
  const a = pod.metadata?.annotations ?? {};
  const raw = resource === 'cpu' ? a[CPU_USAGE_ANNOTATION] : resource === 'memory' ? a[MEMORY_USAGE_ANNOTATION] : undefined;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) return undefined;
  return resource === 'cpu' ? n / 1000 : n;
}

/** The sum of a pod's containers' requests of a resource (base units); undefined if a container has none. */
export function podRequest(pod: Obj, resource: string): number | undefined {
  let sum = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = c.resources?.requests?.[resource];
    if (r === undefined) return undefined;
    try {
      sum += parseQuantity(r);
    } catch {
      return undefined;
    }
  }
  return sum;
}

export interface ReplicaCalculation {
  replicas: number;
  /** Average usage per pod with metrics (base units), and utilization in percent of request when asked for. */
  averageValue: number;
  utilization?: number;
}

/**
 * Kubernetes' replica calculation for one resource metric. `target` is a utilization in
 * percent (Utilization) or a per-pod value in base units (AverageValue).
 */
export function calculateReplicas(
  pods: Obj[],
  resource: string,
  current: number,
  target: { utilization?: number; averageValue?: number },
  tolerance: { up: number; down: number } = { up: DEFAULT_TOLERANCE, down: DEFAULT_TOLERANCE },
): ReplicaCalculation {
  const within = (ratio: number) => (ratio >= 1 ? ratio - 1 <= tolerance.up : 1 - ratio <= tolerance.down);
  if (pods.length === 0) throw new MetricError('FailedGetResourceMetric', 'no pods returned by selector while calculating replica count');
  const ready: Obj[] = [];
  const unready: Obj[] = [];
  const missing: Obj[] = [];
  for (const p of pods) {
    const u = podUsage(p, resource);
    if (u === undefined) missing.push(p);
    else if (p.status?.phase === 'Pending' || !podIsReady(p)) unready.push(p);
    else ready.push(p);
  }
  if (ready.length === 0) throw new MetricError('FailedGetResourceMetric', `did not receive metrics for targeted pods (pods might be unready): ${pods.length} pods, ${missing.length} without metrics, ${unready.length} not ready`);
  const byUtilization = target.utilization !== undefined;
  /** What a pod's usage is measured against: its request (utilization) or the target value. */
  const reference = (p: Obj): number => {
    if (!byUtilization) return target.averageValue!;
    const r = podRequest(p, resource);
    if (r === undefined || r <= 0) throw new MetricError('FailedGetResourceMetric', `missing request for ${resource} in pod ${p.metadata.name}`);
    return r;
  };
  const ratioOf = (usage: number, ref: number) => (byUtilization ? (usage / ref) * (100 / target.utilization!) : usage / ref);
  let usage = 0;
  let ref = 0;
  for (const p of ready) {
    usage += podUsage(p, resource)!;
    ref += reference(p);
  }
  const ratio = ratioOf(usage, ref);
  const out = (replicas: number): ReplicaCalculation => ({
    replicas,
    averageValue: usage / ready.length,
    utilization: byUtilization ? Math.round((usage / ref) * 100) : undefined,
  });
  const rebalanceUnready = unready.length > 0 && ratio > 1;
  if (!rebalanceUnready && missing.length === 0) {
    if (within(ratio)) return out(current);
    return out(Math.ceil(ratio * ready.length));
  }
  // Assume the worst in the direction of the change, then see whether it still holds.
  let u2 = usage;
  let r2 = ref;
  let n2 = ready.length;
  for (const p of missing) {
    const pr = reference(p);
    u2 += ratio < 1 ? pr : 0; // 100% of its request (or exactly the target value) down, nothing up
    r2 += pr;
    n2++;
  }
  if (rebalanceUnready) {
    for (const p of unready) {
      r2 += reference(p);
      n2++;
    }
  }
  const ratio2 = ratioOf(u2, r2);
  if (within(ratio2) || (ratio < 1 && ratio2 > 1) || (ratio > 1 && ratio2 < 1)) return out(current);
  const replicas = Math.ceil(ratio2 * n2);
  if ((ratio2 < 1 && replicas > current) || (ratio2 > 1 && replicas < current)) return out(current);
  return out(replicas);
}

export class HpaController extends QueueController {
  readonly name = 'hpa-controller';
  protected override workers = 2;
  private hpas!: Informer;
  private pods!: Informer;
  private history = new Map<string, History>();

  protected setup(): void {
    this.history = new Map();
    this.pods = this.watch('pods');
    this.hpas = this.watch('horizontalpodautoscalers', {
      add: (h) => this.queue.add(keyOf(h)),
      // Status writes (ours) do not bump the generation; spec changes do.
      update: (old, h) => {
        if (old.metadata.generation !== h.metadata.generation) this.queue.add(keyOf(h));
      },
      delete: (h) => this.history.delete(keyOf(h)),
    });
  }

  protected async reconcile(key: string): Promise<void> {
    const hpa = this.hpas.getByKey(key);
    if (!hpa) {
      this.history.delete(key);
      return;
    }
    try {
      await this.evaluate(key, hpa);
    } finally {
      if (!this.stopped && this.hpas.getByKey(key)) this.queue.addAfter(key, this.ctx.config.hpaSyncPeriodMs);
    }
  }

  private async evaluate(key: string, hpa: Obj): Promise<void> {
    const { namespace } = splitKey(key);
    const spec = hpa.spec ?? {};
    const now = this.ctx.now();
    const at = timestamp(now);
    const status: Obj = structuredClone(hpa.status ?? {});
    status.observedGeneration = hpa.metadata.generation;
    let conditions: ConditionLike[] = status.conditions ?? [];
    const cond = (type: string, s: string, reason: string, message: string) => {
      conditions = setCondition(conditions, { type, status: s, reason, message }, at);
    };
    const finish = async () => {
      status.conditions = conditions;
      if (deepEqual(status, hpa.status ?? {})) return;
      await this.client.update('horizontalpodautoscalers', namespace, { ...hpa, status }, { subresource: 'status' });
    };

    // The target's scale.
    const ref = spec.scaleTargetRef ?? {};
    const kind = kindOf(ref.kind ?? '');
    let scale: Obj;
    try {
      if (!kind || !kind.subresources.includes('scale')) throw new Error(`${ref.kind ?? '(no kind)'} has no scale subresource`);
      scale = await this.client.get(kind.resource, namespace, ref.name, 'scale');
    } catch (err) {
      if (reasonOf(err) === 'Fenced' || reasonOf(err) === 'Stopped') throw err;
      const message = `the HPA controller was unable to get the target's current scale: ${(err as Error).message}`;
      cond('AbleToScale', 'False', 'FailedGetScale', message);
      this.ctx.events.record(hpa, 'Warning', 'FailedGetScale', (err as Error).message);
      await finish();
      return;
    }
    cond('AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale');
    const current: number = scale.spec?.replicas ?? 0;
    const minReplicas: number = spec.minReplicas ?? 1;
    const maxReplicas: number = spec.maxReplicas;
    status.currentReplicas = current;
    const hist = this.historyOf(key, now, current);

    let desired: number;
    let reason = '';
    if (current === 0 && minReplicas !== 0) {
      desired = 0;
      cond('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (current > maxReplicas) {
      desired = maxReplicas;
      reason = 'Current number of replicas above Spec.MaxReplicas';
    } else if (current < minReplicas) {
      desired = minReplicas;
      reason = 'Current number of replicas below Spec.MinReplicas';
    } else {
      let proposal: Proposal;
      try {
        proposal = this.propose(hpa, scale, namespace, current);
      } catch (err) {
        const r = err instanceof MetricError ? err.conditionReason : 'FailedGetResourceMetric';
        cond('ScalingActive', 'False', r, `the HPA was unable to compute the replica count: ${(err as Error).message}`);
        this.ctx.events.record(hpa, 'Warning', r, (err as Error).message);
        status.desiredReplicas = current;
        await finish();
        return;
      }
      status.currentMetrics = proposal.status.metrics;
      cond('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${proposal.metric}`);
      const n = this.normalize(hpa, hist, now, current, proposal.replicas, minReplicas, maxReplicas);
      desired = n.replicas;
      if (n.limited) cond('ScalingLimited', 'True', n.limited.reason, n.limited.message);
      else cond('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range');
      if (desired === current && n.stabilized) cond('AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
      else if (desired === current) cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
      if (desired > current) reason = `${proposal.metric} above target`;
      else if (desired < current) reason = 'All metrics below target';
    }
    status.desiredReplicas = desired;

    if (desired !== current) {
      try {
        await this.client.patch(kind.resource, namespace, ref.name, { spec: { replicas: desired } }, { subresource: 'scale' });
      } catch (err) {
        if (reasonOf(err) === 'Fenced' || reasonOf(err) === 'Stopped') throw err;
        cond('AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${(err as Error).message}`);
        this.ctx.events.record(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${(err as Error).message}`);
        await finish();
        return;
      }
      hist.events.push({ at: now, change: desired - current });
      status.lastScaleTime = at;
      cond('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
      this.ctx.events.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      this.log.info({ event: 'hpa-rescale', hpa: key, from: current, to: desired, reason }, 'rescaled');
    }
    await finish();
  }

  private historyOf(key: string, now: number, current: number): History {
    let h = this.history.get(key);
    if (!h) this.history.set(key, (h = { recommendations: [{ at: now, replicas: current }], events: [] }));
    return h;
  }

  /** The largest proposal of the HPA's metrics, with their status. */
  private propose(hpa: Obj, scale: Obj, namespace: string, current: number): Proposal {
    const selector: string = scale.status?.selector ?? '';
    if (!selector) throw new MetricError('InvalidSelector', 'the target has no selector (selector is required for autoscaling)');
    let reqs;
    try {
      reqs = parseLabelSelector(selector);
    } catch (err) {
      throw new MetricError('InvalidSelector', `the target's selector could not be parsed: ${(err as Error).message}`);
    }
    const pods = this.pods.byIndex('namespace', namespace).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded' && matches(reqs, p.metadata.labels));
    const metrics: Obj[] = hpa.spec?.metrics ?? [];
    let best: Proposal | undefined;
    const statuses: Obj[] = [];
    const errors: Error[] = [];
    for (const m of metrics) {
      try {
        if (m.type !== 'Resource' || !m.resource) throw new MetricError('InvalidMetricSourceType', `metric type ${m.type} is not supported (only Resource metrics are)`);
        const name: string = m.resource.name;
        if (name !== 'cpu' && name !== 'memory') throw new MetricError('FailedGetResourceMetric', `resource ${name} has no usage reported by agents`);
        const t = m.resource.target ?? {};
        const tolerance = this.tolerance(hpa);
        const fmt = (v: number) => formatQuantity(name === 'cpu' ? Math.round(v * 1000) / 1000 : Math.round(v));
        if (t.type === 'Utilization') {
          const c = calculateReplicas(pods, name, current, { utilization: t.averageUtilization }, tolerance);
          statuses.push({ type: 'Resource', resource: { name, current: { averageUtilization: c.utilization, averageValue: fmt(c.averageValue) } } });
          if (!best || c.replicas > best.replicas) best = { replicas: c.replicas, metric: `${name} resource utilization (percentage of request)`, status: {} };
        } else if (t.type === 'AverageValue') {
          const c = calculateReplicas(pods, name, current, { averageValue: parseQuantity(t.averageValue) }, tolerance);
          statuses.push({ type: 'Resource', resource: { name, current: { averageValue: fmt(c.averageValue) } } });
          if (!best || c.replicas > best.replicas) best = { replicas: c.replicas, metric: `${name} resource`, status: {} };
        } else throw new MetricError('InvalidMetricSourceType', `target type ${t.type} is not supported for resource metrics`);
      } catch (err) {
        errors.push(err as Error);
      }
    }
    if (!best) throw errors[0] ?? new MetricError('InvalidMetricSourceType', 'no metrics to scale on');
    // Some metrics failed: never scale down on the others alone (Kubernetes' rule).
    if (errors.length > 0 && best.replicas < current) best.replicas = current;
    best.status = { metrics: statuses };
    return best;
  }

  /** behavior.scaleUp/scaleDown.tolerance where set; else the default 0.1. */
  private tolerance(hpa: Obj): { up: number; down: number } {
    const b = hpa.spec?.behavior ?? {};
    const of = (t: unknown) => {
      if (t === undefined || t === null) return DEFAULT_TOLERANCE;
      try {
        return parseQuantity(t as string);
      } catch {
        return DEFAULT_TOLERANCE;
      }
    };
    return { up: of(b.scaleUp?.tolerance), down: of(b.scaleDown?.tolerance) };
  }

  /** Stabilization windows, rate limits, min/max (Kubernetes' normalization). */
  private normalize(hpa: Obj, hist: History, now: number, current: number, proposed: number, min: number, max: number): { replicas: number; stabilized: boolean; limited?: { reason: string; message: string } } {
    const behavior = hpa.spec?.behavior;
    const downWindowMs = behavior?.scaleDown?.stabilizationWindowSeconds != null ? behavior.scaleDown.stabilizationWindowSeconds * 1000 : this.ctx.config.hpaDownscaleStabilizationMs;
    const upWindowMs = behavior?.scaleUp?.stabilizationWindowSeconds != null ? behavior.scaleUp.stabilizationWindowSeconds * 1000 : 0;
    let up = proposed;
    let down = proposed;
    for (const r of hist.recommendations) {
      if (r.at > now - upWindowMs) up = Math.min(up, r.replicas);
      if (r.at > now - downWindowMs) down = Math.max(down, r.replicas);
    }
    hist.recommendations.push({ at: now, replicas: proposed });
    const keep = Math.max(downWindowMs, upWindowMs);
    hist.recommendations = hist.recommendations.filter((r) => r.at > now - keep);
    let stabilized = current;
    if (stabilized < up) stabilized = up;
    if (stabilized > down) stabilized = down;
    const heldUp = stabilized > proposed;

    const longest = Math.max(...[behavior?.scaleUp, behavior?.scaleDown].flatMap((r) => (r?.policies ?? []).map((p: Obj) => (p.periodSeconds ?? 0) * 1000)), 0);
    hist.events = hist.events.filter((e) => e.at > now - longest);

    if (stabilized > current) {
      let limit: number;
      if (!behavior) limit = Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
      else limit = Math.max(this.scaleUpLimit(behavior.scaleUp, hist, now, current), current);
      const allowed = Math.min(limit, max);
      if (stabilized > allowed) {
        return {
          replicas: allowed,
          stabilized: heldUp,
          limited: limit < max ? { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' } : { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' },
        };
      }
      return { replicas: stabilized, stabilized: heldUp };
    }
    if (stabilized < current) {
      const limit = behavior ? Math.min(this.scaleDownLimit(behavior.scaleDown, hist, now, current), current) : 0;
      const allowed = Math.max(limit, min);
      if (stabilized < allowed) {
        return {
          replicas: allowed,
          stabilized: heldUp,
          limited: limit > min ? { reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' } : { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' },
        };
      }
      return { replicas: stabilized, stabilized: heldUp };
    }
    return { replicas: stabilized, stabilized: heldUp };
  }

  private scaleUpLimit(rules: Obj | undefined, hist: History, now: number, current: number): number {
    if (!rules || rules.selectPolicy === 'Disabled') return current;
    const policies: Obj[] = rules.policies ?? [];
    if (policies.length === 0) return Infinity;
    const limits = policies.map((p) => {
      const added = hist.events.filter((e) => e.change > 0 && e.at > now - p.periodSeconds * 1000).reduce((s, e) => s + e.change, 0);
      const start = current - added;
      return p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    });
    return rules.selectPolicy === 'Min' ? Math.min(...limits) : Math.max(...limits);
  }

  private scaleDownLimit(rules: Obj | undefined, hist: History, now: number, current: number): number {
    if (!rules || rules.selectPolicy === 'Disabled') return current;
    const policies: Obj[] = rules.policies ?? [];
    if (policies.length === 0) return 0;
    const limits = policies.map((p) => {
      const removed = hist.events.filter((e) => e.change < 0 && e.at > now - p.periodSeconds * 1000).reduce((s, e) => s - e.change, 0);
      const start = current + removed;
      return p.type === 'Pods' ? start - p.value : Math.floor(start * (1 - p.value / 100));
    });
    return rules.selectPolicy === 'Min' ? Math.max(...limits) : Math.min(...limits);
  }
}
