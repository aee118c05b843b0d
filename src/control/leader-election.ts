// Leader election over a Lease object (coordination.k8s.io/v1), as Kubernetes components do,
// plus fencing: on winning, the holder bumps an epoch key in the same compare-and-swap family
// as its lease, and every write it makes while leading carries "epoch unchanged" as a
// condition (resource-api's Fence). A holder that was deposed while paused or partitioned can
// believe it leads for a moment; its writes fail all the same, so two never both act.
import type { Logger } from 'pino';
import type { KvClient } from '../store/client/kv-client.ts';
import { microTimestamp } from './api/codec.ts';
import { objectKey, findKind } from './api/kinds.ts';
import { isAlreadyExists, isNotFound, type Fence, type Obj, type ResourceClient } from './client/resource-client.ts';

export interface ElectorOptions {
  client: ResourceClient;
  kv: KvClient;
  namespace: string;
  name: string;
  identity: string;
  /** How long a lease lasts without renewal before another may take it (default 2 s). */
  leaseDurationMs?: number;
  /** A holder that could not renew for this long stops acting (default 3/4 of the lease). */
  renewDeadlineMs?: number;
  /** How often to try to acquire or renew (default 1/8 of the lease). */
  retryPeriodMs?: number;
  logger: Logger;
  now?: () => number;
}

export interface LeadershipCallbacks {
  /** Leading from now on; every write must carry `fence`. */
  started(fence: Fence): void;
  /** Not leading any more (lost, or stopping). */
  stopped(): void;
}

export const EPOCH_PREFIX = '/shoal/leader-epochs/';

export class LeaderElector {
  private readonly leaseMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryMs: number;
  private readonly now: () => number;
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private leading = false;
  private currentFence?: Fence;
  /** When the renewal that last succeeded was sent. */
  private renewedAt = 0;
  /** Fires at renewedAt + renewDeadline: leadership ends then even if a renewal is still waiting on I/O. */
  private deadlineTimer?: NodeJS.Timeout;
  /** The other holder's record as last seen, and when it was first seen so. */
  private observed = '';
  private observedAt = 0;
  private readonly epochKey: string;

