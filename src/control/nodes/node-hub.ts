// The masters' side of node agents (proto/node.proto): every master serves the agents that
// connect to it. An agent registers its Node (the hub creates or updates it, assigns a pod
// CIDR, marks it Ready), renews its lease through heartbeats, and reports pod status; the hub
// streams it the pods bound to its node, from the master's shared pod informer, so no agent
// polls and no extra watch is opened per agent. When a stream breaks the hub marks the node's
// Ready condition Unknown at once (unless the agent already came back), so its pods are
// replaced after the eviction timeout instead of after a lease lapse.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { AgentMessage__Output } from '../../gen/shoal/node/AgentMessage.ts';
import type { MasterMessage } from '../../gen/shoal/node/MasterMessage.ts';
import type { NodeAgentHandlers } from '../../gen/shoal/node/NodeAgent.ts';
import { microTimestamp, timestamp } from '../api/codec.ts';
import { isAlreadyExists, isConflict, isNotFound, type Obj, type ResourceClient } from '../client/resource-client.ts';
import type { SharedInformers } from '../informer/shared-informers.ts';
import { AGENT_RESTARTING } from './conditions.ts';
import { PodCidrAllocator } from './pod-cidrs.ts';

export const CPU_USAGE_ANNOTATION = 'shoal.io/cpu-usage-millicores';
export const MEMORY_USAGE_ANNOTATION = 'shoal.io/memory-usage-bytes';
/**
 * Usage annotations are written at most this often per pod (each is a write through Raft, and
 * every master applies it: at 5 s, sixty pods were twelve writes a second for nothing new).
 * 15 s is the autoscaler's own sync period in Kubernetes.
 */
const USAGE_WRITE_MS = 15_000;
/** Pod status writes in flight at once for one agent's stream (the rest wait their turn). */
const MAX_POD_WRITES_PER_AGENT = 32;
const LEASE_NS = 'kube-node-lease';
/** Messages a slow agent may leave unsent before its stream is ended (it reconnects and gets a fresh set). */
const MAX_QUEUED_MESSAGES = 10_000;

