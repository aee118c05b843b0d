// Send side of a chunked snapshot: one SendSnapshot call per snapshot, chunks written as
// flow control allows, so memory stays at a few chunks whatever the snapshot's size.
import type { ServiceError } from '@grpc/grpc-js';
import type { Message, NodeId } from '../core/types.ts';
import type { Header } from '../../gen/shoal/raft/Header.ts';
import type { RaftPeerClient } from '../../gen/shoal/raft/RaftPeer.ts';
import type { SnapshotChunk } from '../../gen/shoal/raft/SnapshotChunk.ts';
import { messageToProto } from './codec.ts';
import { SnapshotSendError } from './errors.ts';

export interface SnapshotTransfer {
  /** Resolves with the bytes the peer acknowledged; rejects with SnapshotSendError. */
  done: Promise<number>;
  cancel(): void;
}

export function sendSnapshot(
  client: RaftPeerClient,
  peer: NodeId,
  header: Header,
  message: Message,
  chunkBytes: number,
): SnapshotTransfer {
  const snapshot = message.snapshot;
  if (!snapshot) throw new SnapshotSendError('message carries no snapshot', peer, undefined);
  const data = snapshot.data;
  const total = data.byteLength;

  let cancel = () => {};
  const done = new Promise<number>((resolve, reject) => {
    const call = client.SendSnapshot((err: ServiceError | null, ack) => {
      if (err) {
        reject(new SnapshotSendError(`snapshot to peer ${peer} failed: ${err.details || err.message}`, peer, err.code, { cause: err }));
      } else {
        resolve(ack?.receivedBytes ?? total);
      }
    });
    // The call's outcome arrives through the callback; this only keeps a stream-level
    // error from becoming an uncaught exception.
    call.on('error', () => {});
    cancel = () => call.cancel();

    let offset = 0;
    let first = true;
    const pump = (): void => {
      while (first || offset < total) {
        const end = Math.min(offset + chunkBytes, total);
        const chunk: SnapshotChunk = { header, offset, data: data.subarray(offset, end), last: end === total };
        if (first) {
          chunk.message = messageToProto(message, 'metadata-only');
          chunk.totalSize = total;
          first = false;
        }
        offset = end;
        const more = offset < total;
        if (!call.write(chunk) && more) {
          call.once('drain', pump);
          return;
        }
      }
      call.end();
    };
    pump();
  });
  return { done, cancel: () => cancel() };
}
