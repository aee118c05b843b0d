// The service proxy's loop (one per agent): Services and Endpoints come from informers; every
// event marks its service dirty; one sync at a time recomputes only the dirty services' rules
// and hands the difference to the kernel backend, so an endpoint change is in the kernel
// milliseconds after its watch event, and the work per update is O(changes).
//
// Level-triggered where it matters: the first sync (and any sync after a failed update)
// rebuilds everything from the informers' caches with backend.syncAll, which also removes our
// rules for services deleted while the proxy was down. It waits for both informers to have
// listed once: a proxy that restarts must not wipe the rules of services it has not heard of
// yet (established connections live on in conntrack either way; new ones must keep working).
import type { Logger } from 'pino';
import type { Obj } from '../../control/client/resource-client.ts';
import type { InformerHandlers } from '../../control/informer/informer.ts';
import { CommandRunner } from '../network/command.ts';
import type { ProxyBackend } from './proxy-backend.ts';
import { diffRules, isEmptyChange, rulesForService, type RuleChanges, type ServicePortRule } from './service-rules.ts';
import { staleUdpFlows, UdpConntrackCleaner } from './udp-conntrack.ts';

/** What the proxy needs of an informer. */
export interface ObjectSource {
  get(namespace: string, name: string): Obj | undefined;
  list(): Obj[];
  on(h: InformerHandlers): () => void;
  waitForSync(): Promise<void>;
}

export interface ServiceProxyOptions {
  backend: ProxyBackend;
  /** Backends of other modes whose leftovers are removed at start (best effort). */
  replaces?: ProxyBackend[];
  services: ObjectSource;
  endpoints: ObjectSource;
  /** This node's name (externalTrafficPolicy Local picks its endpoints). */
  nodeName: string;
  /** The service range: the node routes it to `routeDev`, so host traffic to a virtual IP reaches the NAT rules. */
  serviceCidr: string;
  routeDev?: string;
  /** Network namespace (path) of the node, when not the process's own (tests, harnesses). */
  netns?: string;
  logger: Logger;
  /** After each kernel update: how long it took and what it covered (benchmarks, tests). */
  onSynced?(s: SyncInfo): void;
}

export interface SyncInfo {
  full: boolean;
  servicePorts: number;
  changes: number;
  ms: number;
}

/** Routing protocol number of the service-range route (pod-network.ts uses 83 for peer routes). */
export const SERVICE_ROUTE_PROTOCOL = 84;
const RETRY_MS = 1000;
/** A full rebuild that keeps failing (a kernel too slow for the table, say) is retried less and less often. */
const RETRY_MAX_MS = 30_000;

const keyOfObj = (o: Obj): string => `${o.metadata.namespace}/${o.metadata.name}`;

export class ServiceProxy {
  private readonly log: Logger;
  private readonly conntrack: UdpConntrackCleaner;
  /** Rules the kernel holds now, by rule id. */
  private applied = new Map<string, ServicePortRule>();
  /** Rule ids per service (namespace/name) as last applied. */
  private readonly idsByService = new Map<string, string[]>();
  private readonly dirty = new Set<string>();
  private needFull = true;
  private started = false;
  private running = false;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private retryDelayMs = RETRY_MS;
  private readonly unsubscribe: (() => void)[] = [];
  private syncedWaiters: (() => void)[] = [];

  constructor(private readonly o: ServiceProxyOptions) {
    this.log = o.logger.child({ component: 'service-proxy', mode: o.backend.mode });
    this.conntrack = new UdpConntrackCleaner(this.log, o.netns);
  }

  get mode(): string {
    return this.o.backend.mode;
  }

  /** Number of service ports programmed now. */
  get size(): number {
    return this.applied.size;
  }

  async start(): Promise<void> {
    const mark = (o: Obj) => {
      this.dirty.add(keyOfObj(o));
      this.kick();
    };
    const h: InformerHandlers = { add: mark, update: (_old, o) => mark(o), delete: mark };
    this.unsubscribe.push(this.o.services.on(h), this.o.endpoints.on(h));
    await Promise.all([this.o.services.waitForSync(), this.o.endpoints.waitForSync()]);
    if (this.o.routeDev) await this.ensureRoute();
    for (const other of this.o.replaces ?? []) {
      await other.cleanup().catch((err) => this.log.warn({ event: 'proxy-cleanup-failed', other: other.mode, err: (err as Error).message }, 'could not remove the other proxy mode\'s rules'));
    }
    this.started = true;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    for (const u of this.unsubscribe) u();
  }

  /** Resolves once the kernel reflects every event seen so far. */
  whenSynced(): Promise<void> {
    if (this.started && !this.running && !this.needFull && this.dirty.size === 0) return Promise.resolve();
    return new Promise((r) => this.syncedWaiters.push(r));
  }

