// Service cluster IPs and NodePorts.
//
// Kubernetes allocates both synchronously in the API server; here the API stores a Service as
// given and this controller fills in spec.clusterIP/clusterIPs (types ClusterIP, NodePort and
// LoadBalancer; 'None' is headless and left alone) and the nodePort of every port of a
// NodePort or LoadBalancer service, a few milliseconds after it is created. Whoever creates a
// Service and needs its address waits for it.
//
// Uniqueness. As Kubernetes' allocators keep their bitmap in a range object updated by
// compare-and-swap, this one keeps a bitmap (base64, one bit per address or port) in a
// ConfigMap: kube-system/shoal-ip-allocations and kube-system/shoal-nodeport-allocations.
// A value is taken by an update of that ConfigMap at its resourceVersion BEFORE the Service is
// written, so two writers (two leaders for a moment, or a leader and its successor) can never
// hand out the same value: one of the two updates fails and is redone on the fresh bitmap.
// Requests are group-committed: whatever arrives while one update is in flight goes into the
// next, so 200 services created at once cost a handful of ConfigMap writes, and each allocation
// is O(1) amortized (a next-fit scan that skips full bytes).
//
// Dynamic allocation prefers the upper part of each range and falls back to the lower part
// (Kubernetes' static/dynamic bands), so values users choose themselves, best taken from the
// lower part, rarely race an automatic one. The network and broadcast addresses are never
// handed out; the first address (10.96.0.1 by default) is kept for default/kubernetes.
//
// A user-chosen value is honoured and marked used. If another service holds it already (the
// earliest-created holder keeps it), the later one gets a Warning event (ClusterIPAlreadyAllocated
// or PortAlreadyAllocated) and a False status condition (ClusterIPAllocated / NodePortsAllocated).
// The API server does not check this itself, so the duplicate stays in the later service's
// spec; it is refused only in the sense that it is not reserved for it, and the condition says
// so (a proxy may choose to skip such services).
//
// Release: a deleted service's values are freed at once (unless another service still claims
// them). A repair pass rebuilds and repairs the bitmaps from the services: values in use but
// not marked are marked; values marked but used by no service (a write lost between the
// ConfigMap and the Service, a crash) are freed after they have stayed unused for
// leakGraceMs. A missing ConfigMap, or one for another range, is rebuilt from the services.
import type { Obj } from '../client/resource-client.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../client/resource-client.ts';
import { timestamp } from '../api/codec.ts';
import { keyOf, type Informer } from '../informer/informer.ts';
import { deepEqual, parseCIDR, parseIP } from '../validation/common.ts';
import { QueueController, setCondition, type ConditionLike } from './queue-controller.ts';

export const SERVICE_ALLOCATOR_RESOURCES = ['services', 'configmaps'];

export const ALLOCATION_NAMESPACE = 'kube-system';
export const IP_ALLOCATIONS = 'shoal-ip-allocations';
export const NODEPORT_ALLOCATIONS = 'shoal-nodeport-allocations';
export const CONDITION_CLUSTER_IP = 'ClusterIPAllocated';
export const CONDITION_NODE_PORTS = 'NodePortsAllocated';

const REPAIR_KEY = '#repair';
const RELEASE_PREFIX = '#release:';
const MAX_COMMIT_ATTEMPTS = 20;

// ---- bitmap -----------------------------------------------------------------------------------

export class Bitmap {
  readonly bytes: Uint8Array;

  constructor(
    readonly size: number,
    bytes?: Uint8Array,
  ) {
    this.bytes = new Uint8Array(Math.ceil(size / 8));
    if (bytes) this.bytes.set(bytes.subarray(0, this.bytes.length));
  }

  static decode(b64: string, size: number): Bitmap {
    return new Bitmap(size, new Uint8Array(Buffer.from(b64, 'base64')));
  }

  encode(): string {
    return Buffer.from(this.bytes).toString('base64');
  }

  clone(): Bitmap {
    return new Bitmap(this.size, this.bytes);
  }

  has(i: number): boolean {
    return (this.bytes[i >> 3] & (1 << (i & 7))) !== 0;
  }

  set(i: number): void {
    this.bytes[i >> 3] |= 1 << (i & 7);
  }

  clear(i: number): void {
    this.bytes[i >> 3] &= ~(1 << (i & 7));
  }

  count(): number {
    let n = 0;
    for (const b of this.bytes) for (let v = b; v; v &= v - 1) n++;
    return n;
  }

