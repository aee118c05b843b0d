// RaftControl handlers: one member's Raft status, raw proposals, leadership transfer.
import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Empty, Empty__Output } from '../gen/shoal/control/Empty.ts';
import type { Member } from '../gen/shoal/control/Member.ts';
import type { ProposeRequest__Output } from '../gen/shoal/control/ProposeRequest.ts';
import type { ProposeResponse } from '../gen/shoal/control/ProposeResponse.ts';
import type { RaftControlHandlers } from '../gen/shoal/control/RaftControl.ts';
import type { StatusRequest__Output } from '../gen/shoal/control/StatusRequest.ts';
import type { StatusResponse } from '../gen/shoal/control/StatusResponse.ts';
import type { TransferRequest__Output } from '../gen/shoal/control/TransferRequest.ts';
import type { NodeId } from '../raft/core/types.ts';
import { Role } from '../raft/core/types.ts';
import type { DigestStateMachine } from '../raft/node/digest-state-machine.ts';
import type { RaftNode } from '../raft/node/raft-node.ts';
import type { ClusterMember } from './config.ts';
import { ControlError, toControlError } from './grpc-errors.ts';
import { formatId } from './member-id.ts';
import { timeoutOf } from '../store/etcd/handler.ts';

export interface ControlServiceDeps {
  node: RaftNode;
  /** The applied-entries hash chain (equal on members that applied the same entries). */
  digest: DigestStateMachine;
  name: string;
  clusterId: number;
  /** Names for ids: Raft itself knows members only by id and address. */
  initialCluster: ClusterMember[];
  tickMs: number;
  electionTick: number;
  logger: Logger;
}

export function createControlService(d: ControlServiceDeps): RaftControlHandlers {
  const log = d.logger.child({ component: 'control-service' });
  const nameOf = (id: NodeId) => d.initialCluster.find((m) => m.id === id)?.name ?? '';

  const fail = (what: string, err: unknown, callback: (e: ControlError) => void) => {
    const e = toControlError(err);
    // Refusals are part of normal operation (elections); only surprises deserve a warning.
    const level = e.code === status.INTERNAL ? 'warn' : 'debug';
    log[level]({ event: 'control-call-failed', call: what, code: status[e.code], err: e.message }, 'control call failed');
    callback(e);
  };

  return {
    Status(_call: ServerUnaryCall<StatusRequest__Output, StatusResponse>, callback: sendUnaryData<StatusResponse>) {
      try {
        const s = d.node.status();
        const sm = d.digest.state();
        callback(null, {
          id: s.id,
          name: d.name,
          role: s.role,
          term: s.term,
          leaderId: s.leader,
          commit: s.commit,
          applied: s.applied,
          lastIndex: s.lastIndex,
          voters: s.voters,
          learners: s.learners,
          members: members(s.voters, s.learners, s.members, d.initialCluster),
          clusterId: d.clusterId,
          smAppliedCount: sm.count,
          smDigest: sm.digest,
        });
      } catch (err) {
        fail('Status', err, callback);
      }
    },

    Propose(call: ServerUnaryCall<ProposeRequest__Output, ProposeResponse>, callback: sendUnaryData<ProposeResponse>) {
      d.node.propose(call.request.data, timeoutOf(call)).then(
        ({ index }) => callback(null, { index }),
        (err: unknown) => fail('Propose', err, callback),
      );
    },

    TransferLeadership(call: ServerUnaryCall<TransferRequest__Output, Empty>, callback: sendUnaryData<Empty__Output>) {
      const target = call.request.targetId;
      transfer(target, timeoutOf(call)).then(
        () => callback(null, {}),
        (err: unknown) => fail('TransferLeadership', err, callback),
      );
    },
  };

  async function transfer(target: NodeId, timeoutMs: number): Promise<void> {
    if (!target) throw new ControlError(status.INVALID_ARGUMENT, 'target_id is required');
    const before = d.node.status();
    if (before.leader === target) return;
    if (!before.voters.includes(target)) {
      throw new ControlError(status.INVALID_ARGUMENT, `target ${formatId(target)} is not a voting member`);
    }
    if (before.role !== Role.Leader) {
      const leader = before.leader ? `${nameOf(before.leader) || '?'} (${formatId(before.leader)})` : 'unknown';
      throw new ControlError(status.FAILED_PRECONDITION, `not the leader; ask the leader, ${leader}`);
    }
    d.node.transferLeadership(target);
    log.info({ event: 'leadership-transfer', target, targetName: nameOf(target) }, 'leadership transfer requested');
    // The core gives up after one election timeout; wait a little longer than that so that
    // the answer says how it ended rather than "started".
    const limit = Math.min(timeoutMs, d.electionTick * d.tickMs * 2 + 500);
    const deadline = Date.now() + limit;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, d.tickMs));
      if (d.node.status().leader === target) return;
    }
    throw new ControlError(status.DEADLINE_EXCEEDED, `leadership did not move to ${formatId(target)} within ${limit} ms`);
  }
}

function members(voters: NodeId[], learners: NodeId[], known: { id: NodeId; address: string }[], initial: ClusterMember[]): Member[] {
  const ids = [...new Set([...voters, ...learners, ...known.map((m) => m.id)])].sort((a, b) => a - b);
  return ids.map((id) => {
    const fromFlags = initial.find((m) => m.id === id);
    const address = known.find((m) => m.id === id)?.address;
    return { id, name: fromFlags?.name ?? '', peerUrl: address ? `http://${address}` : (fromFlags?.peerUrl ?? '') };
  });
}
