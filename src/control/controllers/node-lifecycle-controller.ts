// Node lifecycle: notices nodes that went silent, taints unhealthy nodes, and evicts the pods
// that do not tolerate those taints (Kubernetes' node lifecycle controller and taint manager).
//
// Liveness: each agent renews a Lease named after its node in kube-node-lease. What counts is
// when THIS controller saw the lease's renewTime (or, for a node that never had a lease, its
// Ready condition's lastHeartbeatTime) change, by its own clock, never the timestamps
// themselves: clocks of other machines are not trusted, and a controller that just took over
// gives every node a full grace period. A node not heard from for nodeGracePeriodMs gets all
// its conditions set to Unknown (reason NodeStatusUnknown). Bringing Ready back to True is the
// agent's job once it is back (it reports its own status, as a kubelet does).
//
// Taints follow the Ready condition: Unknown -> node.kubernetes.io/unreachable, False ->
// node.kubernetes.io/not-ready, each as NoExecute and NoSchedule, removed when Ready is True.
//
// Eviction (NoExecute taints, any key): a pod that does not tolerate one is deleted at once;
// one that tolerates all of them with tolerationSeconds goes when the shortest runs out
// (counted from when the taint was added); a pod with no toleration at all for not-ready or
// unreachable is treated as tolerating it for podEvictionTimeoutMs (Kubernetes adds such
// tolerations of 300 s at admission).
//
// Partial disruption (more than unhealthyZoneThreshold of 5+ nodes not Ready): evictions go
// one node at a time, secondaryNodeEvictionRate nodes a second.
//
// Full disruption: when no node at all is Ready, the not-ready/unreachable taints evict
// nothing (other NoExecute taints still do). Evicting then gains nothing (there is nowhere to
// run the replacements) and would empty the cluster whenever the fault is on the control
// plane's side, e.g. every agent cut off from the masters at once. Kubernetes stops evicting
// a zone in full disruption the same way.
import type { Obj } from '../client/resource-client.ts';
import { reasonOf } from '../client/resource-client.ts';
import { timestamp } from '../api/codec.ts';
import type { Informer } from '../informer/informer.ts';
import { deepEqual } from '../validation/common.ts';
import { AGENT_RESTARTING } from '../nodes/conditions.ts';
import { QueueController } from './queue-controller.ts';

export const NODE_LIFECYCLE_RESOURCES = ['nodes', 'leases', 'pods'];

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
const MANAGED_TAINTS = new Set([TAINT_UNREACHABLE, TAINT_NOT_READY]);

interface Seen {
  /** The lease's renewTime or the heartbeat last seen. */
  value: string;
  /** When this controller saw it change (its own clock). */
  at: number;
}

/** Whether a toleration matches a taint (Kubernetes' rules: empty key with Exists matches every key, empty effect every effect). */
export function tolerates(tol: Obj, taint: Obj): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.operator === 'Exists') return !tol.key || tol.key === taint.key;
  return tol.key === taint.key && (tol.value ?? '') === (taint.value ?? '');
}

/**
 * Below this many nodes a majority down is no disruption to pace: the few survivors must take
 * the pods now (a 3-node cluster that lost 2 nodes is healed at once).
 */
const PARTIAL_DISRUPTION_MIN_NODES = 5;
/** Pod deletions in flight at once while evicting a node. */
const MAX_PARALLEL_EVICTIONS = 128;

export class NodeLifecycleController extends QueueController {
  readonly name = 'node-lifecycle-controller';
  protected override workers = 2;
  private nodes!: Informer;
  private pods!: Informer;
  private leases!: Informer;
  private leaseSeen = new Map<string, Seen>();
  private heartbeatSeen = new Map<string, Seen>();
  /** `${node}|${key}|${effect}` -> when this controller added (or first saw) the taint, in ms. */
  private taintSeen = new Map<string, number>();
  private fullDisruption = false;
  /** Partial disruption: nodes whose pods may go, when the next may, nodes told to wait. */
  private readonly admitted = new Set<string>();
  private nextAdmitAt = 0;
  private readonly waitingNodes = new Set<string>();