  /** Every set bit, in order. */
  *ones(): Generator<number> {
    for (let byte = 0; byte < this.bytes.length; byte++) {
      const b = this.bytes[byte];
      if (b === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) yield byte * 8 + bit;
    }
  }

  /** The first clear bit in [from, to) that `ok` accepts, skipping full bytes; -1 if none. */
  firstClear(from: number, to: number, ok: (i: number) => boolean): number {
    let i = from;
    while (i < to) {
      if ((i & 7) === 0 && this.bytes[i >> 3] === 0xff) {
        i += 8;
        continue;
      }
      if (!this.has(i) && ok(i)) return i;
      i++;
    }
    return -1;
  }
}

// ---- one range, kept in one ConfigMap ---------------------------------------------------------

export interface RangeSpec {
  /** The ConfigMap's name. */
  name: string;
  /** What the range is ('10.96.0.0/16', '30000-32767'); a stored bitmap of another range is rebuilt. */
  label: string;
  size: number;
  /** Offsets never handed out by allocate() (kept set in the bitmap). */
  reserved: number[];
  /** Dynamic allocation starts here, and falls back below it once the upper part is full. */
  dynamicStart: number;
}

type Op =
  | { kind: 'allocate'; avoid: (off: number) => boolean; done: (off: number | undefined) => void; fail: (e: unknown) => void }
  | { kind: 'claim'; offset: number; done: (r: 'claimed' | 'held') => void; fail: (e: unknown) => void }
  | { kind: 'release'; offset: number; done: (r: boolean) => void; fail: (e: unknown) => void }
  | { kind: 'repair'; apply: (bm: Bitmap) => boolean; done: (r: boolean) => void; fail: (e: unknown) => void };

export interface RangeStoreIO {
  /** The ConfigMap as this process's cache has it (undefined: not there). */
  cached(): Obj | undefined;
  get(): Promise<Obj | undefined>;
  write(cm: Obj, create: boolean): Promise<Obj>;
  /** Offsets used by services right now (seeds a rebuilt bitmap). */
  inUse(): Iterable<number>;
}

/** A bitmap in a ConfigMap, changed only by compare-and-swap, with group commit. */
export class RangeStore {
  private bitmap?: Bitmap;
  private rv?: string;
  /** The stored ConfigMap changed under us (someone else wrote or deleted it): read it again. */
  private stale = false;
  private pending: Op[] = [];
  private flushing = false;
  private next: number;
  /** Bumped when a commit frees something (waiters for space may try again). */
  onRelease?: () => void;

  constructor(
    readonly spec: RangeSpec,
    private readonly io: RangeStoreIO,
  ) {
    this.next = spec.dynamicStart;
  }

  /** The bitmap as last committed (for inspection). */
  get current(): Bitmap | undefined {
    return this.bitmap;
  }

  /** The informer saw the ConfigMap (undefined: deleted); a version newer than ours means another writer. */
  observe(cm: Obj | undefined): void {
    const rv = cm?.metadata?.resourceVersion;
    if (!cm || !this.rv || Number(rv) > Number(this.rv)) this.stale = true;
  }

  allocate(avoid: (off: number) => boolean = () => false): Promise<number | undefined> {
    return new Promise((done, fail) => this.push({ kind: 'allocate', avoid, done, fail }));
  }

  claim(offset: number): Promise<'claimed' | 'held'> {
    return new Promise((done, fail) => this.push({ kind: 'claim', offset, done, fail }));
  }

  release(offset: number): Promise<boolean> {
    return new Promise((done, fail) => this.push({ kind: 'release', offset, done, fail }));
  }

  /** Runs `apply` on the fresh bitmap inside a commit; it returns whether it changed anything. */
  repair(apply: (bm: Bitmap) => boolean): Promise<boolean> {
    return new Promise((done, fail) => this.push({ kind: 'repair', apply, done, fail }));
  }

