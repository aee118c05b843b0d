// The Raft Transport over gRPC: one RaftPeer server for inbound streams, one PeerLink per
// peer for outbound ones. Wire schema: proto/raft.proto.
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { pino, type Logger } from 'pino';
import { MessageType, type Message, type NodeId } from '../core/types.ts';
import { TransportConfigError } from './errors.ts';
import { serverOptions } from './grpc-options.ts';
import { createPeerService } from './peer-service.ts';
import { PeerLink, type PeerLinkStats } from './peer-link.ts';
import { raftProto } from './raft-proto.ts';
import type { PeerAddress, Transport } from './transport.ts';

const MiB = 1024 * 1024;
/** Room in a snapshot chunk's gRPC message for the header and the first chunk's Snap message. */
const CHUNK_HEADROOM = 64 * 1024;
const MIN_MESSAGE_BYTES = 2 * CHUNK_HEADROOM;

export interface GrpcTransportOptions {
  /** This node's Raft id. */
  id: NodeId;
  /** Every envelope carries it; a peer of another cluster is refused. Below 2^53. */
  clusterId: number;
  /** host:port to serve on; port 0 picks a free port (read it back from `port`). */
  listen: string;
  /** The other members; an entry with this node's own id is ignored. */
  peers: PeerAddress[];
  logger?: Logger;
  /** gRPC message size limit, both directions. Default 4 MiB. */
  maxMessageBytes?: number;
  /** Outgoing messages buffered per peer before send() drops. Default 4096. */
  maxQueuePerPeer?: number;
  /** Data bytes per snapshot chunk. Default 1 MiB; at most maxMessageBytes - 64 KiB. */
  snapshotChunkBytes?: number;
  /** Largest snapshot accepted from a peer. Default 1 GiB. */
  maxSnapshotBytes?: number;
  /** Redial back-off of a broken peer stream. Default 20 ms doubling to 250 ms, jittered: a restarted peer is back in the group within a quarter second of listening. */
  backoff?: { initialMs?: number; maxMs?: number };
}

export interface GrpcTransportStats {
  peers: PeerLinkStats[];
  /** Messages handed to send() for a peer this transport does not know (or itself). */
  unroutable: number;
  /** Messages too large for one gRPC message (raise maxMessageBytes or lower maxSizePerMsg). */
  oversized: number;
}

function resolveOptions(o: GrpcTransportOptions) {
  const r = {
    maxMessageBytes: o.maxMessageBytes ?? 4 * MiB,
    maxQueuePerPeer: o.maxQueuePerPeer ?? 4096,
    snapshotChunkBytes: o.snapshotChunkBytes ?? 1 * MiB,
    maxSnapshotBytes: o.maxSnapshotBytes ?? 1024 * MiB,
    backoff: { initialMs: o.backoff?.initialMs ?? 20, maxMs: o.backoff?.maxMs ?? 250 },
  };
  const fail = (msg: string) => {
    throw new TransportConfigError(`GrpcTransport node ${o.id}: ${msg}`);
  };
  if (!Number.isSafeInteger(o.id) || o.id <= 0) fail(`id must be a positive integer below 2^53, got ${o.id}`);
  if (!Number.isSafeInteger(o.clusterId) || o.clusterId < 0) fail(`clusterId must be an integer in [0, 2^53), got ${o.clusterId}`);
  if (!/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/.test(o.listen)) fail(`listen must be host:port, got "${o.listen}"`);
  if (r.maxMessageBytes < MIN_MESSAGE_BYTES) fail(`maxMessageBytes ${r.maxMessageBytes} is below ${MIN_MESSAGE_BYTES}`);
  if (r.snapshotChunkBytes <= 0 || r.snapshotChunkBytes > r.maxMessageBytes - CHUNK_HEADROOM) {
    fail(`snapshotChunkBytes ${r.snapshotChunkBytes} must be in (0, maxMessageBytes - ${CHUNK_HEADROOM}]`);
  }
  if (!Number.isInteger(r.maxQueuePerPeer) || r.maxQueuePerPeer <= 0) fail(`maxQueuePerPeer must be a positive integer`);
  if (r.backoff.initialMs <= 0 || r.backoff.maxMs < r.backoff.initialMs) fail('backoff needs 0 < initialMs <= maxMs');
  const seen = new Set<NodeId>();
  for (const p of o.peers) {
    if (seen.has(p.id)) fail(`peer ${p.id} listed twice`);
    seen.add(p.id);
  }
  return r;
}

export class GrpcTransport implements Transport {
  private readonly log: Logger;
  private readonly settings: ReturnType<typeof resolveOptions>;
  private readonly links = new Map<NodeId, PeerLink>();
  private readonly messageHandlers: ((m: Message) => void)[] = [];
  private readonly unreachableHandlers: ((peer: NodeId) => void)[] = [];
  private readonly snapshotHandlers: ((peer: NodeId, ok: boolean) => void)[] = [];
  private server: Server | undefined;
  private boundPort: number | undefined;
  private state: 'new' | 'starting' | 'running' | 'stopped' = 'new';
  private unroutable = 0;
  private oversized = 0;

  constructor(private readonly opts: GrpcTransportOptions) {
    this.settings = resolveOptions(opts);
    this.log = (opts.logger ?? pino({ name: 'shoal' })).child({ component: 'raft-transport', node: opts.id });
    for (const p of opts.peers) if (p.id !== opts.id) this.links.set(p.id, this.newLink(p));
  }

  /** The port the server is bound to (the real one when `listen` asked for port 0). */
  get port(): number {
    if (this.boundPort === undefined) throw new TransportConfigError(`GrpcTransport node ${this.opts.id}: not started`);
    return this.boundPort;
  }