  protected setup(): void {
    this.leaseSeen = new Map();
    this.heartbeatSeen = new Map();
    this.taintSeen = new Map();
    this.fullDisruption = false;
    this.nodes = this.watch('nodes', {
      add: (n) => this.nodeChanged(n),
      update: (_old, n) => this.nodeChanged(n),
      delete: (n) => this.nodeGone(n.metadata.name),
    });
    this.leases = this.watch('leases', {
      add: (l) => this.leaseChanged(l),
      update: (_old, l) => this.leaseChanged(l),
      delete: (l) => {
        if (l.metadata?.namespace === NODE_LEASE_NAMESPACE) this.queue.add(l.metadata.name);
      },
    });
    this.pods = this.watch('pods', {
      add: (p) => this.podChanged(p),
      update: (_old, p) => this.podChanged(p),
    });
    // A safety net under the per-node timers.
    const sweep = Math.max(100, Math.min(1000, Math.floor(this.ctx.config.nodeGracePeriodMs / 2)));
    this.every(sweep, () => {
      for (const n of this.nodes.list()) this.queue.add(n.metadata.name);
    });
  }

  // ---- observations ---------------------------------------------------------------------------

  private see(map: Map<string, Seen>, name: string, value: string | undefined): void {
    if (!value) return;
    const prior = map.get(name);
    if (!prior || prior.value !== value) map.set(name, { value, at: this.ctx.now() });
  }

  private leaseChanged(l: Obj): void {
    if (l.metadata?.namespace !== NODE_LEASE_NAMESPACE) return;
    const name = l.metadata.name;
    this.see(this.leaseSeen, name, l.spec?.renewTime || l.spec?.acquireTime || l.metadata.resourceVersion);
    this.queue.add(name);
  }

  private nodeChanged(n: Obj): void {
    const name = n.metadata.name;
    this.see(this.heartbeatSeen, name, readyOf(n)?.lastHeartbeatTime);
    // A node with no heartbeat and no lease at all is timed from when it was first seen.
    if (!this.heartbeatSeen.has(name) && !this.leaseSeen.has(name)) this.see(this.heartbeatSeen, name, `first-seen:${n.metadata.uid}`);
    this.queue.add(name);
  }

  private nodeGone(name: string): void {
    this.leaseSeen.delete(name);
    this.heartbeatSeen.delete(name);
    for (const k of [...this.taintSeen.keys()]) if (k.startsWith(`${name}|`)) this.taintSeen.delete(k);
  }

  private podChanged(p: Obj): void {
    const nodeName = p.spec?.nodeName;
    if (!nodeName) return;
    const node = this.nodes.get('', nodeName);
    if ((node?.spec?.taints ?? []).some((t: Obj) => t.effect === 'NoExecute')) this.queue.add(nodeName);
  }

  /** When the node was last heard from: its lease or its heartbeat, whichever is later. */
  private lastHeard(name: string): number | undefined {
    const a = this.leaseSeen.get(name)?.at;
    const b = this.heartbeatSeen.get(name)?.at;
    if (a === undefined) return b;
    if (b === undefined) return a;
    return Math.max(a, b);
  }

  // ---- reconcile ------------------------------------------------------------------------------

