// Warm sandboxes for the process runtime: network namespaces made and attached to the pod
// network ahead of time (address, veth on the bridge, routes), handed to pods as they come.
//
// Why: a node that takes over a dead node's pods starts them all at once, and a namespace plus
// its veth pair is the dearest part of a pod's start here (three processes and kernel work under
// the RTNL lock, ~27 ms of CPU each, serialized: half a second for fifteen pods under load).
// With a few ready, a pod's sandbox is a rename in the runtime's books; the pool refills in the
// background once the burst is over (REFILL_DELAY_MS after the last take), one at a time.
//
// Names: `<prefix>warm-<8 hex>`; the pod network holds each one's address under the key
// `warm-<8 hex>` until reassigned to the pod's uid. A new runtime (agent restart) removes what
// an earlier one left warm (its namespaces and their addresses) before it fills its own pool.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { CommandRunner } from '../../network/command.ts';
import type { PodNetwork, PodRef } from '../runtime.ts';

export const WARM_KEY_PREFIX = 'warm-';
/** A burst of pod starts has ended when nothing was taken for this long: then refill. */
const REFILL_DELAY_MS = 1000;

export interface WarmSandbox {
  key: string;
  netns: string;
  ip: string;
}

export class WarmSandboxes {
  private readonly ready: WarmSandbox[] = [];
  private filling = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private started: Promise<void> | undefined;

  constructor(
    private readonly o: { size: number; prefix: string; network: PodNetwork & Required<Pick<PodNetwork, 'reassign'>>; cmd: CommandRunner; log: Logger },
  ) {}

  get count(): number {
    return this.ready.length;
  }

  /** Removes what an earlier runtime left warm, then fills the pool. */
  start(): Promise<void> {
    this.started ??= this.cleanStale().then(() => this.fill());
    return this.started;
  }

  /** A warm sandbox handed to `pod` (its address is the pod's from now on), or undefined. */
  async take(pod: PodRef): Promise<WarmSandbox | undefined> {
    const w = this.ready.shift();
    this.scheduleRefill();
    if (!w) return undefined;
    try {
      await this.o.network.reassign(w.key, pod);
    } catch (err) {
      this.o.log.warn({ event: 'warm-sandbox-failed', netns: w.netns, err: (err as Error).message }, 'warm sandbox not handed over; dropping it');
      await this.discard(w);
      return undefined;
    }
    return w;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Stops refilling and removes every warm sandbox (a node taken down for good). */
  async drain(): Promise<void> {
    this.close();
    await this.started?.catch(() => undefined);
    for (const w of this.ready.splice(0)) await this.discard(w);
  }

  private scheduleRefill(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fill(), REFILL_DELAY_MS);
    this.timer.unref();
  }

  private async fill(): Promise<void> {
    if (this.filling) return;
    this.filling = true;
    try {
      while (!this.closed && this.ready.length < this.o.size) {
        const key = WARM_KEY_PREFIX + randomBytes(4).toString('hex');
        const w: WarmSandbox = { key, netns: `${this.o.prefix}${key}`, ip: '' };
        try {
          w.ip = await this.o.network.attach({ uid: key, namespace: '', name: key }, `/var/run/netns/${w.netns}`);
        } catch (err) {
          this.o.log.warn({ event: 'warm-sandbox-failed', netns: w.netns, err: (err as Error).message }, 'could not make a warm sandbox; trying again later');
          await this.discard(w);
          this.scheduleRefill();
          return;
        }
        if (this.closed) {
          await this.discard(w);
          return;
        }
        this.ready.push(w);
      }
    } finally {
      this.filling = false;
    }
  }

  private async discard(w: WarmSandbox): Promise<void> {
    await this.o.network.detach({ uid: w.key, namespace: '', name: w.key }).catch(() => undefined);
    await this.o.cmd.run(['ip', 'netns', 'delete', w.netns], { tolerate: /No such file|not exist/ }).catch(() => undefined);
  }

  private async cleanStale(): Promise<void> {
    const keys = new Set([...this.o.network.allocations().keys()].filter((k) => k.startsWith(WARM_KEY_PREFIX)));
    const listed = await this.o.cmd.run(['ip', 'netns', 'list']).catch(() => undefined);
    for (const line of listed?.stdout.split('\n') ?? []) {
      const name = line.split(' ')[0];
      if (name?.startsWith(this.o.prefix + WARM_KEY_PREFIX)) keys.add(name.slice(this.o.prefix.length));
    }
    for (const key of keys) await this.discard({ key, netns: `${this.o.prefix}${key}`, ip: '' });
    if (keys.size) this.o.log.info({ event: 'warm-sandboxes-cleaned', count: keys.size }, 'removed warm sandboxes an earlier agent left');
  }
}
