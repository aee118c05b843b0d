// The node agent: one stream to one master at a time (proto/node.proto), failing over to the
// next when it breaks; registers the node, heartbeats, feeds the pods bound here to the sync
// loop and reports their status. Pods keep running while the agent reconnects, and an agent
// that restarts adopts them.
import { credentials, type ClientDuplexStream } from '@grpc/grpc-js';
import os from 'node:os';
import pino, { type Logger } from 'pino';
import { ApiClient } from '../client/api-client.ts';
import { endpointTarget } from '../client/endpoint.ts';
import type { Obj } from '../control/client/resource-client.ts';
import { Informer } from '../control/informer/informer.ts';
import { nodeProto } from '../proto/node-proto.ts';
import type { AgentMessage } from '../gen/shoal/node/AgentMessage.ts';
import type { MasterMessage__Output } from '../gen/shoal/node/MasterMessage.ts';
import { ClusterDns } from './dns/cluster-dns.ts';
import type { ClusterDnsConfig } from './dns/pod-dns.ts';
import type { EnvSources } from './env.ts';
import { PodIoServer } from './pod-io-server.ts';
import type { ObjectSource, ServiceProxy } from './proxy/service-proxy.ts';
import { PodSync } from './pod-sync.ts';
import type { Runtime } from './runtime/runtime.ts';

export interface AgentOptions {
  name: string;
  endpoints: string[];
  dataDir: string;
  /** The node's address other nodes and the masters reach it at. */
  nodeIp: string;
  labels?: Record<string, string>;
  capacity?: Record<string, string>;
  /** Builds the runtime once the masters have assigned the node its pod CIDR. */
  makeRuntime(podCidr: string, peers: () => Peer[]): Promise<Runtime>;
  /** Other nodes' pod CIDRs changed (routes between nodes). */
  onPeers?(peers: Peer[]): void;
  renewMs?: number;
  /**
   * A master that has not confirmed a lease renewal for this long is given up for the next one
   * (default 8 heartbeats, 2 s: inside the masters' 3 s node grace): a frozen or cut-off master
   * keeps the stream open but renews nothing, and the node would be judged NotReady while the
   * agent waited for TCP keepalive.
   */
  ackTimeoutMs?: number;
  /** Where the agent serves logs and exec to the masters (default: the node IP, any port). */
  listen?: string;
  /**
   * Cluster DNS on this node: `listen` says where, once the pod CIDR is known (undefined: off,
   * e.g. without a pod network). Pods then get it in their resolv.conf by their dnsPolicy.
   */
  clusterDns?: { domain?: string; listen(podCidr: string): { host: string; port: number } | undefined };
  /**
   * The service proxy for this node, built once the runtime (and pod network) exists, fed by the
   * agent's Services and Endpoints informers; undefined = no proxy. Its rules outlive the agent
   * (stop() leaves them in the kernel), so service traffic flows while the agent restarts.
   */
  serviceProxy?(sources: { services: ObjectSource; endpoints: ObjectSource }, podCidr: string): ServiceProxy | undefined;
  logger: Logger;
  /** Testing only: see PodSyncOptions.unsafeHideDeadContainers. */
  unsafeHideDeadContainers?: boolean;
}

export interface Peer {
  node: string;
  podCidr: string;
  nodeIp: string;
}