  protected async reconcile(name: string): Promise<void> {
    let node = this.nodes.get('', name);
    if (!node) return;
    const now = this.ctx.now();
    const grace = this.ctx.config.nodeGracePeriodMs;
    const heard = this.lastHeard(name) ?? now;
    const silentFor = now - heard;

    // 0. Its agent stopped on purpose and left the pods running (a restart): for the hold, no
    // new pods go there (NoSchedule) but nothing is evicted and its pods stay Ready. An agent
    // not back by then is lost like any other.
    const ready = readyOf(node);
    if (ready?.status === 'Unknown' && ready.reason === AGENT_RESTARTING) {
      const since = Date.parse(ready.lastTransitionTime ?? '');
      // lastTransitionTime has whole seconds: round up, never release the hold early.
      const until = (Number.isFinite(since) ? since + 999 : now) + this.ctx.config.agentRestartHoldMs;
      if (now < until) {
        await this.syncTaints(node, ['NoSchedule']);
        this.queue.addAfter(name, Math.max(10, until - now + 10));
        return;
      }
      node = await this.markUnknown(node, silentFor);
    }

    // 1. Silent too long: every condition becomes Unknown.
    if (silentFor > grace && readyOf(node)?.status !== 'Unknown') node = await this.markUnknown(node, silentFor);

    // 2. Taints from the Ready condition.
    node = await this.syncTaints(node);

    if (readyOf(node)?.status === 'True') {
      this.admitted.delete(name);
      this.waitingNodes.delete(name);
    }

    // 2b. A node that is not Ready cannot vouch for its pods: they stop being Ready at once, so
    // the endpoints controller takes them out of their services before any eviction.
    if (readyOf(node)?.status !== 'True') await this.markPodsNotReady(node);

    // 3. Pods that do not tolerate the NoExecute taints.
    const evictNext = await this.evict(node);

    // Look again when the node would turn stale, or the next pod's toleration runs out.
    const wake = Math.min(silentFor <= grace ? heard + grace + 20 : Infinity, evictNext);
    if (wake !== Infinity) this.queue.addAfter(name, Math.max(10, wake - this.ctx.now()));
  }

  private async markUnknown(node: Obj, silentFor: number): Promise<Obj> {
    const at = timestamp(this.ctx.now());
    const wasAway = readyOf(node)?.reason === AGENT_RESTARTING;
    const message = wasAway ? 'The agent stopped on purpose and did not come back within the hold.' : 'Kubelet stopped posting node status.';
    // A hold that ran out is a transition: the taints and evictions count from now.
    const conditions: Obj[] = (node.status?.conditions ?? []).map((c: Obj) => ({ ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message, lastTransitionTime: c.status === 'Unknown' && !wasAway ? c.lastTransitionTime : at }));
    if (!conditions.some((c) => c.type === 'Ready')) conditions.push({ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message, lastTransitionTime: at });
    const next = await this.client.update('nodes', '', { ...node, status: { ...node.status, conditions } }, { subresource: 'status' });
    this.log.warn({ event: 'node-not-ready', node: node.metadata.name, silentMs: silentFor }, 'node stopped posting status; Ready is Unknown');
    this.ctx.events.record(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
    return next;
  }

  private async markPodsNotReady(node: Obj): Promise<void> {
    const at = timestamp(this.ctx.now());
    const stale = this.pods.byIndex('nodeName', node.metadata.name).filter((p) => p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True'));
    await Promise.all(
      stale.map(async (pod) => {
        const conditions = (pod.status.conditions as Obj[]).map((c) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'NodeNotReady', message: `node ${node.metadata.name} is not ready`, lastTransitionTime: at } : c));
        try {
          await this.client.update('pods', pod.metadata.namespace, { ...pod, status: { ...pod.status, conditions } }, { subresource: 'status' });
        } catch (err) {
          // A newer version (its agent reported, or it is going away) will be looked at again.
          this.log.debug({ event: 'pod-not-ready-failed', pod: `${pod.metadata.namespace}/${pod.metadata.name}`, err: (err as Error).message }, 'pod not marked not ready');
        }
      }),
    );
    if (stale.length > 0) this.log.info({ event: 'pods-not-ready', node: node.metadata.name, pods: stale.length }, 'pods of a node that is not ready marked not ready');
  }

