// One member's registry: the state machine, its watchers and lease clock, and the way requests
// reach them (writes through the Raft log, linearizable reads through ReadIndex). The etcd
// services are thin shells over this; so will be the shoal API's client interface.
import type { Logger } from 'pino';
import type { ResponseHeader } from '../../gen/etcdserverpb/ResponseHeader.ts';
import { RaftNodeError } from '../../raft/node/errors.ts';
import type { RaftNode } from '../../raft/node/raft-node.ts';
import { EtcdError } from '../etcd/etcd-errors.ts';
import { WatchHub } from '../watch/watch-hub.ts';
import { encodeCommand, type CommandInput } from './command-codec.ts';
import { Lessor } from './lessor.ts';
import type { ApplyResult, RegistryStateMachine } from './registry-state-machine.ts';

export interface RegistryLimits {
  /** etcd's --max-request-bytes (1.5 MiB). */
  maxRequestBytes: number;
  /** etcd's --max-txn-ops (128). */
  maxTxnOps: number;
  /** etcd's --quota-backend-bytes (2 GiB); 0 = the default. */
  quotaBackendBytes: number;
}

export const DEFAULT_LIMITS: RegistryLimits = { maxRequestBytes: 1.5 * 1024 * 1024, maxTxnOps: 128, quotaBackendBytes: 2 * 1024 ** 3 };

export interface RegistryOptions {
  node: RaftNode;
  stateMachine: RegistryStateMachine;
  memberId: number;
  clusterId: number;
  name: string;
  clientUrls: string[];
  limits: RegistryLimits;
  /** Milliseconds per Raft tick and ticks per election: the lease minimum TTL follows. */
  tickMs: number;
  electionTick: number;
  logger: Logger;
  /**
   * Testing only (`shoal master --unsafe-break=stale-reads`): linearize() returns at once, so
   * "linearizable" reads answer from whatever this member has applied. Exists so the chaos
   * harness can show that its linearizability checker catches a store that cheats.
   */
  unsafeStaleReads?: boolean;
}

const DEFAULT_TIMEOUT_MS = 5000;
/** Lease expiries proposed per log entry (etcd revokes at most ~1000/s too). */
const MAX_EXPIRIES_PER_ENTRY = 500;
const LEASE_CHECK_MS = 100;

export class Registry {
  readonly node: RaftNode;
  readonly sm: RegistryStateMachine;
  readonly hub: WatchHub;
  readonly lessor: Lessor;
  readonly memberId: number;
  readonly clusterId: number;
  readonly limits: RegistryLimits;
  /** Lease TTLs below this are raised to it (etcd: 1.5 election timeouts, in whole seconds). */
  readonly minLeaseTtl: number;
  private readonly log: Logger;
  private readonly timers: NodeJS.Timeout[] = [];
  private expiring = false;
  private stopped = false;

  constructor(private readonly opts: RegistryOptions) {
    this.node = opts.node;
    this.sm = opts.stateMachine;
    this.memberId = opts.memberId;
    this.clusterId = opts.clusterId;
    this.limits = opts.limits;
    this.log = opts.logger.child({ component: 'registry' });
    this.hub = new WatchHub(this.sm.mvcc);
    this.lessor = new Lessor(() => this.sm.leases.values());
    this.minLeaseTtl = Math.ceil((1.5 * opts.electionTick * opts.tickMs) / 1000);
    this.sm.listen(this.hub);
    this.sm.listen(this.lessor);
    this.lessor.promote();
  }

  /** Starts the leader's duties (lease expiry) and publishes this member's client URLs. */
  start(): void {
    this.node.onLeaderChange((leader) => {
      if (leader === this.node.id) {
        this.lessor.promote();
        this.log.info({ event: 'lessor-promoted', leases: this.sm.leases.size }, 'leader: lease countdowns restarted');
      }
    });
    this.timers.push(setInterval(() => void this.expireLeases(), LEASE_CHECK_MS));
    void this.publishAttributes();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
  }

  get isLeader(): boolean {
    return this.node.isLeader;
  }