const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o), 'utf8');
const parse = (b: Uint8Array): any => JSON.parse(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'));
/** Config maps and secrets are read again after this long (a pod's env is resolved at start). */
const OBJECT_CACHE_MS = 1000;
/** A registration is a write through Raft and a pod CIDR: on a loaded machine (dockerd busy) 3 s was not enough. */
const REGISTER_TIMEOUT_MS = 6000;
/** Pod status is sent at once when it changes, and re-sent this often (a master may have missed it). */
const RESYNC_MS = 2000;

export class Agent {
  private readonly log: Logger;
  private readonly api: ApiClient;
  private stream?: ClientDuplexStream<AgentMessage, MasterMessage__Output>;
  private runtime?: Runtime;
  private sync?: PodSync;
  /** Shared by everything on the node that follows services (env vars, cluster DNS, the proxy). */
  private services?: Informer;
  private endpoints?: Informer;
  private dns?: ClusterDns;
  private proxy?: ServiceProxy;
  private peers: Peer[] = [];
  private stopped = false;
  private heartbeat?: NodeJS.Timeout;
  private lastAck = 0;
  /** Ends the current stream (the connect loop moves on to the next master). */
  private abandon?: (why: string) => void;
  private resync?: NodeJS.Timeout;
  private connected = false;
  private readonly cache = new Map<string, { at: number; obj: Obj | undefined }>();
  private pending: { pods?: Obj[]; upserts: Obj[]; removes: string[] } = { upserts: [], removes: [] };
  private readonly podIo: PodIoServer;

  constructor(private readonly o: AgentOptions) {
    this.log = o.logger.child({ component: 'agent', node: o.name });
    this.api = new ApiClient(o.endpoints, 5000);
    this.podIo = new PodIoServer({ listen: o.listen ?? `${o.nodeIp}:0`, pod: (ns, name) => this.sync?.pod(ns, name), runtime: () => this.runtime, logger: o.logger });
  }

  get isConnected(): boolean {
    return this.connected;
  }

  start(): void {
    // The logs/exec port is known before registering: the Node tells the masters where it is.
    void this.podIo.start().then(
      () => this.connectLoop(),
      (err) => this.log.error({ event: 'pod-io-listen-failed', err: (err as Error).message }, 'cannot serve logs/exec; not connecting'),
    );
    this.resync = setInterval(() => void this.sync?.sync(), RESYNC_MS);
  }

  /**
   * Stops the agent; containers keep running. `goingAway`: tell the master first that this is
   * on purpose (a restart), so the node is held rather than taken for lost and its pods stay
   * where they are for the masters' --agent-restart-hold. Without it the stream just ends, as
   * when the agent dies: the node is NotReady at once and its pods are replaced.
   */
  async stop(opts: { goingAway?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.resync) clearInterval(this.resync);
    const stream = this.stream;
    if (stream && opts.goingAway && this.connected) {
      stream.write({ goingAway: {} });
      stream.end();
      // Let the master read it (its reply, the stream's end, comes once it has): at most 1 s.
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 1000);
        stream.once('end', () => (clearTimeout(t), resolve()));
        stream.once('error', () => (clearTimeout(t), resolve()));
      });
    }
    this.stream?.end();
    this.stream?.cancel();
    this.sync?.stop();
    this.podIo.stop();
    this.proxy?.stop();
    await this.dns?.stop();
    this.services?.stop();
    this.endpoints?.stop();
    await this.runtime?.close();
    this.api.close();
  }

  private async connectLoop(): Promise<void> {
    let i = 0;
    let delay = 100;
    while (!this.stopped) {
      const endpoint = endpointTarget(this.o.endpoints[i++ % this.o.endpoints.length]);
      const t0 = Date.now();
      const why = await this.session(endpoint);
      this.connected = false;
      if (this.heartbeat) clearInterval(this.heartbeat);
      if (this.stopped) return;
      this.log.warn({ event: 'agent-stream-ended', endpoint, why }, 'stream to master ended; reconnecting');
      // A stream that lived a while was a good master: try the next one at once.
      delay = Date.now() - t0 > 5000 ? 100 : Math.min(2000, delay * 2);
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** One stream's life; resolves with why it ended. */
  private session(endpoint: string): Promise<string> {
    return new Promise((resolve) => {
      const client = new (nodeProto().NodeAgent)(endpoint, credentials.createInsecure(), { 'grpc.initial_reconnect_backoff_ms': 100, 'grpc.max_reconnect_backoff_ms': 1000, 'grpc.keepalive_time_ms': 2000, 'grpc.keepalive_timeout_ms': 2000 });
      const stream = client.Connect();
      this.stream = stream;
      let done = false;
      // A master that cannot write (a minority, frozen) never confirms the registration.
      const registerTimer = setTimeout(() => !this.connected && finish(`not registered within ${REGISTER_TIMEOUT_MS} ms`), REGISTER_TIMEOUT_MS);
      const finish = (why: string) => {
        if (done) return;
        done = true;
        clearTimeout(registerTimer);
        stream.cancel();
        client.close();
        resolve(why);
      };
      stream.on('data', (m: MasterMessage__Output) => void this.onMessage(m, endpoint).catch((err) => this.log.warn({ event: 'agent-message-failed', err: (err as Error).message }, 'message from master not handled')));
      // Leaving a master that stopped confirming renewals is a switch, not a death: say so first
      // (the node is held, not taken for lost, while this agent registers elsewhere), then go.
      let leaving = false;
      this.abandon = (why) => {
        if (done || leaving) return;
        if (this.connected) {
          leaving = true;
          this.connected = false;
          stream.write({ goingAway: {} });
          stream.end();
          setTimeout(() => finish(why), 500);
        } else finish(why);
      };
      stream.on('error', (err: Error) => finish(err.message));
      stream.on('end', () => finish('master ended the stream'));
      stream.write({ register: { node: json(this.nodeObject()), renewMs: this.o.renewMs ?? 250 } });
    });
  }

  private send(m: AgentMessage): void {
    if (this.connected) this.stream?.write(m);
  }

  private async onMessage(m: MasterMessage__Output, endpoint: string): Promise<void> {
    if (m.registered) {
      const node = parse(m.registered.node);
      this.connected = true;
      this.log.info({ event: 'agent-registered', master: m.registered.master || endpoint, podCIDR: node.spec?.podCIDR }, 'registered with a master');
      if (!this.runtime) await this.startRuntime(node.spec?.podCIDR ?? '');
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.lastAck = Date.now();
      const renewMs = this.o.renewMs ?? 250;
      const ackTimeoutMs = this.o.ackTimeoutMs ?? renewMs * 8;
      this.heartbeat = setInterval(() => {
        if (Date.now() - this.lastAck > ackTimeoutMs) {
          this.log.warn({ event: 'master-not-renewing', endpoint, silentMs: Date.now() - this.lastAck }, 'master confirms no lease renewal; trying the next one');
          this.abandon?.(`no lease renewal confirmed for ${Date.now() - this.lastAck} ms`);
          return;
        }
        this.send({ heartbeat: {} });
      }, renewMs);
      return;
    }
    if (m.heartbeatAck) {
      this.lastAck = Date.now();
      return;
    }
    if (m.podSet) this.feed({ pods: parse(m.podSet.pods) });
    else if (m.podUpsert) this.feed({ upserts: [parse(m.podUpsert)] });
    else if (m.podRemove) this.feed({ removes: [m.podRemove.uid] });
    else if (m.peers) {
      this.peers = m.peers.peers.map((p) => ({ node: p.node, podCidr: p.podCidr, nodeIp: p.nodeIp }));
      this.o.onPeers?.(this.peers);
    }
  }

  /** Pod changes go to the sync loop once the runtime exists (they wait for it before). */
  private feed(c: { pods?: Obj[]; upserts?: Obj[]; removes?: string[] }): void {
    if (!this.sync) {
      if (c.pods) this.pending = { pods: c.pods, upserts: [], removes: [] };
      this.pending.upserts.push(...(c.upserts ?? []));
      this.pending.removes.push(...(c.removes ?? []));
      return;
    }
    if (c.pods) this.sync.setPods(c.pods);
    for (const p of c.upserts ?? []) this.sync.upsert(p);
    for (const uid of c.removes ?? []) this.sync.remove(uid);
  }

  private async startRuntime(podCidr: string): Promise<void> {
    this.runtime = await this.o.makeRuntime(podCidr, () => this.peers);
    this.services = new Informer(this.api, 'services', {}, pino({ level: 'silent' }));
    this.endpoints = new Informer(this.api, 'endpoints', {}, pino({ level: 'silent' }));
    this.services.start();
    this.endpoints.start();
    const dns = await this.startClusterDns(podCidr);
    this.startServiceProxy(podCidr);
    const sources: EnvSources = {
      configMap: (ns, name) => this.cached('configmaps', ns, name),
      secret: (ns, name) => this.cached('secrets', ns, name),
      services: (ns) => this.services!.list().filter((s) => s.metadata.namespace === ns),
    };
    this.sync = new PodSync({
      runtime: this.runtime,
      dataDir: this.o.dataDir,
      nodeIp: this.o.nodeIp,
      sources,
      dns,
      logger: this.o.logger,
      report: (r) =>
        this.send({
          podStatus: { namespace: r.pod.metadata.namespace, name: r.pod.metadata.name, uid: r.pod.metadata.uid, status: json(r.status), cpuMillicores: r.cpuMillicores, memoryBytes: r.memoryBytes },
        }),
      gone: (pod) => this.send({ podGone: { namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid } }),
      ...(this.o.unsafeHideDeadContainers ? { unsafeHideDeadContainers: true } : {}),
    });
    const p = this.pending;
    this.pending = { upserts: [], removes: [] };
    this.feed(p);
  }

  private startServiceProxy(podCidr: string): void {
    this.proxy = this.o.serviceProxy?.({ services: this.services!, endpoints: this.endpoints! }, podCidr);
    if (!this.proxy) {
      this.log.warn({ event: 'service-proxy-off' }, 'service proxy off: service virtual IPs do not work on this node');
      return;
    }
    this.log.info({ event: 'service-proxy-on', mode: this.proxy.mode }, `service proxy: ${this.proxy.mode}`);
    this.proxy.start().catch((err) => this.log.error({ event: 'service-proxy-start-failed', err: (err as Error).message }, 'service proxy did not start'));
  }

  private async startClusterDns(podCidr: string): Promise<ClusterDnsConfig | undefined> {
    const where = this.o.clusterDns?.listen(podCidr);
    if (!where) {
      this.log.info({ event: 'cluster-dns-off', podCIDR: podCidr }, 'cluster DNS off: no pod network on this node (pods use the host resolv.conf)');
      return undefined;
    }
    const domain = this.o.clusterDns?.domain ?? 'cluster.local';
    if (where.port !== 53) this.log.warn({ event: 'cluster-dns-port', port: where.port }, 'cluster DNS is not on port 53: pods\' resolvers (resolv.conf has no port) will not reach it');
    this.dns = new ClusterDns({ host: where.host, port: where.port, domain, services: this.services!, endpoints: this.endpoints!, logger: this.o.logger });
    await this.dns.start();
    return { nameserver: where.host, domain };
  }

  private async cached(resource: string, ns: string, name: string): Promise<Obj | undefined> {
    const key = `${resource}/${ns}/${name}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < OBJECT_CACHE_MS) return hit.obj;
    const obj = await this.api.get(resource, ns, name).catch((err) => {
      if ((err as { reason?: string }).reason === 'NotFound') return undefined;
      throw err;
    });
    this.cache.set(key, { at: Date.now(), obj });
    return obj;
  }

  private nodeObject(): Obj {
    const capacity = this.o.capacity ?? { cpu: String(os.cpus().length), memory: `${Math.floor(os.totalmem() / 1024)}Ki`, pods: '110' };
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: this.o.name, labels: { 'kubernetes.io/hostname': this.o.name, 'kubernetes.io/os': 'linux', ...this.o.labels } },
      status: {
        capacity,
        allocatable: capacity,
        addresses: [
          { type: 'InternalIP', address: this.o.nodeIp },
          { type: 'Hostname', address: this.o.name },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: this.podIo.port } },
        nodeInfo: {
          machineID: this.o.name,
          kernelVersion: os.release(),
          osImage: `${os.type()} ${os.release()}`,
          containerRuntimeVersion: this.runtime ? this.runtime.name : 'pending',
          kubeletVersion: 'shoal-agent',
          operatingSystem: 'linux',
          architecture: os.arch() === 'x64' ? 'amd64' : os.arch(),
        },
      },
    };
  }
}
