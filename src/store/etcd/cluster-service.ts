// etcd's Cluster service over Raft membership. Raft knows members by id and peer address;
// names and client URLs come from what each member published through the log, else from the
// founding flags.
import type { Logger } from 'pino';
import type { ClusterHandlers } from '../../gen/etcdserverpb/Cluster.ts';
import type { Member } from '../../gen/etcdserverpb/Member.ts';
import type { MemberAddRequest__Output } from '../../gen/etcdserverpb/MemberAddRequest.ts';
import type { MemberAddResponse } from '../../gen/etcdserverpb/MemberAddResponse.ts';
import type { MemberListResponse } from '../../gen/etcdserverpb/MemberListResponse.ts';
import type { MemberPromoteRequest__Output } from '../../gen/etcdserverpb/MemberPromoteRequest.ts';
import type { MemberPromoteResponse } from '../../gen/etcdserverpb/MemberPromoteResponse.ts';
import type { MemberRemoveRequest__Output } from '../../gen/etcdserverpb/MemberRemoveRequest.ts';
import type { MemberRemoveResponse } from '../../gen/etcdserverpb/MemberRemoveResponse.ts';
import type { Registry } from '../registry/registry.ts';
import { EtcdError } from './etcd-errors.ts';
import { unary } from './handler.ts';
import { toEtcdError } from '../registry/registry.ts';

export interface ClusterServiceDeps {
  reg: Registry;
  /** Names of the founding members, by id, until they publish their own. */
  foundingNames: Map<number, string>;
  /** "http://host:port" -> its dial address and the member id a master advertising it derives; throws on anything else. */
  peerMember: (url: string) => { address: string; id: number };
  logger: Logger;
}


export function createClusterService(d: ClusterServiceDeps): ClusterHandlers {
  const { reg } = d;
  const log = d.logger.child({ component: 'etcd-cluster' });

  const members = (): Member[] => {
    const s = reg.node.status();
    const ids = [...s.voters, ...s.learners].sort((a, b) => a - b);
    return ids.map((id) => {
      const published = reg.sm.members.get(id);
      const address = s.members.find((m) => m.id === id)?.address;
      return {
        ID: id,
        name: published?.name ?? d.foundingNames.get(id) ?? '',
        peerURLs: address ? [`http://${address}`] : [],
        clientURLs: published?.clientUrls ?? [],
        isLearner: s.learners.includes(id),
      };
    });
  };

  const change = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      throw toEtcdError(err);
    }
  };

  return {
    MemberList: unary(log, 'MemberList', async (r: { linearizable: boolean }, timeoutMs): Promise<MemberListResponse> => {
      if (r.linearizable) await reg.linearize(timeoutMs);
      return { header: reg.header(), members: members() };
    }),

    MemberAdd: unary(log, 'MemberAdd', async (r: MemberAddRequest__Output): Promise<MemberAddResponse> => {
      if (r.peerURLs.length !== 1) throw new EtcdError('member-bad-urls', `shoal members have exactly one peer URL; got ${r.peerURLs.length}`);
      let address: string;
      let id: number;
      try {
        ({ address, id } = d.peerMember(r.peerURLs[0]));
      } catch (err) {
        throw new EtcdError('member-bad-urls', (err as Error).message);
      }
      const s = reg.node.status();
      if (s.members.some((m) => m.address === address)) throw new EtcdError('peer-url-exist', address);
      if (s.voters.includes(id) || s.learners.includes(id)) throw new EtcdError('member-exist', id.toString(16));
      await change(() => reg.node.addMember(id, address, r.isLearner));
      log.info({ event: 'member-added', id: id.toString(16), address, learner: r.isLearner }, 'member added');
      return { header: reg.header(), member: { ID: id, name: '', peerURLs: [`http://${address}`], clientURLs: [], isLearner: r.isLearner }, members: members() };
    }),

    MemberRemove: unary(log, 'MemberRemove', async (r: MemberRemoveRequest__Output): Promise<MemberRemoveResponse> => {
      const s = reg.node.status();
      if (!s.voters.includes(r.ID) && !s.learners.includes(r.ID)) throw new EtcdError('member-not-found', r.ID.toString(16));
      await change(() => reg.node.removeMember(r.ID));
      log.info({ event: 'member-removed', id: r.ID.toString(16) }, 'member removed');
      return { header: reg.header(), members: members() };
    }),

    MemberPromote: unary(log, 'MemberPromote', async (r: MemberPromoteRequest__Output): Promise<MemberPromoteResponse> => {
      const s = reg.node.status();
      if (s.voters.includes(r.ID)) throw new EtcdError('member-not-learner', r.ID.toString(16));
      if (!s.learners.includes(r.ID)) throw new EtcdError('member-not-found', r.ID.toString(16));
      const address = s.members.find((m) => m.id === r.ID)?.address ?? '';
      await change(() => reg.node.addMember(r.ID, address, false));
      log.info({ event: 'member-promoted', id: r.ID.toString(16) }, 'learner promoted');
      return { header: reg.header(), members: members() };
    }),

    MemberUpdate: unary(log, 'MemberUpdate', async (): Promise<never> => {
      throw new EtcdError('unimplemented', 'MemberUpdate: changing a member peer URL is not supported; remove and re-add it');
    }),
  };
}