  header(revision = this.sm.mvcc.revision): ResponseHeader {
    return { clusterId: this.clusterId, memberId: this.memberId, revision, raftTerm: this.node.term };
  }

  /** Puts a command through the log; resolves with what applying it here returned. */
  async write(cmd: CommandInput, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ApplyResult & { error?: undefined }> {
    const data = encodeCommand(cmd);
    if (data.byteLength > this.limits.maxRequestBytes) {
      throw new EtcdError('request-too-large', `${data.byteLength} bytes > --max-request-bytes ${this.limits.maxRequestBytes}`);
    }
    let res: ApplyResult;
    try {
      res = (await this.node.propose(data, timeoutMs)).result as ApplyResult;
    } catch (err) {
      throw toEtcdError(err);
    }
    if (res.error) throw new EtcdError(res.error);
    return res;
  }

  /** Waits until this member has applied everything committed before the call. */
  async linearize(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    if (this.opts.unsafeStaleReads) return;
    try {
      await this.node.readIndex(timeoutMs);
    } catch (err) {
      throw toEtcdError(err);
    }
  }

  /** The backend quota: refuse (and raise the NOSPACE alarm) once the store outgrows it. */
  async checkQuota(extraBytes: number): Promise<void> {
    if (this.sm.noSpace) throw new EtcdError('no-space');
    const quota = this.limits.quotaBackendBytes > 0 ? this.limits.quotaBackendBytes : DEFAULT_LIMITS.quotaBackendBytes;
    if (this.sm.mvcc.sizeBytes + extraBytes <= quota) return;
    this.log.warn({ event: 'quota-exceeded', sizeBytes: this.sm.mvcc.sizeBytes, quota }, 'backend quota exceeded: raising NOSPACE alarm');
    await this.write({ alarm: { action: 1, memberID: this.memberId, alarm: 1 } }).catch(() => undefined);
    throw new EtcdError('no-space', `store holds ${this.sm.mvcc.sizeBytes} bytes; quota ${quota}`);
  }

  private async expireLeases(): Promise<void> {
    if (this.expiring || this.stopped || !this.isLeader) return;
    const expired = this.lessor.expired(MAX_EXPIRIES_PER_ENTRY);
    if (expired.length === 0) return;
    this.expiring = true;
    try {
      await this.write({ leaseExpired: { leases: expired } });
      this.log.info({ event: 'leases-expired', ids: expired.map((e) => e.id.toString(16)) }, 'leases expired');
    } catch (err) {
      this.log.debug({ event: 'lease-expiry-deferred', err: (err as Error).message }, 'lease expiry not committed; will retry');
    } finally {
      this.expiring = false;
    }
  }

  /** Retries until the log carries this member's name and client URLs. */
  private async publishAttributes(): Promise<void> {
    const o = this.opts;
    while (!this.stopped) {
      const known = this.sm.members.get(o.memberId);
      if (known && known.name === o.name && known.clientUrls.join(',') === o.clientUrls.join(',')) return;
      try {
        await this.write({ memberAttributes: { memberId: o.memberId, name: o.name, clientUrls: o.clientUrls } }, 2000);
        this.log.info({ event: 'member-published', clientUrls: o.clientUrls }, 'member attributes published');
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
}

export function toEtcdError(err: unknown): Error {
  if (err instanceof EtcdError) return err;
  if (err instanceof RaftNodeError) {
    switch (err.code) {
      case 'no-leader':
      case 'not-leader':
      case 'transfer-in-progress':
        return new EtcdError('no-leader', err.message);
      case 'timeout':
        return new EtcdError('timeout', err.message);
      case 'leader-changed':
        return new EtcdError('leader-changed', err.message);
      case 'stopped':
      case 'failed':
        return new EtcdError('stopped', err.message);
      case 'too-many-uncommitted':
      case 'too-many-reads':
        return new EtcdError('too-many-requests', err.message);
      default:
        return new EtcdError('timeout', err.message);
    }
  }
  return err as Error;
}
