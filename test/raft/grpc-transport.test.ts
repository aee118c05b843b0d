import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import { freePort } from '../../src/cli/free-port.ts';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { EntryType, MessageType, emptyMessage, type Message, type NodeId } from '../../src/raft/core/types.ts';
import type { Envelope } from '../../src/gen/shoal/raft/Envelope.ts';
import type { RaftPeerClient } from '../../src/gen/shoal/raft/RaftPeer.ts';
import type { SnapshotChunk } from '../../src/gen/shoal/raft/SnapshotChunk.ts';
import { messageToProto } from '../../src/raft/transport/codec.ts';
import { GrpcTransport, type GrpcTransportOptions } from '../../src/raft/transport/grpc-transport.ts';
import { raftProto } from '../../src/raft/transport/raft-proto.ts';

const CLUSTER = 7;
const HOST = '127.0.0.1';

// ---- harness ----

interface LogLine {
  level: number;
  event?: string;
  msg: string;
  [k: string]: unknown;
}

interface Node {
  t: GrpcTransport;
  got: Message[];
  unreachable: NodeId[];
  logs: LogLine[];
}

const live: GrpcTransport[] = [];
const clients: RaftPeerClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(live.splice(0).map((t) => t.stop()));
});

function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  return { logger, lines };
}

async function startNode(opts: Partial<GrpcTransportOptions> & { id: NodeId }): Promise<Node> {
  const { logger, lines } = captureLogger();
  const t = new GrpcTransport({ clusterId: CLUSTER, listen: `${HOST}:0`, peers: [], logger, ...opts });
  const node: Node = { t, got: [], unreachable: [], logs: lines };
  t.onMessage((m) => node.got.push(m));
  t.onPeerUnreachable((p) => node.unreachable.push(p));
  live.push(t);
  await t.start();
  return node;
}

/** Starts n nodes on ephemeral ports and introduces them to each other. */
async function startCluster(n: number, opts: Partial<GrpcTransportOptions> = {}): Promise<Node[]> {
  const nodes = await Promise.all(Array.from({ length: n }, (_, i) => startNode({ ...opts, id: i + 1 })));
  for (const a of nodes) for (const b of nodes) if (a !== b) a.t.addPeer({ id: idOf(nodes, b), address: b.t.address });
  return nodes;
}

function idOf(nodes: Node[], n: Node): NodeId {
  return nodes.indexOf(n) + 1;
}