  private push(op: Op): void {
    this.pending.push(op);
    if (!this.flushing) void this.flush();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        try {
          await this.commit(batch);
        } catch (err) {
          for (const op of batch) op.fail(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(batch: Op[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (!this.bitmap || this.stale || attempt > 0) {
        this.stale = false;
        this.adopt(attempt === 0 ? this.io.cached() : await this.io.get());
      }
      const bm = this.bitmap!.clone();
      const results: unknown[] = [];
      let changed = !this.rv; // not stored yet: store it
      let freed = false;
      const nextBefore = this.next;
      for (const op of batch) {
        switch (op.kind) {
          case 'allocate': {
            const off = this.pick(bm, op.avoid);
            if (off !== undefined) {
              bm.set(off);
              changed = true;
            }
            results.push(off);
            break;
          }
          case 'claim':
            if (bm.has(op.offset)) results.push('held');
            else {
              bm.set(op.offset);
              changed = true;
              results.push('claimed');
            }
            break;
          case 'release':
            if (bm.has(op.offset) && !this.spec.reserved.includes(op.offset)) {
              bm.clear(op.offset);
              changed = freed = true;
              results.push(true);
            } else results.push(false);
            break;
          case 'repair': {
            const c = op.apply(bm);
            for (const r of this.spec.reserved) bm.set(r);
            if (c) changed = freed = true;
            results.push(c);
            break;
          }
        }
      }
      if (changed) {
        try {
          await this.store(bm);
        } catch (err) {
          this.next = nextBefore;
          if ((isConflict(err) || isAlreadyExists(err) || isNotFound(err)) && attempt < MAX_COMMIT_ATTEMPTS) continue;
          throw err;
        }
      }
      batch.forEach((op, i) => (op.done as (r: unknown) => void)(results[i]));
      if (freed) this.onRelease?.();
      return;
    }
  }

  /** Takes the stored ConfigMap as the current state (rebuilt from the services if absent or for another range). */
  private adopt(cm: Obj | undefined): void {
    const data = cm?.data ?? {};
    if (cm && data.range === this.spec.label && typeof data.bitmap === 'string') {
      this.bitmap = Bitmap.decode(data.bitmap, this.spec.size);
    } else {
      this.bitmap = new Bitmap(this.spec.size);
      for (const off of this.io.inUse()) if (off >= 0 && off < this.spec.size) this.bitmap.set(off);
    }
    for (const r of this.spec.reserved) this.bitmap.set(r);
    this.rv = cm?.metadata?.resourceVersion;
  }

  private async store(bm: Bitmap): Promise<void> {
    const cm: Obj = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.spec.name, namespace: ALLOCATION_NAMESPACE, labels: { 'app.kubernetes.io/managed-by': 'shoal-service-allocator' } },
      data: { range: this.spec.label, bitmap: bm.encode(), used: String(bm.count() - this.spec.reserved.length) },
    };
    if (this.rv) cm.metadata.resourceVersion = this.rv;
    const saved = await this.io.write(cm, !this.rv);
    this.bitmap = bm;
    this.rv = saved.metadata.resourceVersion;
  }

  /** Next fit in the upper part, then the lower part; never a reserved offset. */
  private pick(bm: Bitmap, avoid: (off: number) => boolean): number | undefined {
    const { size, dynamicStart } = this.spec;
    const ok = (i: number) => !avoid(i);
    const start = this.next >= dynamicStart && this.next < size ? this.next : dynamicStart;
    let off = bm.firstClear(start, size, ok);
    if (off < 0) off = bm.firstClear(dynamicStart, start, ok);
    if (off < 0) off = bm.firstClear(0, dynamicStart, ok);
    if (off < 0) return undefined;
    if (off >= dynamicStart) this.next = off + 1 < size ? off + 1 : dynamicStart;
    return off;
  }
}

/** Kubernetes' static band: min(max(16, size/16), 256) values at the bottom of a range. */
export function staticBandSize(size: number): number {
  return Math.min(Math.max(16, Math.floor(size / 16)), 256);
}

// ---- addresses --------------------------------------------------------------------------------

export interface IpRange {
  label: string;
  base: bigint;
  size: number;
}

export function ipRangeOf(cidr: string): IpRange {
  const c = parseCIDR(cidr);
  if (!c || c.family !== 4) throw new Error(`serviceCidr ${JSON.stringify(cidr)}: an IPv4 CIDR is required`);
  if (c.bits < 12 || c.bits > 30) throw new Error(`serviceCidr ${cidr}: the prefix must be between /12 and /30`);
  const hostBits = 32 - c.bits;
  const base = (c.n >> BigInt(hostBits)) << BigInt(hostBits);
  return { label: `${formatIPv4(base)}/${c.bits}`, base, size: 2 ** hostBits };
}

export function formatIPv4(n: bigint): string {
  const v = Number(n);
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

function ipOffset(range: IpRange, ip: string): number | undefined {
  const p = parseIP(ip);
  if (!p || p.family !== 4) return undefined;
  const off = p.n - range.base;
  return off >= 0n && off < BigInt(range.size) ? Number(off) : undefined;
}

// ---- the controller ---------------------------------------------------------------------------

export interface ServiceAllocatorOptions {
  /** How often the repair pass runs (default 10 s). */
  repairIntervalMs?: number;
  /** How long a marked value must stay unused before the repair pass frees it (default 60 s). */
  leakGraceMs?: number;
  /** Concurrent reconciles (their allocations share ConfigMap writes). */
  workers?: number;
}

/** Who claims a value: service key -> its rank (earliest created first). */
type Claims = Map<string, string>;

const needsNodePorts = (svc: Obj): boolean => {
  const t = svc.spec?.type;
  if (t === 'NodePort') return true;
  return t === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false;
};
const wantsClusterIP = (svc: Obj): boolean => (svc.spec?.type ?? 'ClusterIP') !== 'ExternalName';
const requestedIP = (svc: Obj): string => svc.spec?.clusterIP || svc.spec?.clusterIPs?.[0] || '';
const rankOf = (svc: Obj): string => `${svc.metadata.creationTimestamp ?? ''}|${svc.metadata.namespace}/${svc.metadata.name}`;
const isKubernetesService = (key: string): boolean => key === 'default/kubernetes';

export class ServiceAllocator extends QueueController {
  readonly name = 'service-allocator';
  private services!: Informer;
  private configmaps!: Informer;
  private range!: IpRange;
  private ports!: { min: number; max: number };
  ipStore!: RangeStore;
  portStore!: RangeStore;
  private ipClaims = new Map<string, Claims>();
  private portClaims = new Map<number, Claims>();
  /** Values allocated and not yet written to their service: offset -> service uid. */
  private ipInflight = new Map<number, string>();
  private portInflight = new Map<number, string>();
  private ipLeaks = new Map<number, number>();
  private portLeaks = new Map<number, number>();
  /** Deleted services' values, freed by the `#release:<uid>` key. */
  private toRelease = new Map<string, { ips: string[]; ports: number[] }>();
  /** Services waiting for a full range to have room. */
  private starved = new Set<string>();

  constructor(private readonly opts: ServiceAllocatorOptions = {}) {
    super();
    this.workers = opts.workers ?? 16;
  }

  protected setup(): void {
    this.range = ipRangeOf(this.ctx.config.serviceCidr);
    this.ports = this.ctx.config.nodePortRange;
    this.ipClaims = new Map();
    this.portClaims = new Map();
    this.ipInflight = new Map();
    this.portInflight = new Map();
    this.ipLeaks = new Map();
    this.portLeaks = new Map();
    this.toRelease = new Map();
    this.starved = new Set();
    const ours = (cm: Obj) => cm.metadata?.namespace === ALLOCATION_NAMESPACE && (cm.metadata.name === IP_ALLOCATIONS || cm.metadata.name === NODEPORT_ALLOCATIONS);
    const seen = (cm: Obj, gone: boolean) => {
      if (!ours(cm)) return;
      (cm.metadata.name === IP_ALLOCATIONS ? this.ipStore : this.portStore)?.observe(gone ? undefined : cm);
      this.queue.add(REPAIR_KEY);
    };
    this.configmaps = this.watch('configmaps', {
      update: (_old, cm) => seen(cm, false),
      delete: (cm) => seen(cm, true),
    });
    const ipSize = this.range.size;
    const portSize = this.ports.max - this.ports.min + 1;
    const cmIO = (name: string, inUse: () => Iterable<number>): RangeStoreIO => ({
      cached: () => this.configmaps.get(ALLOCATION_NAMESPACE, name),
      get: async () => {
        try {
          return await this.client.get('configmaps', ALLOCATION_NAMESPACE, name);
        } catch (err) {
          if (isNotFound(err)) return undefined;
          throw err;
        }
      },
      write: (cm, create) => (create ? this.client.create('configmaps', ALLOCATION_NAMESPACE, cm) : this.client.update('configmaps', ALLOCATION_NAMESPACE, cm)),
      inUse,
    });
    this.ipStore = new RangeStore(
      { name: IP_ALLOCATIONS, label: this.range.label, size: ipSize, reserved: [0, 1, ipSize - 1], dynamicStart: Math.min(staticBandSize(ipSize), ipSize - 1) },
      cmIO(IP_ALLOCATIONS, () => this.usedIPs()),
    );
    this.portStore = new RangeStore(
      { name: NODEPORT_ALLOCATIONS, label: `${this.ports.min}-${this.ports.max}`, size: portSize, reserved: [], dynamicStart: Math.min(staticBandSize(portSize), portSize - 1) },
      cmIO(NODEPORT_ALLOCATIONS, () => this.usedPorts()),
    );
    const wakeStarved = () => {
      for (const k of this.starved) this.queue.add(k);
      this.starved.clear();
    };
    this.ipStore.onRelease = wakeStarved;
    this.portStore.onRelease = wakeStarved;

    this.services = this.watch('services', {
      add: (s) => {
        this.index(undefined, s);
        this.queue.add(keyOf(s));
      },
      update: (old, s) => {
        this.index(old, s);
        this.releaseDropped(old, s);
        this.queue.add(keyOf(s));
      },
      delete: (s) => {
        this.index(s, undefined);
        this.releaseDropped(s, undefined);
      },
    });
    this.queue.add(REPAIR_KEY);
    this.every(this.opts.repairIntervalMs ?? 10_000, () => this.queue.add(REPAIR_KEY));
  }

  // ---- who claims what ------------------------------------------------------------------------

  private claimedIPs(svc: Obj | undefined): string[] {
    if (!svc || !wantsClusterIP(svc)) return [];
    const ip = requestedIP(svc);
    return ip && ip !== 'None' ? [ip] : [];
  }

  private claimedPorts(svc: Obj | undefined): number[] {
    if (!svc || !needsNodePorts(svc)) return [];
    return [...new Set<number>((svc.spec?.ports ?? []).map((p: Obj) => p.nodePort).filter((n: unknown) => typeof n === 'number' && n > 0))];
  }

  private index(old: Obj | undefined, svc: Obj | undefined): void {
    for (const [claims, values] of [
      [this.ipClaims, (o: Obj | undefined) => this.claimedIPs(o)],
      [this.portClaims, (o: Obj | undefined) => this.claimedPorts(o)],
    ] as [Map<string | number, Claims>, (o: Obj | undefined) => (string | number)[]][]) {
      if (old) {
        for (const v of values(old)) {
          const c = claims.get(v);
          c?.delete(keyOf(old));
          if (c?.size === 0) claims.delete(v);
        }
      }
      if (svc) {
        for (const v of values(svc)) {
          let c = claims.get(v);
          if (!c) claims.set(v, (c = new Map()));
          c.set(keyOf(svc), rankOf(svc));
        }
      }
    }
  }

  /** The service that keeps a value several claim: the earliest created. */
  private static holder(claims: Claims | undefined): string | undefined {
    let best: [string, string] | undefined;
    for (const [k, rank] of claims ?? []) if (!best || rank < best[1]) best = [k, rank];
    return best?.[0];
  }

  private usedIPs(): number[] {
    const out: number[] = [...this.ipInflight.keys()];
    for (const ip of this.ipClaims.keys()) {
      const off = ipOffset(this.range, ip);
      if (off !== undefined) out.push(off);
    }
    return out;
  }

  private usedPorts(): number[] {
    const out: number[] = [...this.portInflight.keys()];
    for (const p of this.portClaims.keys()) if (p >= this.ports.min && p <= this.ports.max) out.push(p - this.ports.min);
    return out;
  }

  /** Values the old object claimed and the new one does not: freed by the release key. */
  private releaseDropped(old: Obj, svc: Obj | undefined): void {
    const ips = this.claimedIPs(old).filter((ip) => !this.claimedIPs(svc).includes(ip));
    const ports = this.claimedPorts(old).filter((p) => !this.claimedPorts(svc).includes(p));
    if (ips.length === 0 && ports.length === 0) return;
    const id = `${RELEASE_PREFIX}${old.metadata.uid}:${old.metadata.resourceVersion}`;
    this.toRelease.set(id, { ips, ports });
    this.queue.add(id);
  }

  // ---- reconcile ------------------------------------------------------------------------------

  protected async reconcile(key: string): Promise<void> {
    if (key === REPAIR_KEY) return this.repair();
    if (key.startsWith(RELEASE_PREFIX)) return this.release(key);
    const svc = this.services.getByKey(key);
    if (!svc || svc.metadata.deletionTimestamp) return;
    const uid: string = svc.metadata.uid;
    const next = structuredClone(svc);
    const spec = next.spec ?? {};
    const taken: { ip?: number; ports: number[] } = { ports: [] };
    const ipProblem: string[] = [];
    const portProblem: string[] = [];
    try {
      // Cluster IP.
      if (wantsClusterIP(svc)) {
        const asked = requestedIP(svc);
        if (!asked) {
          const off = isKubernetesService(key) ? 1 : await this.ipStore.allocate((o) => this.ipClaims.has(formatIPv4(this.range.base + BigInt(o))));
          if (off === undefined) return this.starve(key, svc, 'ClusterIPAllocationFailed', `Failed to allocate a cluster IP: the range ${this.range.label} is full`);
          if (!isKubernetesService(key)) {
            taken.ip = off;
            this.ipInflight.set(off, uid);
          }
          const ip = formatIPv4(this.range.base + BigInt(off));
          spec.clusterIP = ip;
          spec.clusterIPs = [ip];
        } else if (asked !== 'None') {
          if (!spec.clusterIP) {
            spec.clusterIP = asked;
            spec.clusterIPs = [asked, ...(spec.clusterIPs ?? []).slice(1)];
          }
          const problem = await this.checkIP(key, uid, asked);
          if (problem) ipProblem.push(problem);
        }
      }
      // NodePorts.
      if (needsNodePorts(svc)) {
        for (const p of spec.ports ?? []) {
          if (typeof p.nodePort === 'number' && p.nodePort > 0) {
            const problem = await this.checkPort(key, uid, p.nodePort);
            if (problem && !portProblem.includes(problem)) portProblem.push(problem);
            continue;
          }
          // The same port number under two protocols shares one nodePort, as Kubernetes does.
          const twin = (spec.ports as Obj[]).find((q) => q !== p && q.port === p.port && typeof q.nodePort === 'number' && q.nodePort > 0);
          if (twin) {
            p.nodePort = twin.nodePort;
            continue;
          }
          const off = await this.portStore.allocate((o) => this.portClaims.has(this.ports.min + o));
          if (off === undefined) {
            await this.undo(taken);
            return this.starve(key, svc, 'NodePortAllocationFailed', `Failed to allocate a node port: the range ${this.ports.min}-${this.ports.max} is full`);
          }
          taken.ports.push(off);
          this.portInflight.set(off, uid);
          p.nodePort = this.ports.min + off;
        }
      }
      let current = svc;
      if (!deepEqual(next.spec, svc.spec)) {
        current = await this.client.update('services', svc.metadata.namespace, next);
        this.log.debug({ event: 'service-allocated', service: key, clusterIP: spec.clusterIP, nodePorts: (spec.ports ?? []).map((p: Obj) => p.nodePort).filter(Boolean) }, 'service addresses allocated');
      }
      this.starved.delete(key);
      await this.report(current, ipProblem, portProblem);
    } catch (err) {
      await this.undo(taken);
      throw err;
    } finally {
      if (taken.ip !== undefined) this.ipInflight.delete(taken.ip);
      for (const p of taken.ports) this.portInflight.delete(p);
    }
  }

  /** Frees what a failed reconcile allocated (best effort: the repair pass catches the rest). */
  private async undo(taken: { ip?: number; ports: number[] }): Promise<void> {
    const work: Promise<unknown>[] = [];
    if (taken.ip !== undefined) work.push(this.ipStore.release(taken.ip));
    for (const p of taken.ports) work.push(this.portStore.release(p));
    await Promise.allSettled(work);
    taken.ip = undefined;
    taken.ports = [];
  }

  private starve(key: string, svc: Obj, reason: string, message: string): void {
    this.starved.add(key);
    this.ctx.events.record(svc, 'Warning', reason, message);
    this.log.warn({ event: 'allocation-failed', service: key, reason }, message);
    // Woken when something is freed; looked at again anyway after a while.
    this.queue.addAfter(key, 5000);
  }

  /** Marks a user-chosen cluster IP used; a problem message if it is not this service's to have. */
  private async checkIP(key: string, uid: string, ip: string): Promise<string | undefined> {
    const off = ipOffset(this.range, ip);
    if (off === undefined) return undefined; // outside the range: not ours to manage
    if (off === 0 || off === this.range.size - 1) return `Cluster IP ${ip} is not a usable address of ${this.range.label}`;
    if (off === 1 && !isKubernetesService(key)) return `Cluster IP ${ip} is reserved for the default/kubernetes service`;
    const holder = ServiceAllocator.holder(this.ipClaims.get(ip));
    if (holder && holder !== key) return `Cluster IP ${ip} is already allocated to service ${holder}`;
    const inflight = this.ipInflight.get(off);
    if (inflight && inflight !== uid) return `Cluster IP ${ip} is being allocated to another service`;
    if (off !== 1) await this.ipStore.claim(off);
    return undefined;
  }

  private async checkPort(key: string, uid: string, port: number): Promise<string | undefined> {
    if (port < this.ports.min || port > this.ports.max) return `NodePort ${port} is outside the range ${this.ports.min}-${this.ports.max}`;
    const off = port - this.ports.min;
    const holder = ServiceAllocator.holder(this.portClaims.get(port));
    if (holder && holder !== key) return `NodePort ${port} is already allocated to service ${holder}`;
    const inflight = this.portInflight.get(off);
    if (inflight && inflight !== uid) return `NodePort ${port} is being allocated to another service`;
    await this.portStore.claim(off);
    return undefined;
  }

  /** The duplicate conditions and events (set while a problem lasts, removed after). */
  private async report(svc: Obj, ipProblem: string[], portProblem: string[]): Promise<void> {
    const at = timestamp(this.ctx.now());
    const before: ConditionLike[] = svc.status?.conditions ?? [];
    let conditions = before;
    const apply = (type: string, reason: string, problems: string[]) => {
      const had = conditions.find((c) => c.type === type);
      if (problems.length > 0) {
        const message = problems.join('; ');
        conditions = setCondition(conditions, { type, status: 'False', reason, message, observedGeneration: svc.metadata.generation }, at);
        if (!had || had.status !== 'False' || had.message !== message) this.ctx.events.record(svc, 'Warning', reason, message);
      } else if (had) conditions = conditions.filter((c) => c.type !== type);
    };
    apply(CONDITION_CLUSTER_IP, 'ClusterIPAlreadyAllocated', ipProblem);
    apply(CONDITION_NODE_PORTS, 'PortAlreadyAllocated', portProblem);
    if (deepEqual(conditions, before)) return;
    const status = { ...svc.status, conditions: conditions.length > 0 ? conditions : undefined };
    if (!status.conditions) delete status.conditions;
    await this.client.update('services', svc.metadata.namespace, { ...svc, status }, { subresource: 'status' });
  }

  private async release(id: string): Promise<void> {
    const what = this.toRelease.get(id);
    if (!what) return;
    for (const ip of what.ips) {
      const off = ipOffset(this.range, ip);
      if (off === undefined || off <= 1 || this.ipClaims.has(ip) || this.ipInflight.has(off)) continue;
      await this.ipStore.release(off);
    }
    for (const port of what.ports) {
      const off = port - this.ports.min;
      if (port < this.ports.min || port > this.ports.max || this.portClaims.has(port) || this.portInflight.has(off)) continue;
      await this.portStore.release(off);
    }
    this.toRelease.delete(id);
  }

  /** Marks what services use; frees what nobody has used for leakGraceMs. */
  private async repair(): Promise<void> {
    const grace = this.opts.leakGraceMs ?? 60_000;
    const pass = (store: RangeStore, used: () => number[], leaks: Map<number, number>) => (bm: Bitmap) => {
      const now = this.ctx.now();
      const inUse = new Set(used());
      let changed = false;
      for (const off of inUse) {
        if (!bm.has(off)) {
          bm.set(off);
          changed = true;
        }
      }
      const marked = new Set<number>();
      for (const off of bm.ones()) {
        marked.add(off);
        if (inUse.has(off) || store.spec.reserved.includes(off)) {
          leaks.delete(off);
          continue;
        }
        const since = leaks.get(off);
        if (since === undefined) leaks.set(off, now);
        else if (now - since >= grace) {
          bm.clear(off);
          leaks.delete(off);
          changed = true;
          this.log.info({ event: 'allocation-leak-freed', range: store.spec.name, offset: off }, 'freed a value no service uses');
        }
      }
      for (const off of [...leaks.keys()]) if (!marked.has(off)) leaks.delete(off);
      return changed;
    };
    await Promise.all([this.ipStore.repair(pass(this.ipStore, () => this.usedIPs(), this.ipLeaks)), this.portStore.repair(pass(this.portStore, () => this.usedPorts(), this.portLeaks))]);
  }
}

