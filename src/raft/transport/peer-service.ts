// Server side of RaftPeer: admits envelopes and snapshot chunks only from known peers of this
// cluster, addressed to this node, and hands the decoded messages to the transport.
import { Metadata, status, type ServerReadableStream, type sendUnaryData } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Message, NodeId } from '../core/types.ts';
import type { Envelope__Output } from '../../gen/shoal/raft/Envelope.ts';
import type { Header__Output } from '../../gen/shoal/raft/Header.ts';
import type { RaftPeerHandlers } from '../../gen/shoal/raft/RaftPeer.ts';
import type { SnapshotAck } from '../../gen/shoal/raft/SnapshotAck.ts';
import type { SnapshotChunk__Output } from '../../gen/shoal/raft/SnapshotChunk.ts';
import type { StreamSummary } from '../../gen/shoal/raft/StreamSummary.ts';
import { messageFromProto } from './codec.ts';
import { CodecError, PeerRejectedError } from './errors.ts';
import { SnapshotAssembler, type SnapshotLimits } from './snapshot-assembler.ts';

export interface PeerServiceDeps {
  id: NodeId;
  clusterId: number;
  isKnownPeer(id: NodeId): boolean;
  /** Called with every admitted message, in arrival order. */
  deliver(message: Message): void;
  logger: Logger;
  snapshotLimits: SnapshotLimits;
}

/** Throws PeerRejectedError unless the header names this cluster, this node and a known peer. */
export function checkHeader(header: Header__Output | null, deps: Pick<PeerServiceDeps, 'id' | 'clusterId' | 'isKnownPeer'>): Header__Output {
  if (!header) throw new PeerRejectedError(status.INVALID_ARGUMENT, 'missing header', {});
  if (header.clusterId !== deps.clusterId) {
    throw new PeerRejectedError(
      status.FAILED_PRECONDITION,
      `cluster id mismatch: got ${header.clusterId}, want ${deps.clusterId}`,
      { gotClusterId: header.clusterId, wantClusterId: deps.clusterId, from: header.from },
    );
  }
  if (header.to !== deps.id) {
    throw new PeerRejectedError(
      status.FAILED_PRECONDITION,
      `addressed to node ${header.to}, this is node ${deps.id}`,
      { to: header.to, from: header.from },
    );
  }
  if (!deps.isKnownPeer(header.from)) {
    throw new PeerRejectedError(status.FAILED_PRECONDITION, `unknown peer ${header.from}`, { from: header.from });
  }
  return header;
}

/** Decodes a message and checks that it travels under its own header (no relaying). */
function admit(raw: Parameters<typeof messageFromProto>[0], header: Header__Output, field: string): Message {
  let m: Message;
  try {
    m = messageFromProto(raw, field);
  } catch (err) {
    if (err instanceof CodecError) throw new PeerRejectedError(status.INVALID_ARGUMENT, err.message, { field: err.field });
    throw err;
  }
  if (m.from !== header.from || m.to !== header.to) {
    throw new PeerRejectedError(
      status.INVALID_ARGUMENT,
      `${field} is from ${m.from} to ${m.to} inside an envelope from ${header.from} to ${header.to}`,
      { field, messageFrom: m.from, messageTo: m.to, from: header.from, to: header.to },
    );
  }
  return m;
}

function asRejection(err: unknown): PeerRejectedError {
  if (err instanceof PeerRejectedError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new PeerRejectedError(status.INTERNAL, `internal error: ${message}`, {});
}

/**
 * Settles a client-streaming call exactly once. grpc-js would otherwise let a late 'end' try
 * to answer a call that was already rejected.
 */
function settler<Res>(callback: sendUnaryData<Res>) {
  let settled = false;
  return {
    get settled() {
      return settled;
    },
    ok(res: Res) {
      if (settled) return;
      settled = true;
      callback(null, res);
    },
    fail(err: PeerRejectedError) {
      if (settled) return;
      settled = true;
      callback(err);
    },
    abandon() {
      settled = true;
    },
  };
}

export function createPeerService(deps: PeerServiceDeps): RaftPeerHandlers {
  const log = deps.logger;

  const reject = (rpc: string, remote: string, err: PeerRejectedError) => {
    log.warn({ event: 'peer-rejected', rpc, remote, code: status[err.code], ...err.context }, err.message);
  };

  return {
    Stream(call: ServerReadableStream<Envelope__Output, StreamSummary>, callback: sendUnaryData<StreamSummary>) {
      const remote = call.getPeer();
      const done = settler(callback);
      let received = 0;
      // Headers right away: the client treats them as "stream is up" and only then starts
      // writing, so nothing is lost into a call that never connected.
      call.sendMetadata(new Metadata());
      call.on('data', (env: Envelope__Output) => {
        if (done.settled) return;
        let batch: Message[];
        try {
          const header = checkHeader(env.header, deps);
          // Decode the whole envelope before delivering any of it: a bad envelope is
          // refused as a unit.
          batch = env.messages.map((m, i) => admit(m, header, `messages[${i}]`));
        } catch (err) {
          const rejection = asRejection(err);
          reject('Stream', remote, rejection);
          done.fail(rejection);
          return;
        }
        for (const m of batch) deps.deliver(m);
        received += batch.length;
      });
      call.on('end', () => done.ok({ receivedMessages: received }));
      // Cancelled by the client or the connection dropped: nobody is left to answer.
      call.on('error', () => done.abandon());
      call.on('cancelled', () => done.abandon());
    },

    SendSnapshot(call: ServerReadableStream<SnapshotChunk__Output, SnapshotAck>, callback: sendUnaryData<SnapshotAck>) {
      const remote = call.getPeer();
      const done = settler(callback);
      const assembler = new SnapshotAssembler(deps.snapshotLimits);
      call.on('data', (chunk: SnapshotChunk__Output) => {
        if (done.settled) return;
        let message: Message | undefined;
        try {
          const header = checkHeader(chunk.header, deps);
          message = assembler.add(chunk);
          if (message && (message.from !== header.from || message.to !== header.to)) {
            throw new PeerRejectedError(
              status.INVALID_ARGUMENT,
              `snapshot message is from ${message.from} to ${message.to} inside chunks from ${header.from} to ${header.to}`,
              { messageFrom: message.from, messageTo: message.to, from: header.from, to: header.to },
            );
          }
        } catch (err) {
          const rejection = asRejection(err);
          reject('SendSnapshot', remote, rejection);
          done.fail(rejection);
          return;
        }
        if (!message) return;
        log.info(
          { event: 'snapshot-received', from: message.from, bytes: assembler.receivedBytes, index: message.snapshot?.metadata.index },
          'snapshot received',
        );
        deps.deliver(message);
        done.ok({ receivedBytes: assembler.receivedBytes });
      });
      call.on('end', () => {
        if (assembler.complete || done.settled) return;
        const rejection = new PeerRejectedError(
          status.INVALID_ARGUMENT,
          `snapshot stream ended after ${assembler.receivedBytes} bytes, before the last chunk`,
          { receivedBytes: assembler.receivedBytes },
        );
        reject('SendSnapshot', remote, rejection);
        done.fail(rejection);
      });
      call.on('error', () => done.abandon());
      call.on('cancelled', () => done.abandon());
    },
  };
}