async function waitFor(what: string, cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function bytes(...xs: number[]): Uint8Array {
  return Uint8Array.from(xs);
}

/** Deterministic pseudo-random bytes (xorshift), so a failure is reproducible. */
function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** One message of the given type with every field set to something recognisable. */
function sample(type: MessageType, from: NodeId, to: NodeId, seq: number): Message {
  const m = emptyMessage(type, from, to, seq);
  m.logTerm = seq + 1;
  m.index = 1000 + seq;
  m.commit = 500 + seq;
  m.reject = seq % 2 === 0;
  m.rejectHint = seq * 3;
  m.context = bytes(from, to, seq & 0xff);
  if (type === MessageType.App || type === MessageType.Prop) {
    m.entries = [
      { term: seq, index: 1000 + seq + 1, type: EntryType.Normal, data: bytes(1, 2, 3, seq & 0xff) },
      { term: seq, index: 1000 + seq + 2, type: EntryType.ConfChange, data: new Uint8Array(0) },
    ];
  }
  return m;
}

const STREAM_TYPES = Object.values(MessageType).filter(
  (v): v is MessageType => typeof v === 'number' && v !== MessageType.Snap,
);

function rawClient(address: string): RaftPeerClient {
  const c = new (raftProto().RaftPeer)(address, credentials.createInsecure());
  clients.push(c);
  return c;
}

/** Writes envelopes on a raw Stream call and returns how the server ended it. */
function rawStream(address: string, envelopes: Envelope[]): Promise<ServiceError | null> {
  return new Promise((resolve) => {
    const call = rawClient(address).Stream((err: ServiceError | null) => resolve(err));
    call.on('error', () => {});
    for (const e of envelopes) call.write(e);
    // Keep the call open: the server must end it on its own when it rejects.
    setTimeout(() => call.end(), 2000).unref();
  });
}

// ---- tests ----

describe('GrpcTransport', () => {
  it('carries every message type, in order per peer pair, between three nodes', async () => {
    const nodes = await startCluster(3);
    const sent = new Map<string, Message[]>();
    // Several rounds, some sent one per call and some in one call, so that batching into
    // one envelope and separate envelopes are both exercised.
    for (let round = 0; round < 4; round++) {
      for (const a of nodes) {
        const from = idOf(nodes, a);
        for (const b of nodes) {
          const to = idOf(nodes, b);
          if (from === to) continue;
          const batch = STREAM_TYPES.map((type, i) => sample(type, from, to, round * 100 + i));
          if (round % 2 === 0) a.t.send(batch);
          else for (const m of batch) a.t.send([m]);
          sent.set(`${from}->${to}`, [...(sent.get(`${from}->${to}`) ?? []), ...batch]);
        }
      }
      if (round === 1) await sleep(10);
    }
    const perNode = STREAM_TYPES.length * 4 * 2;
    await waitFor('all messages', () => nodes.every((n) => n.got.length === perNode));
    for (const b of nodes) {
      const to = idOf(nodes, b);
      for (const a of nodes) {
        const from = idOf(nodes, a);
        if (from === to) continue;
        expect(b.got.filter((m) => m.from === from)).toEqual(sent.get(`${from}->${to}`));
      }
    }
    // Received byte fields are plain Uint8Arrays, as the core expects, not Buffers.
    const withEntries = nodes[0]!.got.find((m) => m.entries.length > 0)!;
    expect(Object.getPrototypeOf(withEntries.entries[0]!.data)).toBe(Uint8Array.prototype);
    expect(Object.getPrototypeOf(withEntries.context)).toBe(Uint8Array.prototype);
    for (const n of nodes) expect(n.unreachable).toEqual([]);
  });

  it('sends a Snap message with its snapshot through the chunked RPC', async () => {
    const [a, b] = await startCluster(2);
    const m = sample(MessageType.Snap, 1, 2, 9);
    m.snapshot = { metadata: { index: 77, term: 5, confState: { voters: [1, 2], learners: [3] } }, data: bytes(9, 8, 7) };
    a!.t.send([m]);
    await waitFor('snapshot', () => b!.got.length === 1);
    expect(b!.got[0]).toEqual(m);
  });

  it('moves a 3 MiB snapshot in chunks, larger than any single gRPC message allows', async () => {
    const MiB = 1024 * 1024;
    const [a, b] = await startCluster(2, { maxMessageBytes: 1 * MiB, snapshotChunkBytes: 256 * 1024 });
    const statuses: boolean[] = [];
    a!.t.onSnapshotStatus((peer, ok) => {
      expect(peer).toBe(2);
      statuses.push(ok);
    });
    const data = pseudoRandomBytes(3 * MiB, 42);
    const snap = emptyMessage(MessageType.Snap, 1, 2, 4);
    snap.snapshot = { metadata: { index: 12345, term: 4, confState: { voters: [1, 2, 3], learners: [] } }, data };
    // Stream traffic keeps flowing around the transfer.
    a!.t.send([sample(MessageType.Heartbeat, 1, 2, 1), snap, sample(MessageType.Heartbeat, 1, 2, 2)]);
    await waitFor('snapshot delivery', () => b!.got.some((m) => m.type === MessageType.Snap), 10_000);
    const got = b!.got.find((m) => m.type === MessageType.Snap)!;
    expect(got.snapshot!.metadata).toEqual(snap.snapshot.metadata);
    expect(got.snapshot!.data.byteLength).toBe(data.byteLength);
    expect(Buffer.compare(got.snapshot!.data, data)).toBe(0);
    expect({ ...got, snapshot: undefined }).toEqual({ ...snap, snapshot: undefined });
    await waitFor('snapshot status', () => statuses.length === 1);
    expect(statuses).toEqual([true]);
    expect(b!.logs.find((l) => l.event === 'snapshot-received')).toMatchObject({ from: 1, bytes: 3 * MiB, index: 12345 });
    await waitFor('heartbeats', () => b!.got.length === 3);
  });

  it('rejects a stream from another cluster, and delivers nothing from it', async () => {
    const [a] = await startCluster(1);
    const err = await rawStream(a!.t.address, [
      { header: { clusterId: 99, from: 2, to: 1 }, messages: [messageToProto(sample(MessageType.Heartbeat, 2, 1, 1))] },
    ]);
    expect(err?.code).toBe(status.FAILED_PRECONDITION);
    expect(err?.details).toBe(`cluster id mismatch: got 99, want ${CLUSTER}`);
    expect(a!.got).toEqual([]);
    const line = a!.logs.find((l) => l.event === 'peer-rejected');
    expect(line).toMatchObject({ rpc: 'Stream', code: 'FAILED_PRECONDITION', gotClusterId: 99, wantClusterId: CLUSTER, msg: `cluster id mismatch: got 99, want ${CLUSTER}` });
    expect(a!.logs.filter((l) => l.event === 'peer-rejected')).toHaveLength(1);
  });

  it('rejects envelopes from an unknown peer, or addressed to another node', async () => {
    const [a] = await startCluster(2);
    const unknown = await rawStream(a!.t.address, [
      { header: { clusterId: CLUSTER, from: 42, to: 1 }, messages: [messageToProto(sample(MessageType.Vote, 42, 1, 1))] },
    ]);
    expect(unknown?.code).toBe(status.FAILED_PRECONDITION);
    expect(unknown?.details).toBe('unknown peer 42');
    const misrouted = await rawStream(a!.t.address, [
      { header: { clusterId: CLUSTER, from: 2, to: 3 }, messages: [messageToProto(sample(MessageType.Vote, 2, 3, 1))] },
    ]);
    expect(misrouted?.code).toBe(status.FAILED_PRECONDITION);
    expect(misrouted?.details).toBe('addressed to node 3, this is node 1');
    // A known header cannot smuggle a message that claims another sender.
    const smuggled = await rawStream(a!.t.address, [
      { header: { clusterId: CLUSTER, from: 2, to: 1 }, messages: [messageToProto(sample(MessageType.Vote, 5, 1, 1))] },
    ]);
    expect(smuggled?.code).toBe(status.INVALID_ARGUMENT);
    expect(a!.got).toEqual([]);
    expect(a!.logs.filter((l) => l.event === 'peer-rejected').map((l) => l.msg)).toEqual([
      'unknown peer 42',
      'addressed to node 3, this is node 1',
      expect.stringContaining('is from 5 to 1 inside an envelope from 2 to 1'),
    ]);
  });

  it('rejects a snapshot chunk with a bad header or an out-of-order offset', async () => {
    const [a] = await startCluster(2);
    const snap = sample(MessageType.Snap, 2, 1, 1);
    snap.snapshot = { metadata: { index: 1, term: 1, confState: { voters: [1, 2], learners: [] } }, data: new Uint8Array(0) };
    const send = (chunks: SnapshotChunk[]) =>
      new Promise<ServiceError | null>((resolve) => {
        const call = rawClient(a!.t.address).SendSnapshot((err: ServiceError | null) => resolve(err));
        call.on('error', () => {});
        for (const c of chunks) call.write(c);
        call.end();
      });
    const message = messageToProto(snap, 'metadata-only');
    const wrongCluster = await send([{ header: { clusterId: 1, from: 2, to: 1 }, message, totalSize: 4, offset: 0, data: bytes(1, 2, 3, 4), last: true }]);
    expect(wrongCluster?.details).toBe(`cluster id mismatch: got 1, want ${CLUSTER}`);
    const header = { clusterId: CLUSTER, from: 2, to: 1 };
    const gap = await send([
      { header, message, totalSize: 4, offset: 0, data: bytes(1, 2), last: false },
      { header, offset: 3, data: bytes(4), last: true },
    ]);
    expect(gap?.code).toBe(status.INVALID_ARGUMENT);
    expect(gap?.details).toBe('snapshot chunk at offset 3, expected 2');
    const truncated = await send([{ header, message, totalSize: 4, offset: 0, data: bytes(1, 2), last: false }]);
    expect(truncated?.details).toBe('snapshot stream ended after 2 bytes, before the last chunk');
    expect(a!.got).toEqual([]);
  });

  it('a transport configured with the wrong cluster id sees its peer as unreachable', async () => {
    const [a] = await startCluster(1);
    const stranger = await startNode({ id: 2, clusterId: CLUSTER + 1, peers: [{ id: 1, address: a!.t.address }] });
    a!.t.addPeer({ id: 2, address: stranger.t.address });
    stranger.t.send([sample(MessageType.Vote, 2, 1, 1)]);
    await waitFor('unreachable', () => stranger.unreachable.length > 0);
    expect(stranger.unreachable[0]).toBe(1);
    expect(stranger.t.stats().peers[0]!.lastError).toBe(`cluster id mismatch: got ${CLUSTER + 1}, want ${CLUSTER}`);
    expect(a!.got).toEqual([]);
  });

  it('fires onPeerUnreachable once per break when a peer goes away', async () => {
    const [a, b] = await startCluster(2);
    a!.t.send([sample(MessageType.Heartbeat, 1, 2, 1)]);
    await waitFor('first message', () => b!.got.length === 1);
    await b!.t.stop();
    // How fast is measured by bench:failover, not asserted here.
    await waitFor('unreachable', () => a!.unreachable.length === 1, 3000);
    expect(a!.unreachable).toEqual([2]);
    // Redials keep failing (connection refused) but that is the same break.
    await sleep(400);
    expect(a!.unreachable).toEqual([2]);
    expect(a!.t.stats().peers[0]).toMatchObject({ id: 2, state: expect.stringMatching(/backoff|connecting/), breaks: 1 });
  });

  it('fires onPeerUnreachable on connection refused for a peer that never came up', async () => {
    const port = await freePort();
    const a = await startNode({ id: 1, peers: [{ id: 2, address: `${HOST}:${port}` }] });
    await waitFor('unreachable', () => a.unreachable.length === 1, 2000);
    expect(a.unreachable).toEqual([2]);
    const line = a.logs.find((l) => l.event === 'peer-unreachable');
    expect(line).toMatchObject({ peer: 2, code: 'UNAVAILABLE', wasOpen: false });
  });

  it('reaches a peer again after it is stopped and restarted on the same port', async () => {
    const [a, b] = await startCluster(2, { backoff: { initialMs: 20, maxMs: 200 } });
    a!.t.send([sample(MessageType.App, 1, 2, 1)]);
    await waitFor('before restart', () => b!.got.length === 1);
    const port = b!.t.port;
    await b!.t.stop();
    await waitFor('unreachable', () => a!.unreachable.length === 1, 3000);
    // Sent while the peer is down: held in the queue until the stream is back.
    a!.t.send([sample(MessageType.App, 1, 2, 2)]);
    const b2 = await startNode({ id: 2, listen: `${HOST}:${port}`, peers: [{ id: 1, address: a!.t.address }] });
    a!.t.send([sample(MessageType.App, 1, 2, 3)]);
    await waitFor('after restart', () => b2.got.length === 2, 5000);
    expect(b2.got.map((m) => m.term)).toEqual([2, 3]);
    // And the reverse direction works from the new incarnation.
    b2.t.send([sample(MessageType.AppResp, 2, 1, 4)]);
    await waitFor('reply', () => a!.got.length === 1);
    expect(a!.t.stats().peers[0]).toMatchObject({ state: 'open', breaks: 1 });
  });

  it('drops and counts messages beyond the per-peer queue bound', async () => {
    const port = await freePort();
    const a = await startNode({ id: 1, maxQueuePerPeer: 10, peers: [{ id: 2, address: `${HOST}:${port}` }] });
    a.t.send(Array.from({ length: 25 }, (_, i) => sample(MessageType.Heartbeat, 1, 2, i)));
    expect(a.t.stats().peers[0]).toMatchObject({ queued: 10, dropped: 15 });
    expect(a.logs.filter((l) => l.event === 'queue-full')).toHaveLength(1);
    a.t.send([sample(MessageType.Heartbeat, 1, 9, 1)]);
    expect(a.t.stats().unroutable).toBe(1);
  });

  it('removePeer refuses the removed peer, addPeer lets it back', async () => {
    const [a, b] = await startCluster(2);
    b!.t.send([sample(MessageType.Heartbeat, 2, 1, 1)]);
    await waitFor('first', () => a!.got.length === 1);
    a!.t.removePeer(2);
    b!.t.send([sample(MessageType.Heartbeat, 2, 1, 2)]);
    await waitFor('rejection', () => a!.logs.some((l) => l.event === 'peer-rejected'));
    expect(a!.logs.find((l) => l.event === 'peer-rejected')!.msg).toBe('unknown peer 2');
    a!.t.addPeer({ id: 2, address: b!.t.address });
    // The rejected message is gone (best effort); a fresh one gets through after redial.
    await waitFor('after re-add', () => {
      b!.t.send([sample(MessageType.Heartbeat, 2, 1, 3)]);
      return a!.got.some((m) => m.term === 3);
    }, 5000);
    expect(a!.got.some((m) => m.term === 2)).toBe(false);
  });

  it('stop() resolves and releases the port', async () => {
    const [a] = await startCluster(2);
    const port = a!.t.port;
    await a!.t.stop();
    const again = await startNode({ id: 1, listen: `${HOST}:${port}` });
    expect(again.t.port).toBe(port);
  });

  it('refuses inconsistent options up front', () => {
    expect(() => new GrpcTransport({ id: 1, clusterId: 1, listen: `${HOST}:0`, peers: [], maxMessageBytes: 1 << 20, snapshotChunkBytes: 1 << 20 })).toThrow(
      /snapshotChunkBytes/,
    );
    expect(() => new GrpcTransport({ id: 0, clusterId: 1, listen: `${HOST}:0`, peers: [] })).toThrow(/id must be a positive integer/);
    expect(() => new GrpcTransport({ id: 1, clusterId: 1, listen: 'nonsense', peers: [] })).toThrow(/listen must be host:port/);
  });
});
