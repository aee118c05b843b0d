// etcd's Maintenance service: Status, alarms, hashes (to compare members), snapshot download,
// leadership transfer. Defragment has nothing to do here (the store is compacted in place) and
// answers at once, so tools that call it as routine keep working.
import { createHash } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { AlarmRequest__Output } from '../../gen/etcdserverpb/AlarmRequest.ts';
import type { AlarmResponse } from '../../gen/etcdserverpb/AlarmResponse.ts';
import type { HashKVRequest__Output } from '../../gen/etcdserverpb/HashKVRequest.ts';
import type { HashKVResponse } from '../../gen/etcdserverpb/HashKVResponse.ts';
import type { HashResponse } from '../../gen/etcdserverpb/HashResponse.ts';
import type { MaintenanceHandlers } from '../../gen/etcdserverpb/Maintenance.ts';
import type { MoveLeaderRequest__Output } from '../../gen/etcdserverpb/MoveLeaderRequest.ts';
import type { MoveLeaderResponse } from '../../gen/etcdserverpb/MoveLeaderResponse.ts';
import type { SnapshotRequest__Output } from '../../gen/etcdserverpb/SnapshotRequest.ts';
import type { SnapshotResponse } from '../../gen/etcdserverpb/SnapshotResponse.ts';
import type { StatusResponse } from '../../gen/etcdserverpb/StatusResponse.ts';
import type { MvccStore } from '../mvcc/mvcc-store.ts';
import { toEtcdError, type Registry } from '../registry/registry.ts';
import { EtcdError } from './etcd-errors.ts';
import { unary } from './handler.ts';
import { Role } from '../../raft/core/types.ts';

/** The etcd API level shoal speaks (etcdctl reads it from Status). */
export const ETCD_API_VERSION = '3.4.0';
const SNAPSHOT_CHUNK = 64 * 1024;
const ALARM_NAMES: Record<number, string> = { 1: 'NOSPACE', 2: 'CORRUPT' };

export function createMaintenanceService(reg: Registry, logger: Logger): MaintenanceHandlers {
  const log = logger.child({ component: 'etcd-maintenance' });

  return {
    Status: unary(log, 'Status', async (): Promise<StatusResponse> => {
      const s = reg.node.status();
      const size = reg.sm.mvcc.sizeBytes;
      return {
        header: reg.header(),
        version: ETCD_API_VERSION,
        dbSize: size,
        dbSizeInUse: size,
        leader: s.leader,
        raftIndex: s.commit,
        raftTerm: s.term,
        raftAppliedIndex: s.applied,
        errors: [...reg.sm.alarms.values()].map((a) => `memberID:${a.memberID} alarm:${ALARM_NAMES[a.alarm] ?? a.alarm} `),
        isLearner: s.learners.includes(s.id),
      };
    }),

    Alarm: unary(log, 'Alarm', async (r: AlarmRequest__Output, timeoutMs): Promise<AlarmResponse> => {
      if (r.action === 0) {
        await reg.linearize(timeoutMs);
        const alarms = [...reg.sm.alarms.values()].filter((a) => (r.memberID === 0 || a.memberID === r.memberID) && (r.alarm === 0 || a.alarm === r.alarm));
        return { header: reg.header(), alarms };
      }
      const res = await reg.write({ alarm: r }, timeoutMs);
      return { header: reg.header(res.revision), alarms: res.alarms ?? [] };
    }),

    Defragment: unary(log, 'Defragment', async () => ({ header: reg.header() })),

    Hash: unary(log, 'Hash', async (): Promise<HashResponse> => ({ header: reg.header(), hash: hashKv(reg.sm.mvcc, reg.sm.mvcc.revision) })),

    HashKV: unary(log, 'HashKV', async (r: HashKVRequest__Output): Promise<HashKVResponse> => {
      const mvcc = reg.sm.mvcc;
      const rev = r.revision > 0 ? r.revision : mvcc.revision;
      if (rev > mvcc.revision) throw new EtcdError('future-rev', `hash at ${rev} > current ${mvcc.revision}`);
      if (rev < mvcc.compactRevision) throw new EtcdError('compacted', `hash at ${rev} < compacted ${mvcc.compactRevision}`);
      return { header: reg.header(), hash: hashKv(mvcc, rev), compactRevision: mvcc.compactRevision };
    }),

    Snapshot(call: ServerWritableStream<SnapshotRequest__Output, SnapshotResponse>) {
      // A consistent image as of one applied index, zero-padded to whole 512-byte pages and
      // followed by its sha256, the layout etcdctl checks for (a bolt file is whole pages).
      const image = reg.sm.snapshot();
      const padded = Buffer.alloc(Math.ceil((image.byteLength + 4) / 512) * 512);
      padded.writeUInt32BE(image.byteLength, 0);
      padded.set(image, 4);
      const digest = createHash('sha256').update(padded).digest();
      const all = Buffer.concat([padded, digest]);
      log.info({ event: 'snapshot-sent', bytes: all.byteLength, revision: reg.sm.mvcc.revision }, 'snapshot streamed to a client');
      let off = 0;
      const pump = () => {
        while (off < all.byteLength) {
          const chunk = all.subarray(off, off + SNAPSHOT_CHUNK);
          off += chunk.byteLength;
          const more = call.write({ header: reg.header(), remainingBytes: all.byteLength - off, blob: chunk });
          if (!more && off < all.byteLength) {
            call.once('drain', pump);
            return;
          }
        }
        call.end();
      };
      call.on('error', (err) => log.debug({ event: 'snapshot-aborted', err: err.message }, 'snapshot download aborted'));
      pump();
    },

    MoveLeader: unary(log, 'MoveLeader', async (r: MoveLeaderRequest__Output, timeoutMs): Promise<MoveLeaderResponse> => {
      const s = reg.node.status();
      if (s.role !== Role.Leader) throw new EtcdError('not-leader');
      if (!s.voters.includes(r.targetID) || r.targetID === s.id) throw new EtcdError('bad-leader-transferee', r.targetID.toString(16));
      try {
        reg.node.transferLeadership(r.targetID);
      } catch (err) {
        throw toEtcdError(err);
      }
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 10));
        if (reg.node.status().leader === r.targetID) return { header: reg.header() };
      }
      throw new EtcdError('timeout', `leadership did not move to ${r.targetID.toString(16)}`);
    }),

    Downgrade: unary(log, 'Downgrade', async (): Promise<never> => {
      throw new EtcdError('unimplemented', 'Downgrade');
    }),
  };
}

/** A digest of every retained version at or below `rev`, comparable across members. */
function hashKv(mvcc: MvccStore, rev: number): number {
  const h = createHash('sha256');
  const num = Buffer.alloc(8);
  for (const [key, versions] of mvcc.dump()) {
    for (const v of versions) {
      if (v.revision > rev) break;
      h.update(key);
      num.writeDoubleBE(v.revision);
      h.update(num);
      if (v.live) h.update(v.live.value);
    }
  }
  return h.digest().readUInt32BE(0);
}
