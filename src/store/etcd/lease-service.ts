// etcd's Lease service. Grants and revocations go through the log. A keep-alive is served by
// the leader from its own clock (no log entry: keep-alives are the most frequent request of a
// busy cluster); one that reaches a follower is renewed through the log instead, since only
// the leader's countdown decides expiry.
import { randomId52 } from './random-id.ts';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { LeaseGrantRequest__Output } from '../../gen/etcdserverpb/LeaseGrantRequest.ts';
import type { LeaseGrantResponse } from '../../gen/etcdserverpb/LeaseGrantResponse.ts';
import type { LeaseHandlers } from '../../gen/etcdserverpb/Lease.ts';
import type { LeaseKeepAliveRequest__Output } from '../../gen/etcdserverpb/LeaseKeepAliveRequest.ts';
import type { LeaseKeepAliveResponse } from '../../gen/etcdserverpb/LeaseKeepAliveResponse.ts';
import type { LeaseLeasesResponse } from '../../gen/etcdserverpb/LeaseLeasesResponse.ts';
import type { LeaseRevokeRequest__Output } from '../../gen/etcdserverpb/LeaseRevokeRequest.ts';
import type { LeaseRevokeResponse } from '../../gen/etcdserverpb/LeaseRevokeResponse.ts';
import type { LeaseTimeToLiveRequest__Output } from '../../gen/etcdserverpb/LeaseTimeToLiveRequest.ts';
import type { LeaseTimeToLiveResponse } from '../../gen/etcdserverpb/LeaseTimeToLiveResponse.ts';
import type { Registry } from '../registry/registry.ts';
import { EtcdError } from './etcd-errors.ts';
import { timeoutOf, toServiceError, unary } from './handler.ts';

/** etcd's MaxLeaseTTL. */
const MAX_LEASE_TTL = 9_000_000_000;
/** Keep-alives one stream may have waiting on the log at once. */
const MAX_PENDING_RENEWALS = 1000;

export function createLeaseService(reg: Registry, logger: Logger): LeaseHandlers {
  const log = logger.child({ component: 'etcd-lease' });

  async function grant(r: LeaseGrantRequest__Output, timeoutMs: number): Promise<LeaseGrantResponse> {
    if (r.TTL > MAX_LEASE_TTL) throw new EtcdError('lease-ttl-too-large', `TTL ${r.TTL} > ${MAX_LEASE_TTL}`);
    if (r.ID < 0 || !Number.isSafeInteger(r.ID)) throw new EtcdError('lease-not-found', `lease ID ${r.ID} is not a positive integer below 2^53`);
    const ttl = Math.max(r.TTL, reg.minLeaseTtl);
    await reg.checkQuota(0);
    for (let attempt = 0; ; attempt++) {
      const id = r.ID !== 0 ? r.ID : randomId52();
      try {
        const res = await reg.write({ leaseGrant: { ID: id, TTL: ttl } }, timeoutMs);
        return { header: reg.header(res.revision), ID: id, TTL: ttl, error: '' };
      } catch (err) {
        // A random id that collides is simply drawn again; a chosen one is the caller's.
        if (r.ID === 0 && err instanceof EtcdError && err.etcdName === 'lease-exist' && attempt < 5) continue;
        throw err;
      }
    }
  }

  /** TTL left after a renewal, or 0 if the lease does not exist (etcd's answer for that). */
  async function renew(id: number, timeoutMs: number): Promise<number> {
    if (reg.isLeader) {
      // The state must be current before the leader vouches for a lease: a grant or a
      // revocation committed just before this keep-alive must be visible here.
      await reg.linearize(timeoutMs);
      return reg.lessor.renew(id) ?? 0;
    }
    try {
      const res = await reg.write({ leaseRenew: { id } }, timeoutMs);
      return res.lease?.ttl ?? 0;
    } catch (err) {
      if (err instanceof EtcdError && err.etcdName === 'lease-not-found') return 0;
      throw err;
    }
  }

  return {
    LeaseGrant: unary(log, 'LeaseGrant', grant),

    LeaseRevoke: unary(log, 'LeaseRevoke', async (r: LeaseRevokeRequest__Output, timeoutMs): Promise<LeaseRevokeResponse> => {
      const res = await reg.write({ leaseRevoke: { ID: r.ID } }, timeoutMs);
      return { header: reg.header(res.revision) };
    }),

    LeaseKeepAlive(call: ServerDuplexStream<LeaseKeepAliveRequest__Output, LeaseKeepAliveResponse>) {
      let pending = 0;
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        call.end();
      };
      call.on('end', close);
      call.on('cancelled', close);
      call.on('error', close);
      call.on('data', (req: LeaseKeepAliveRequest__Output) => {
        if (closed) return;
        if (pending >= MAX_PENDING_RENEWALS) {
          call.destroy(toServiceError(new EtcdError('too-many-requests', `${pending} keep-alives pending on one stream`), log, 'LeaseKeepAlive'));
          closed = true;
          return;
        }
        pending++;
        renew(req.ID, timeoutOf(call)).then(
          (ttl) => {
            pending--;
            if (!closed) call.write({ header: reg.header(), ID: req.ID, TTL: ttl });
          },
          (err: unknown) => {
            pending--;
            if (closed) return;
            closed = true;
            call.destroy(toServiceError(err, log, 'LeaseKeepAlive'));
          },
        );
      });
    },

    LeaseTimeToLive: unary(log, 'LeaseTimeToLive', async (r: LeaseTimeToLiveRequest__Output, timeoutMs): Promise<LeaseTimeToLiveResponse> => {
      await reg.linearize(timeoutMs);
      const lease = reg.sm.leases.get(r.ID);
      if (!lease) return { header: reg.header(), ID: r.ID, TTL: -1, grantedTTL: 0, keys: [] };
      const keys = r.keys ? [...lease.keys].sort().map((k) => Buffer.from(k, 'latin1')) : [];
      return { header: reg.header(), ID: r.ID, TTL: reg.lessor.remaining(r.ID), grantedTTL: lease.ttl, keys };
    }),

    LeaseLeases: unary(log, 'LeaseLeases', async (_r: unknown, timeoutMs): Promise<LeaseLeasesResponse> => {
      await reg.linearize(timeoutMs);
      return { header: reg.header(), leases: [...reg.sm.leases.keys()].map((ID) => ({ ID })) };
    }),
  };
}