  private async syncTaints(node: Obj, effects: readonly string[] = ['NoExecute', 'NoSchedule']): Promise<Obj> {
    const name = node.metadata.name;
    const status = readyOf(node)?.status;
    const wantKey = status === 'Unknown' ? TAINT_UNREACHABLE : status === 'False' ? TAINT_NOT_READY : undefined;
    const current: Obj[] = node.spec?.taints ?? [];
    const now = this.ctx.now();
    const next: Obj[] = current.filter((t) => !MANAGED_TAINTS.has(t.key) || (t.key === wantKey && effects.includes(t.effect)));
    if (wantKey) {
      for (const effect of effects) {
        if (next.some((t) => t.key === wantKey && t.effect === effect)) continue;
        next.push(effect === 'NoExecute' ? { key: wantKey, effect, timeAdded: timestamp(now) } : { key: wantKey, effect });
        this.taintSeen.set(`${name}|${wantKey}|${effect}`, now);
      }
    }
    if (deepEqual(next, current)) return node;
    const fresh = structuredClone(node);
    fresh.spec = { ...fresh.spec, taints: next.length > 0 ? next : undefined };
    if (!fresh.spec.taints) delete fresh.spec.taints;
    const saved = await this.client.update('nodes', '', fresh);
    for (const t of current) if (!next.some((x) => x.key === t.key && x.effect === t.effect)) this.taintSeen.delete(`${name}|${t.key}|${t.effect}`);
    this.log.info({ event: 'node-taints', node: name, taints: next.map((t) => `${t.key}:${t.effect}`) }, 'node taints updated');
    return saved;
  }

  /** When a NoExecute taint began, in ms: when this controller added or first saw it, or its timeAdded (rounded up). */
  private taintStart(node: string, taint: Obj): number {
    const k = `${node}|${taint.key}|${taint.effect}`;
    const seen = this.taintSeen.get(k);
    if (seen !== undefined) return seen;
    const added = taint.timeAdded ? Date.parse(taint.timeAdded) : NaN;
    // timeAdded has whole seconds: round up so that a pod is never evicted early.
    const start = Number.isFinite(added) ? Math.min(added + 999, this.ctx.now()) : this.ctx.now();
    this.taintSeen.set(k, start);
    return start;
  }

  /** When the pod must go (ms since the epoch; Infinity: it tolerates the taints for good). */
  private evictionTime(nodeName: string, pod: Obj, taints: Obj[]): number {
    const tolerations: Obj[] = pod.spec?.tolerations ?? [];
    let at = Infinity;
    for (const taint of taints) {
      const matching = tolerations.filter((t) => tolerates(t, taint));
      let forMs: number;
      if (matching.length === 0) {
        if (!MANAGED_TAINTS.has(taint.key)) return 0;
        forMs = this.ctx.config.podEvictionTimeoutMs;
      } else {
        // The shortest bounded toleration counts; unbounded ones tolerate for good.
        const bounded = matching.filter((t) => typeof t.tolerationSeconds === 'number').map((t) => Math.max(0, t.tolerationSeconds) * 1000);
        forMs = bounded.length > 0 ? Math.min(...bounded) : Infinity;
      }
      at = Math.min(at, this.taintStart(nodeName, taint) + forMs);
    }
    return at;
  }

  /** More than unhealthyZoneThreshold of at least PARTIAL_DISRUPTION_MIN_NODES nodes are not Ready (but not all of them). */
  private partialDisruption(): boolean {
    const all = this.nodes.list();
    const notReady = all.filter((n) => readyOf(n)?.status !== 'True').length;
    return all.length >= PARTIAL_DISRUPTION_MIN_NODES && notReady < all.length && notReady / all.length > this.ctx.config.unhealthyZoneThreshold;
  }