  constructor(
    private readonly opts: ElectorOptions,
    private readonly callbacks: LeadershipCallbacks,
  ) {
    this.leaseMs = opts.leaseDurationMs ?? 2000;
    this.renewDeadlineMs = opts.renewDeadlineMs ?? Math.floor((this.leaseMs * 3) / 4);
    this.retryMs = opts.retryPeriodMs ?? Math.max(50, Math.floor(this.leaseMs / 8));
    this.now = opts.now ?? Date.now;
    this.log = opts.logger.child({ component: 'leader-election', lease: `${opts.namespace}/${opts.name}`, identity: opts.identity });
    this.epochKey = `${EPOCH_PREFIX}${opts.namespace}/${opts.name}`;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  get fence(): Fence | undefined {
    return this.leading ? this.currentFence : undefined;
  }

  start(): void {
    const loop = async () => {
      if (this.stopping) return;
      await this.tick().catch((err) => this.log.debug({ event: 'election-error', err: (err as Error).message }, 'lease attempt failed'));
      if (!this.stopping) this.timer = setTimeout(loop, this.retryMs);
    };
    void loop();
  }

  /** Stops at once without handing the lease back, as a process that dies (for tests). */
  crash(): void {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
  }

  /**
   * Stops; the holder hands the lease back so a standby takes over at once (also one whose renew
   * deadline just passed: the record may still name it).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    const held = this.leading || this.renewedAt > 0;
    this.lose('stopping');
    if (!held) return;
    try {
      const lease = await this.opts.client.get('leases', this.opts.namespace, this.opts.name);
      if (lease.spec?.holderIdentity === this.opts.identity) {
        lease.spec = { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTimestamp(0) };
        await this.opts.client.update('leases', this.opts.namespace, lease);
      }
    } catch {
      /* the lease lapses by itself */
    }
  }

  private async tick(): Promise<void> {
    const o = this.opts;
    const sentAt = this.now();
    if (this.leading && sentAt - this.renewedAt > this.renewDeadlineMs) this.lose('renew deadline passed');
    let lease: Obj | undefined;
    try {
      lease = await o.client.get('leases', o.namespace, o.name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const seconds = Math.max(1, Math.ceil(this.leaseMs / 1000));
    if (!lease) {
      try {
        const created = await o.client.create('leases', o.namespace, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: o.name, namespace: o.namespace },
          spec: { holderIdentity: o.identity, leaseDurationSeconds: seconds, acquireTime: microTimestamp(sentAt), renewTime: microTimestamp(sentAt), leaseTransitions: 0 },
        });
        await this.won(created, sentAt);
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
      return;
    }
    const holder: string = lease.spec?.holderIdentity ?? '';
    const record = `${holder}|${lease.spec?.renewTime ?? ''}`;
    if (holder !== o.identity) {
      if (this.leading) this.lose(`lease taken by ${holder || 'nobody'}`);
      if (record !== this.observed) {
        this.observed = record;
        // When the answer arrived, not when the tick began: a read that waited (this master was
        // catching up, or cut off) may bring a record written long after the tick's start, and
        // dating it back would end the holder's lease early (found by the chaos harness: a
        // takeover 580 ms before renewTime + duration).
        this.observedAt = this.now();
      }
      // Judged by when this member saw the record change, not by the holder's clock; a lease
      // given back (no holder) may be taken at once. The whole duration, as the Lease promises
      // its holder (the chaos harness checks that no takeover comes before renewTime + duration).
      const expired = holder === '' || sentAt - this.observedAt >= this.leaseMs;
      if (!expired) return;
    }
    const next = structuredClone(lease);
    next.spec = {
      ...next.spec,
      holderIdentity: o.identity,
      leaseDurationSeconds: seconds,
      renewTime: microTimestamp(sentAt),
      ...(holder !== o.identity ? { acquireTime: microTimestamp(sentAt), leaseTransitions: (lease.spec?.leaseTransitions ?? 0) + 1 } : {}),
    };
    try {
      const updated = await o.client.update('leases', o.namespace, next);
      if (holder !== o.identity || !this.leading) await this.won(updated, sentAt);
      else this.renewed(sentAt);
    } catch (err) {
      this.log.debug({ event: 'lease-update-failed', err: (err as Error).message }, 'lease not renewed');
    }
  }

  /** The lease is ours: bump the epoch, guarded by the lease being exactly what we wrote. */
  private async won(lease: Obj, sentAt: number): Promise<void> {
    const spec = findKind('leases')!;
    const leaseKey = objectKey(spec, this.opts.namespace, this.opts.name);
    const res = await this.opts.kv.txn({
      compare: [{ key: leaseKey, target: 'mod', op: '=', value: Number(lease.metadata.resourceVersion) }],
      success: [{ put: { key: this.epochKey, value: Buffer.from(`${this.opts.identity} ${lease.spec.leaseTransitions ?? 0}`) } }],
      failure: [],
    });
    if (!res.succeeded) return; // someone renewed or took it meanwhile: try again next tick
    this.currentFence = { key: this.epochKey, modRevision: res.revision };
    this.leading = true;
    this.renewed(sentAt);
    this.log.info({ event: 'leadership-acquired', transitions: lease.spec.leaseTransitions, epoch: res.revision }, 'became leader');
    this.callbacks.started(this.currentFence);
  }

  /**
   * A renewal sent at `sentAt` succeeded. The deadline is a timer of its own, not a check at the
   * next tick: a tick waits on its lease read and write, and against a master that cannot
   * commit (cut off, in a minority) those hang past the deadline, while a standby, counting the
   * whole lease from when it saw this renewal, takes over (found by the chaos harness: two
   * holders acting for 215 ms).
   */
  private renewed(sentAt: number): void {
    this.renewedAt = sentAt;
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(() => this.lose('renew deadline passed'), Math.max(0, sentAt + this.renewDeadlineMs - this.now()));
    this.deadlineTimer.unref?.();
  }

  private lose(why: string): void {
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
    if (!this.leading) return;
    this.leading = false;
    this.currentFence = undefined;
    this.log.warn({ event: 'leadership-lost', why }, 'stopped leading');
    this.callbacks.stopped();
  }
}