  /** Removes everything the proxy wrote (rules and the service-range route). */
  async cleanup(): Promise<void> {
    await this.o.backend.cleanup();
    if (this.o.routeDev) {
      await new CommandRunner(this.log).run(['ip', 'route', 'del', this.o.serviceCidr, 'proto', String(SERVICE_ROUTE_PROTOCOL)], { netns: this.o.netns, tolerate: /No such process|not found/i });
    }
  }

  private async ensureRoute(): Promise<void> {
    await new CommandRunner(this.log).run(['ip', 'route', 'replace', this.o.serviceCidr, 'dev', this.o.routeDev!, 'proto', String(SERVICE_ROUTE_PROTOCOL)], { netns: this.o.netns });
  }

  private kick(): void {
    if (!this.started || this.running || this.stopped || this.retry) return;
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (this.needFull || this.dirty.size > 0)) {
        const t0 = performance.now();
        if (this.needFull) {
          this.dirty.clear();
          const all = this.computeAll();
          await this.o.backend.syncAll(all.rules);
          this.applied = all.rules;
          this.idsByService.clear();
          for (const [k, ids] of all.ids) this.idsByService.set(k, ids);
          this.needFull = false;
          this.report(true, all.rules.size, t0);
          continue;
        }
        const keys = [...this.dirty];
        this.dirty.clear();
        const { changes, perKey } = this.computeChanges(keys);
        if (!isEmptyChange(changes)) await this.o.backend.apply(changes);
        this.commit(perKey);
        // Only once the new rules are in: a datagram after the flush must meet them.
        const stale = staleUdpFlows(changes);
        if (stale.length > 0) await this.conntrack.clean(stale);
        if (!isEmptyChange(changes)) this.report(false, changes.added.length + changes.removed.length + changes.changed.length, t0);
      }
      this.retryDelayMs = RETRY_MS;
    } catch (err) {
      this.needFull = true;
      this.log.error({ event: 'proxy-sync-failed', err: (err as Error).message, retryInMs: this.retryDelayMs }, 'kernel update failed; rebuilding all rules shortly');
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.kick();
      }, this.retryDelayMs);
      this.retryDelayMs = Math.min(RETRY_MAX_MS, this.retryDelayMs * 2);
    } finally {
      this.running = false;
    }
    if (!this.needFull && this.dirty.size === 0) {
      const w = this.syncedWaiters;
      this.syncedWaiters = [];
      for (const r of w) r();
    }
  }

  private report(full: boolean, changes: number, t0: number): void {
    const ms = performance.now() - t0;
    this.log.debug({ event: 'proxy-synced', full, changes, servicePorts: this.applied.size, ms: Math.round(ms * 10) / 10 }, 'kernel rules updated');
    this.o.onSynced?.({ full, servicePorts: this.applied.size, changes, ms });
  }

  private rulesOf(key: string): ServicePortRule[] {
    const i = key.indexOf('/');
    const ns = key.slice(0, i);
    const name = key.slice(i + 1);
    const svc = this.o.services.get(ns, name);
    return svc ? rulesForService(svc, this.o.endpoints.get(ns, name), this.o.nodeName) : [];
  }

  private computeAll(): { rules: Map<string, ServicePortRule>; ids: Map<string, string[]> } {
    const rules = new Map<string, ServicePortRule>();
    const ids = new Map<string, string[]>();
    for (const svc of this.o.services.list()) {
      const key = keyOfObj(svc);
      const rs = this.rulesOf(key);
      if (rs.length === 0) continue;
      ids.set(key, rs.map((r) => r.id));
      for (const r of rs) rules.set(r.id, r);
    }
    return { rules, ids };
  }

  /** The difference for the dirty services only (no copy of the whole rule set: O(changes)). */
  private computeChanges(keys: string[]): { changes: RuleChanges; perKey: Map<string, ServicePortRule[]> } {
    const before = new Map<string, ServicePortRule>();
    const after = new Map<string, ServicePortRule>();
    const perKey = new Map<string, ServicePortRule[]>();
    for (const key of keys) {
      for (const id of this.idsByService.get(key) ?? []) before.set(id, this.applied.get(id)!);
      const rs = this.rulesOf(key);
      perKey.set(key, rs);
      for (const r of rs) after.set(r.id, r);
    }
    return { changes: diffRules(before, after), perKey };
  }

  private commit(perKey: Map<string, ServicePortRule[]>): void {
    for (const [key, rs] of perKey) {
      for (const id of this.idsByService.get(key) ?? []) this.applied.delete(id);
      for (const r of rs) this.applied.set(r.id, r);
      if (rs.length > 0) this.idsByService.set(key, rs.map((r) => r.id));
      else this.idsByService.delete(key);
    }
  }
}