  /** The listen host with the bound port (with a wildcard host, peers need a real address). */
  get address(): string {
    return `${this.opts.listen.slice(0, this.opts.listen.lastIndexOf(':'))}:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.state !== 'new') throw new TransportConfigError(`GrpcTransport node ${this.opts.id}: start() in state ${this.state}`);
    this.state = 'starting';
    const server = new Server(serverOptions(this.settings.maxMessageBytes));
    server.addService(
      raftProto().RaftPeer.service,
      createPeerService({
        id: this.opts.id,
        clusterId: this.opts.clusterId,
        isKnownPeer: (id) => this.links.has(id),
        deliver: (m) => this.deliver(m),
        logger: this.log,
        snapshotLimits: {
          maxChunkBytes: this.settings.maxMessageBytes - CHUNK_HEADROOM,
          maxSnapshotBytes: this.settings.maxSnapshotBytes,
        },
      }),
    );
    this.server = server;
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(this.opts.listen, ServerCredentials.createInsecure(), (err, port) => {
        if (err) reject(new TransportConfigError(`GrpcTransport node ${this.opts.id}: cannot listen on ${this.opts.listen}: ${err.message}`, { cause: err }));
        else resolve(port);
      });
    }).catch((err: unknown) => {
      server.forceShutdown();
      this.state = 'stopped';
      throw err;
    });
    // stop() may have run while we were binding.
    if (this.state !== 'starting') {
      server.forceShutdown();
      return;
    }
    this.state = 'running';
    for (const link of this.links.values()) link.start();
    this.log.info({ event: 'transport-started', address: this.address, peers: [...this.links.keys()] }, 'raft transport listening');
  }

  send(messages: Message[]): void {
    for (const m of messages) {
      const link = this.links.get(m.to);
      if (!link) {
        this.unroutable++;
        this.log.debug({ event: 'message-unroutable', to: m.to, type: m.type }, 'no such peer, message dropped');
        continue;
      }
      if (m.type === MessageType.Snap && m.snapshot) {
        link.sendSnapshot(m);
      } else if (!link.fits(m)) {
        this.oversized++;
        this.log.warn({ event: 'message-too-large', to: m.to, type: m.type, entries: m.entries.length, limit: this.settings.maxMessageBytes }, 'message exceeds maxMessageBytes, dropped');
      } else {
        link.enqueue(m);
      }
    }
  }

  onMessage(handler: (message: Message) => void): void {
    this.messageHandlers.push(handler);
  }

  onPeerUnreachable(handler: (peer: NodeId) => void): void {
    this.unreachableHandlers.push(handler);
  }

  /**
   * Outcome of each snapshot transfer (not part of Transport): lets the driver tell the core
   * that a snapshot failed, so the leader retries it instead of waiting for a response.
   */
  onSnapshotStatus(handler: (peer: NodeId, ok: boolean) => void): void {
    this.snapshotHandlers.push(handler);
  }

  /** Adds a peer, or re-points a known one at a new address (its queue is then dropped). */
  addPeer(peer: PeerAddress): void {
    if (peer.id === this.opts.id || this.state === 'stopped') return;
    const existing = this.links.get(peer.id);
    if (existing?.address === peer.address) return;
    existing?.close();
    const link = this.newLink(peer);
    this.links.set(peer.id, link);
    if (this.state === 'running') link.start();
    this.log.info({ event: 'peer-added', peer: peer.id, address: peer.address, replaced: existing?.address }, 'peer added');
  }

  /** Forgets a peer: its queue is dropped and its envelopes are refused from now on. */
  removePeer(id: NodeId): void {
    const link = this.links.get(id);
    if (!link) return;
    link.close();
    this.links.delete(id);
    this.log.info({ event: 'peer-removed', peer: id }, 'peer removed');
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    for (const link of this.links.values()) link.close();
    const server = this.server;
    this.server = undefined;
    // Inbound streams are long-lived: a graceful shutdown would wait for the peers to hang
    // up, so cut them (Raft loses nothing it cannot resend).
    server?.forceShutdown();
    this.log.info({ event: 'transport-stopped' }, 'raft transport stopped');
  }

  stats(): GrpcTransportStats {
    return { peers: [...this.links.values()].map((l) => l.stats()), unroutable: this.unroutable, oversized: this.oversized };
  }

  private newLink(peer: PeerAddress): PeerLink {
    return new PeerLink({
      clusterId: this.opts.clusterId,
      self: this.opts.id,
      peer: peer.id,
      address: peer.address,
      logger: this.log,
      maxMessageBytes: this.settings.maxMessageBytes,
      maxQueue: this.settings.maxQueuePerPeer,
      snapshotChunkBytes: this.settings.snapshotChunkBytes,
      backoff: this.settings.backoff,
      onUnreachable: () => this.notify(this.unreachableHandlers, peer.id),
      onSnapshotStatus: (ok) => {
        for (const h of this.snapshotHandlers) this.guard('snapshot-status', () => h(peer.id, ok));
      },
    });
  }

  private deliver(m: Message): void {
    if (this.state !== 'running') return;
    for (const h of this.messageHandlers) this.guard('message', () => h(m));
  }

  private notify(handlers: ((peer: NodeId) => void)[], peer: NodeId): void {
    if (this.state !== 'running') return;
    for (const h of handlers) this.guard('peer-unreachable', () => h(peer));
  }

  /** A throwing handler must not take the stream (and every later message) down with it. */
  private guard(kind: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.error({ event: 'handler-threw', kind, err }, 'transport handler threw');
    }
  }
}