  /** Evicts what must go now; returns when to look again (Infinity: no need). */
  private async evict(node: Obj): Promise<number> {
    const name = node.metadata.name;
    let taints: Obj[] = (node.spec?.taints ?? []).filter((t: Obj) => t.effect === 'NoExecute');
    if (taints.length === 0) return Infinity;
    const unreachable = readyOf(node)?.status === 'Unknown';
    const disrupted = this.nodes.list().every((n) => readyOf(n)?.status !== 'True');
    if (disrupted !== this.fullDisruption) {
      this.fullDisruption = disrupted;
      if (disrupted) this.log.warn({ event: 'full-disruption' }, 'no node is ready: not evicting for not-ready/unreachable taints');
      else this.log.info({ event: 'full-disruption-over' }, 'a node is ready again: evictions resume');
    }
    if (disrupted) {
      taints = taints.filter((t) => !MANAGED_TAINTS.has(t.key));
      if (taints.length === 0) return Infinity;
    }
    const now = this.ctx.now();
    let next = Infinity;
    // Deletions are independent: issued together, so a node's hundred pods go in one round
    // trip's time rather than a hundred.
    let due: [Obj, number | undefined, boolean][] = [];
    for (const pod of this.pods.byIndex('nodeName', name)) {
      const m = pod.metadata;
      if (m.deletionTimestamp) {
        // Terminating on a node that cannot confirm it: once its grace period is over, nothing
        // but us will ever finish it (the namespace it is in, for one, waits for it).
        if (unreachable) {
          const at = Date.parse(m.deletionTimestamp);
          if (at <= now) due.push([pod, 0, false]);
          else next = Math.min(next, at + 10);
        }
        continue;
      }
      const at = this.evictionTime(name, pod, taints);
      if (at === Infinity) continue;
      if (at > now) {
        next = Math.min(next, at + 10);
        continue;
      }
      // On an unreachable node the agent is gone: nothing would ever confirm the kill, and the
      // pod's replacement is what matters, so it is deleted outright (grace 0). Kubernetes
      // instead leaves it Terminating until the node returns or is deleted, which keeps its
      // name (and any controller waiting on it) stuck: not what a user relying on failover
      // wants. On a reachable node the agent stops it gracefully.
      due.push([pod, unreachable ? 0 : undefined, true]);
    }
    // Partial disruption: most nodes are not Ready at once (a partition, a power loss of a
    // rack): their pods are evicted one node at a time, secondaryNodeEvictionRate nodes a
    // second, so that a fault on the control plane's side does not empty the cluster in one go
    // and the survivors are not buried. Normal times have no limit: one lost node is healed
    // at once. (Kubernetes: 55% and 0.01 nodes/s, and none at all below 50 nodes.)
    if (readyOf(node)?.status !== 'True' && due.some(([, , eviction]) => eviction) && !this.admitted.has(name) && this.partialDisruption()) {
      if (now < this.nextAdmitAt) {
        due = due.filter(([, , eviction]) => !eviction);
        next = Math.min(next, this.nextAdmitAt + 10);
        if (!this.waitingNodes.has(name)) this.log.warn({ event: 'eviction-rate-limited', node: name, at: new Date(this.nextAdmitAt).toISOString() }, 'partial disruption: this node\'s pods wait their turn');
        this.waitingNodes.add(name);
      } else {
        this.admitted.add(name);
        this.waitingNodes.delete(name);
        this.nextAdmitAt = now + 1000 / this.ctx.config.secondaryNodeEvictionRate;
        this.log.warn({ event: 'partial-disruption-eviction', node: name }, 'partial disruption: evicting the pods of one more node');
      }
    }
    for (let i = 0; i < due.length; i += MAX_PARALLEL_EVICTIONS) {
      await Promise.all(due.slice(i, i + MAX_PARALLEL_EVICTIONS).map(([pod, grace, eviction]) => this.deletePod(pod, grace, eviction)));
    }
    return next;
  }

  private async deletePod(pod: Obj, grace: number | undefined, eviction: boolean): Promise<void> {
    const m = pod.metadata;
    try {
      await this.client.delete('pods', m.namespace, m.name, { gracePeriodSeconds: grace, preconditionUid: m.uid });
    } catch (err) {
      const r = reasonOf(err);
      if (r === 'NotFound' || r === 'Conflict') return; // gone, or a new pod of that name
      throw err;
    }
    if (eviction) {
      this.ctx.events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${m.namespace}/${m.name}`);
      this.log.info({ event: 'pod-evicted', pod: `${m.namespace}/${m.name}`, node: pod.spec.nodeName, grace }, 'pod evicted from a tainted node');
    } else {
      this.log.info({ event: 'pod-force-deleted', pod: `${m.namespace}/${m.name}`, node: pod.spec.nodeName }, 'terminating pod on an unreachable node force-deleted');
    }
  }
}

function readyOf(node: Obj): Obj | undefined {
  return (node.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
}