const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o), 'utf8');
const parse = (b: Uint8Array): Obj => JSON.parse(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'));

export interface NodeHubOptions {
  client: ResourceClient;
  informers: SharedInformers;
  /** This master's name and client URL, told to agents. */
  master: string;
  clusterCidr?: string;
  logger: Logger;
  now?: () => number;
}

export class NodeHub {
  private readonly log: Logger;
  private readonly cidrs: PodCidrAllocator;
  /** Streams by node name, newest last; a broken older stream must not mark a reconnected node. */
  private readonly streams = new Map<string, number>();
  private nextStream = 1;
  private stopping = false;
  private readonly now: () => number;

  constructor(private readonly opts: NodeHubOptions) {
    this.log = opts.logger.child({ component: 'node-hub' });
    this.cidrs = new PodCidrAllocator(opts.client, opts.clusterCidr);
    this.now = opts.now ?? Date.now;
  }

  /** Starts the informers agents are served from (so the first agent does not wait for a list). */
  start(): void {
    this.opts.informers.get('pods');
    this.opts.informers.get('nodes');
  }

  /** Stops taking agents; their streams end without marking nodes (they reconnect elsewhere). */
  stop(): void {
    this.stopping = true;
  }

  handlers(): NodeAgentHandlers {
    return { Connect: (call) => this.serve(call) };
  }

  private serve(call: ServerDuplexStream<AgentMessage__Output, MasterMessage>): void {
    const id = this.nextStream++;
    let node = '';
    let unsubscribe: (() => void)[] = [];
    let chain = Promise.resolve();
    let ended = false;
    const usageWritten = new Map<string, number>();
    const send = (m: MasterMessage) => {
      if (ended) return;
      if (call.writableLength > MAX_QUEUED_MESSAGES) {
        this.log.warn({ event: 'agent-too-slow', node }, 'agent not reading; ending its stream');
        call.end();
        return;
      }
      call.write(m);
    };
    const end = (why: string) => {
      if (ended) return;
      ended = true;
      for (const u of unsubscribe) u();
      unsubscribe = [];
      if (node && this.streams.get(node) === id) {
        this.streams.delete(node);
        if (!this.stopping) void (leaving ? this.markAway(node) : this.markDisconnected(node, why));
      }
    };
    // Heartbeats do not queue behind pod status writes (a hundred pods starting at once would
    // hold their lease renewals back for seconds, and the agent would leave a healthy master):
    // they have a lane of their own, one renewal at a time, beats that arrive meanwhile folded
    // into the next one.
    let renewing = false;
    let beatAgain = false;
    const beat = async (): Promise<void> => {
      if (renewing) {
        beatAgain = true;
        return;
      }
      renewing = true;
      try {
        do {
          beatAgain = false;
          await this.renew(node);
          send({ heartbeatAck: {} });
          await this.reassertReady(node);
        } while (beatAgain && !ended);
      } catch (err) {
        this.log.info({ event: 'agent-heartbeat-failed', node, err: (err as Error).message }, 'lease not renewed');
      } finally {
        renewing = false;
      }
    };
    // Pod messages: one lane per pod, lanes side by side (one agent's thirty pods starting at
    // once were written one after another, ~15 ms each through Raft, in the order they came).
    // Within a lane, order holds and a message not yet begun is replaced by a newer one for the
    // same pod: a status is the whole truth, and a pod gone supersedes its last status.
    const lanes = new Map<string, { next?: () => Promise<void> }>();
    let lanesBusy = 0;
    const waitingLanes: string[] = [];
    const runLane = async (uid: string): Promise<void> => {
      const lane = lanes.get(uid)!;
      lanesBusy++;
      try {
        while (lane.next && !ended) {
          const job = lane.next;
          lane.next = undefined;
          await job().catch((err) => this.log.info({ event: 'agent-message-failed', node, err: (err as Error).message }, 'agent message not applied'));
        }
      } finally {
        lanes.delete(uid);
        lanesBusy--;
        const more = waitingLanes.shift();
        if (more !== undefined) void runLane(more);
      }
    };
    const podLane = (uid: string, job: () => Promise<void>) => {
      const lane = lanes.get(uid);
      if (lane) {
        lane.next = job;
        return;
      }
      lanes.set(uid, { next: job });
      if (lanesBusy < MAX_POD_WRITES_PER_AGENT) void runLane(uid);
      else waitingLanes.push(uid);
    };
    // The agent said it is stopping on purpose, pods left running: its stream's end is no death.
    let leaving = false;
    call.on('data', (m: AgentMessage__Output) => {
      if (m.goingAway) {
        leaving = true;
        return;
      }
      if (m.heartbeat && node && !ended) {
        void beat();
        return;
      }
      chain = chain
        .then(async () => {
          if (ended) return;
          if (m.register) {
            node = await this.register(m.register.node, id, send);
            unsubscribe = this.follow(node, send);
          } else if (!node) {
            throw new Error('the first message must be register');
          } else if (m.heartbeat) {
            await this.renew(node);
            send({ heartbeatAck: {} });
            await this.reassertReady(node);
          } else if (m.podStatus) {
            const ps = m.podStatus;
            podLane(ps.uid, () => this.podStatus(ps, usageWritten));
          } else if (m.podGone) {
            const g = m.podGone;
            podLane(g.uid, () =>
              this.opts.client.delete('pods', g.namespace, g.name, { gracePeriodSeconds: 0, preconditionUid: g.uid }).then(
                () => undefined,
                (err) => {
                  if (!isNotFound(err) && !isConflict(err)) throw err;
                },
              ),
            );
          }
        })
        .catch((err) => this.log.info({ event: 'agent-message-failed', node, err: (err as Error).message }, 'agent message not applied'));
    });
    call.on('end', () => {
      end('stream closed by the agent');
      call.end();
    });
    call.on('error', () => end('stream broke'));
    call.on('cancelled', () => end('stream cancelled'));
    call.on('close', () => end('stream closed'));
  }

  private async register(raw: Uint8Array, id: number, send: (m: MasterMessage) => void): Promise<string> {
    const reported = parse(raw);
    const name: string = reported.metadata?.name;
    if (!name) throw new Error('register: node has no metadata.name');
    this.streams.set(name, id);
    const c = this.opts.client;
    const at = timestamp(this.now());
    const ready = { type: 'Ready', status: 'True', reason: 'AgentReady', message: `agent connected to ${this.opts.master}`, lastHeartbeatTime: at, lastTransitionTime: at };
    const status = { ...reported.status, conditions: [ready] };
    const podCIDR = await this.cidrs.allocate(name);
    let stored: Obj;
    try {
      stored = await c.create('nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: reported.metadata?.labels ?? {} }, spec: { podCIDR, podCIDRs: [podCIDR] }, status });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      stored = await this.updateNode(name, (n) => {
        n.metadata.labels = { ...n.metadata.labels, ...reported.metadata?.labels };
        n.spec = { ...n.spec, podCIDR, podCIDRs: [podCIDR] };
      });
      stored = await this.updateNodeStatus(name, (s) => {
        const prev = (s.conditions ?? []).find((x: Obj) => x.type === 'Ready');
        const keepTransition = prev?.status === 'True' ? prev.lastTransitionTime : at;
        return { ...s, ...reported.status, conditions: [{ ...ready, lastTransitionTime: keepTransition }] };
      });
    }
    await this.renew(name);
    await this.opts.informers.waitForSync(['pods', 'nodes']);
    send({ registered: { node: json(stored), master: this.opts.master } });
    const pods = this.opts.informers.get('pods').byIndex('nodeName', name);
    send({ podSet: { pods: json(pods) } });
    this.log.info({ event: 'agent-registered', node: name, podCIDR, pods: pods.length }, 'node agent registered');
    return name;
  }

  /** Streams the node's pods and its peers' pod CIDRs as they change. */
  private follow(node: string, send: (m: MasterMessage) => void): (() => void)[] {
    const pods = this.opts.informers.get('pods');
    const nodes = this.opts.informers.get('nodes');
    const peers = () => {
      const list = nodes
        .list()
        .filter((n) => n.metadata.name !== node && n.spec?.podCIDR)
        .map((n) => ({ node: n.metadata.name, podCidr: n.spec.podCIDR, nodeIp: (n.status?.addresses ?? []).find((a: Obj) => a.type === 'InternalIP')?.address ?? '' }));
      send({ peers: { peers: list } });
    };
    peers();
    const ref = (p: Obj) => ({ podRemove: { namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid } });
    return [
      pods.on({
        add: (p) => p.spec?.nodeName === node && send({ podUpsert: json(p) }),
        update: (old, p) => {
          if (p.spec?.nodeName === node) send({ podUpsert: json(p) });
          else if (old.spec?.nodeName === node) send(ref(old));
        },
        delete: (p) => p.spec?.nodeName === node && send(ref(p)),
      }),
      nodes.on({
        add: () => peers(),
        update: (o, n) => (o.spec?.podCIDR !== n.spec?.podCIDR || JSON.stringify(o.status?.addresses) !== JSON.stringify(n.status?.addresses)) && peers(),
        delete: () => peers(),
      }),
    ];
  }

  /**
   * The agent is connected and heartbeating: if the node was judged NotReady meanwhile (its
   * lease renewals were late under load, or a stream to another master broke), say Ready again,
   * as a kubelet re-posts its status.
   */
  private async reassertReady(node: string): Promise<void> {
    const n = this.opts.informers.get('nodes').get('', node);
    const ready = (n?.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
    if (!n || ready?.status === 'True') return;
    const at = timestamp(this.now());
    const conditions = [...(n.status?.conditions ?? []).filter((c: Obj) => c.type !== 'Ready'), { type: 'Ready', status: 'True', reason: 'AgentReady', message: `agent heartbeating to ${this.opts.master}`, lastHeartbeatTime: at, lastTransitionTime: at }];
    await this.opts.client.update('nodes', '', { ...n, status: { ...n.status, conditions } }, { subresource: 'status' }).catch(() => undefined);
  }

  private async renew(node: string): Promise<void> {
    const c = this.opts.client;
    const spec = { holderIdentity: node, leaseDurationSeconds: 1, renewTime: microTimestamp(this.now()) };
    for (let attempt = 0; attempt < 3; attempt++) {
      let lease: Obj | undefined;
      try {
        lease = await c.get('leases', LEASE_NS, node);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      try {
        if (!lease) await c.create('leases', LEASE_NS, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: node, namespace: LEASE_NS }, spec });
        else await c.update('leases', LEASE_NS, { ...lease, spec: { ...lease.spec, ...spec } });
        return;
      } catch (err) {
        if (!isConflict(err) && !isAlreadyExists(err)) throw err;
      }
    }
  }

  private async podStatus(ps: { namespace: string; name: string; uid: string; status: Uint8Array; cpuMillicores: number; memoryBytes: number }, usageWritten: Map<string, number>): Promise<void> {
    const c = this.opts.client;
    const status = parse(ps.status);
    for (let attempt = 0; attempt < 3; attempt++) {
      const pod = this.opts.informers.get('pods').get(ps.namespace, ps.name) ?? (await c.get('pods', ps.namespace, ps.name).catch(() => undefined));
      if (!pod || pod.metadata.uid !== ps.uid) return;
      try {
        if (JSON.stringify(pod.status) !== JSON.stringify(status)) {
          await c.update('pods', ps.namespace, { ...pod, status }, { subresource: 'status' });
        }
        const key = ps.uid;
        const last = usageWritten.get(key) ?? 0;
        const a = pod.metadata.annotations ?? {};
        const same = a[CPU_USAGE_ANNOTATION] === String(ps.cpuMillicores) && a[MEMORY_USAGE_ANNOTATION] === String(ps.memoryBytes);
        if ((ps.cpuMillicores > 0 || ps.memoryBytes > 0) && !same && this.now() - last >= USAGE_WRITE_MS) {
          usageWritten.set(key, this.now());
          await c.patch('pods', ps.namespace, ps.name, { metadata: { annotations: { [CPU_USAGE_ANNOTATION]: String(ps.cpuMillicores), [MEMORY_USAGE_ANNOTATION]: String(ps.memoryBytes) } } });
        }
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err)) throw err;
      }
    }
  }

  /**
   * The agent stopped on purpose and left its pods running: Ready=Unknown with reason
   * AgentRestarting, which the node lifecycle controller treats as a hold (no new pods, no
   * evictions) for --agent-restart-hold. Compare-and-swap as in markDisconnected.
   */
  private async markAway(node: string): Promise<void> {
    const at = timestamp(this.now());
    try {
      const n = this.opts.informers.get('nodes').get('', node) ?? (await this.opts.client.get('nodes', '', node));
      const conditions = (n.status?.conditions ?? []).map((c: Obj) =>
        c.type === 'Ready' ? { ...c, status: 'Unknown', reason: AGENT_RESTARTING, message: `agent stopped on purpose (stream to ${this.opts.master}); its pods keep running`, lastTransitionTime: at } : c,
      );
      await this.opts.client.update('nodes', '', { ...n, status: { ...n.status, conditions } }, { subresource: 'status' });
      this.log.info({ event: 'agent-going-away', node }, 'node agent stopped on purpose: pods left running, evictions held');
    } catch (err) {
      this.log.info({ event: 'agent-away-not-marked', node, err: (err as Error).message }, 'node not marked (it changed meanwhile)');
    }
  }

  private async markDisconnected(node: string, why: string): Promise<void> {
    const at = timestamp(this.now());
    try {
      // A compare-and-swap on the version this master last saw: if the agent registered again
      // elsewhere meanwhile, that newer Ready wins and this write is dropped.
      const n = this.opts.informers.get('nodes').get('', node) ?? (await this.opts.client.get('nodes', '', node));
      const conditions = (n.status?.conditions ?? []).map((c: Obj) =>
        c.type === 'Ready' ? { ...c, status: 'Unknown', reason: 'AgentDisconnected', message: `agent stream to ${this.opts.master} ended: ${why}`, lastTransitionTime: at } : c,
      );
      await this.opts.client.update('nodes', '', { ...n, status: { ...n.status, conditions } }, { subresource: 'status' });
      this.log.warn({ event: 'agent-disconnected', node, why }, 'node agent disconnected: node marked NotReady');
    } catch (err) {
      this.log.info({ event: 'agent-disconnect-not-marked', node, err: (err as Error).message }, 'node not marked NotReady (it changed meanwhile)');
    }
  }

  private async updateNode(name: string, edit: (n: Obj) => void): Promise<Obj> {
    for (let attempt = 0; ; attempt++) {
      const n = await this.opts.client.get('nodes', '', name);
      edit(n);
      try {
        return await this.opts.client.update('nodes', '', n);
      } catch (err) {
        if (!isConflict(err) || attempt >= 5) throw err;
      }
    }
  }

  private async updateNodeStatus(name: string, edit: (s: Obj) => Obj): Promise<Obj> {
    for (let attempt = 0; ; attempt++) {
      const n = await this.opts.client.get('nodes', '', name);
      try {
        return await this.opts.client.update('nodes', '', { ...n, status: edit(n.status ?? {}) }, { subresource: 'status' });
      } catch (err) {
        if (!isConflict(err) || attempt >= 5) throw err;
      }
    }
  }
}
