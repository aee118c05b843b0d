// The node's pod network (host-gateway style, like flannel's host-gw backend):
//
//   - a Linux bridge (default `shoal0`) in the agent's network namespace holds the first
//     address of the node's pod CIDR (10.244.1.0/24 -> 10.244.1.1/24) and is every pod's
//     default gateway;
//   - each pod's network namespace gets one end of a veth pair, named eth0, with the next free
//     address of the CIDR, loopback up and a default route via the bridge address; the other
//     end (`veth` + 11 hex digits of sha1(pod uid), 15 characters) is a port of the bridge;
//   - pods on other nodes are reached through host routes `THEIR_POD_CIDR via THEIR_NODE_IP`
//     (routeToPeers), with IPv4 forwarding on: no NAT, no tunnel, a pod sees its peer's pod IP.
//     Those routes carry their own routing protocol number (ROUTE_PROTOCOL), which is how a
//     restarted agent finds the ones it installed and removes those of nodes that are gone.
//
// Addresses are handed out round-robin (the next free one after the last handed out, as
// Kubernetes' host-local IPAM does, so that a freed address is not reused at once while
// stale ARP entries and connections may still point at it) and persisted in
// `<dataDir>/pod-network.json` (written atomically, not fsynced, before the interface is configured), so a
// restarted agent keeps its pods' addresses and `allocations()` is right from construction.
//
// Everything goes through iproute2 (`ip`) run with execFile; every operation is idempotent
// (attach of an attached pod checks the veth pair and re-applies the address and route;
// detach of a detached pod does nothing). Needs root (CAP_NET_ADMIN): the constructor refuses
// otherwise. `hostNetns` runs the node side in another namespace than the process's own: tests
// and harnesses simulate several hosts in one process that way.
import { KeyedLock } from '../util/keyed-lock.ts';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type { PodNetwork, PodRef } from '../runtime/runtime.ts';
import { readJsonSync, writeJsonAtomic } from '../util/json-file.ts';
import { formatCidr, indexInCidr, nthAddress, parseCidr, parseIpv4, type Ipv4Cidr } from './cidr.ts';
import { CommandRunner, namedNetns, type BatchLine } from './command.ts';

/** Routing protocol number marking the peer routes shoal installs (`ip route show proto 83`). */
export const ROUTE_PROTOCOL = 83;

export const DEFAULT_BRIDGE = 'shoal0';
export const POD_IFNAME = 'eth0';

export class PodNetworkError extends Error {
  override readonly name = 'PodNetworkError';
}

export interface BridgePodNetworkOptions {
  /** The node's pod CIDR, e.g. 10.244.1.0/24 (IPv4, prefix <= 30). */
  podCidr: string;
  /** The agent's data directory: the allocations live in `<dataDir>/pod-network.json`. */
  dataDir: string;
  /** Bridge name (<= 15 characters); default shoal0. */
  bridge?: string;
  /** Run the node side inside this network namespace (path) instead of the process's own. */
  hostNetns?: string;
  mtu?: number;
  logger?: Logger;
}

export interface PeerRoute {
  podCidr: string;
  nodeIp: string;
}

export interface RouteSyncResult {
  /** Routes added or changed (their pod CIDRs). */
  added: string[];
  /** Routes removed (nodes that are gone). */
  removed: string[];
  failed: { podCidr: string; error: string }[];
}

interface Allocation {
  ip: string;
  ifName: string;
  namespace: string;
  name: string;
  netnsPath: string;
}

interface StateFile {
  version: 1;
  podCidr: string;
  bridge: string;
  /** Index (in the CIDR) of the address handed out last. */
  last: number;
  pods: Record<string, Allocation>;
}

interface IpLink {
  ifindex: number;
  link_index?: number;
  ifname: string;
  master?: string;
  flags?: string[];
  addr_info?: { family: string; local: string; prefixlen: number }[];
}

const NOT_FOUND = /does not exist|Cannot find device|No such device/;

/** The host-side veth name for a pod: `veth` + 11 hex digits of sha1(uid) (IFNAMSIZ is 16 with the NUL). */
export function hostVethName(uid: string): string {
  return 'veth' + createHash('sha1').update(uid).digest('hex').slice(0, 11);
}

export function assertRoot(what: string): void {
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0) {
    throw new PodNetworkError(
      `${what} needs root (CAP_NET_ADMIN to create bridges, veth pairs and routes); this process runs as uid ${uid}. ` +
        'Run the agent as root, or without a pod network (pods then share the host network).',
    );
  }
}

export class BridgePodNetwork implements PodNetwork {
  readonly podCidr: string;
  readonly bridge: string;
  /** The bridge's address: every pod's default gateway (first address of the CIDR). */
  readonly gateway: string;
  readonly hostNetns: string | undefined;

  private readonly cidr: Ipv4Cidr;
  private readonly stateFile: string;
  private readonly mtu: number;
  private readonly log: Logger;
  private readonly cmd: CommandRunner;
  private readonly pods = new Map<string, Allocation>();
  private last: number;
  private setupDone: Promise<void> | undefined;
  /** Per-pod operation chains: attach/detach of one pod never overlap; different pods run in parallel. */
  private readonly podLocks = new KeyedLock();
  private routeLock: Promise<unknown> = Promise.resolve();
  private persistChain: Promise<void> = Promise.resolve();

  constructor(opts: BridgePodNetworkOptions) {
    assertRoot('the pod network');
    this.cidr = parseCidr(opts.podCidr);
    if (this.cidr.prefix > 30) throw new PodNetworkError(`pod CIDR ${opts.podCidr} is too small (prefix must be <= 30)`);
    this.podCidr = formatCidr(this.cidr);
    this.bridge = opts.bridge ?? DEFAULT_BRIDGE;
    if (!/^[A-Za-z0-9_.-]{1,15}$/.test(this.bridge)) throw new PodNetworkError(`bad bridge name ${JSON.stringify(this.bridge)} (1-15 of [A-Za-z0-9_.-])`);
    this.gateway = nthAddress(this.cidr, 1);
    this.hostNetns = opts.hostNetns;
    this.mtu = opts.mtu ?? 1500;
    this.log = (opts.logger ?? pino({ level: 'silent' })).child({ component: 'pod-network', bridge: this.bridge, podCidr: this.podCidr });
    this.cmd = new CommandRunner(this.log);
    this.stateFile = join(opts.dataDir, 'pod-network.json');
    this.last = 1;
    this.load();
  }

  allocations(): Map<string, string> {
    return new Map([...this.pods].map(([uid, a]) => [uid, a.ip]));
  }

  /** Creates the bridge with the gateway address, up, and turns IPv4 forwarding on (idempotent; attach does it first). */
  setup(): Promise<void> {
    this.setupDone ??= this.doSetup().catch((e: unknown) => {
      this.setupDone = undefined;
      throw e;
    });
    return this.setupDone;
  }

  attach(pod: PodRef, netnsPath: string): Promise<string> {
    return this.withPod(pod.uid, () => this.doAttach(pod, netnsPath));
  }

  detach(pod: PodRef): Promise<void> {
    return this.withPod(pod.uid, () => this.doDetach(pod));
  }

  reassign(from: string, to: PodRef): Promise<void> {
    return this.withPod(from, () =>
      this.withPod(to.uid, async () => {
        const alloc = this.pods.get(from);
        if (!alloc) throw new PodNetworkError(`reassign: ${from} holds no address`);
        if (this.pods.has(to.uid)) throw new PodNetworkError(`reassign: pod ${to.namespace}/${to.name} (${to.uid}) already holds ${this.pods.get(to.uid)!.ip}`);
        // The veth keeps its name (derived from `from`): every later step reads it from here.
        this.pods.delete(from);
        this.pods.set(to.uid, { ...alloc, namespace: to.namespace, name: to.name });
        await this.persist();
        this.log.info({ from, pod: `${to.namespace}/${to.name}`, uid: to.uid, ip: alloc.ip, veth: alloc.ifName }, 'address handed over');
      }),
    );
  }

  /**
   * Makes the host routes to other nodes' pod CIDRs exactly `peers` (this node's own CIDR is
   * skipped): adds or changes `podCidr via nodeIp`, removes routes shoal installed for nodes
   * no longer listed. A route that cannot be installed (say the node IP is not on a connected
   * network) is logged and reported in `failed`; the others still are.
   */
  routeToPeers(peers: PeerRoute[]): Promise<RouteSyncResult> {
    const run = this.routeLock.then(() => this.doRouteToPeers(peers));
    this.routeLock = run.catch(() => undefined);
    return run;
  }

  // ---- internals ------------------------------------------------------------------------------

  private host(args: string[], tolerate?: RegExp) {
    return this.cmd.run(['ip', ...args], { netns: this.hostNetns, tolerate });
  }

  private async doSetup(): Promise<void> {
    const links = await this.cmd.ipJson<IpLink>(['addr', 'show', 'dev', this.bridge], { netns: this.hostNetns, tolerate: NOT_FOUND });
    if (!links) {
      await this.host(['link', 'add', this.bridge, 'mtu', String(this.mtu), 'type', 'bridge'], /File exists/);
      this.log.info('bridge created');
    }
    const want = `${this.gateway}/${this.cidr.prefix}`;
    for (const a of links?.[0]?.addr_info ?? []) {
      if (a.family === 'inet' && `${a.local}/${a.prefixlen}` !== want) {
        this.log.warn({ address: `${a.local}/${a.prefixlen}` }, 'removing an old address from the bridge (pod CIDR changed?)');
        await this.host(['addr', 'del', `${a.local}/${a.prefixlen}`, 'dev', this.bridge], /Cannot assign|not found/);
      }
    }
    await this.host(['addr', 'replace', want, 'dev', this.bridge]);
    await this.host(['link', 'set', this.bridge, 'up']);
    await this.enableForwarding();
  }

  private async enableForwarding(): Promise<void> {
    if (this.hostNetns) {
      await this.cmd.run(['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'], { netns: this.hostNetns });
    } else {
      // /proc/sys/net is per network namespace: the one of the process writing it.
      await writeFile('/proc/sys/net/ipv4/ip_forward', '1\n');
    }
  }

  private async doAttach(pod: PodRef, netnsPath: string): Promise<string> {
    await this.setup();
    let alloc = this.pods.get(pod.uid);
    const isNew = !alloc;
    if (!alloc) {
      alloc = { ip: this.allocate(), ifName: hostVethName(pod.uid), namespace: pod.namespace, name: pod.name, netnsPath };
      this.pods.set(pod.uid, alloc);
      await this.persist();
    } else if (alloc.netnsPath !== netnsPath) {
      alloc.netnsPath = netnsPath;
      await this.persist();
    }
    const log = this.log.child({ pod: `${pod.namespace}/${pod.name}`, uid: pod.uid, ip: alloc.ip, veth: alloc.ifName });
    // Two `ip` processes for a new pod (host side, pod side): each spawn costs the agent
    // milliseconds of its own CPU, which bounded how fast a node could start pods.
    try {
      const intact = !isNew && (await this.pairIntact(alloc, netnsPath));
      const hostSide: BatchLine[] = [];
      // A named namespace not made yet is made here, in the same ip process (one exec fewer).
      const named = namedNetns(netnsPath);
      if (named && !existsSync(netnsPath)) hostSide.push({ cmd: `netns add ${named}`, tolerate: /File exists/ });
      if (!intact) {
        // Stale pieces first: a host veth whose peer is elsewhere, an eth0 left in the pod. A
        // new pod's namespace is fresh (and a failed attach of one cleans up after itself).
        hostSide.push({ cmd: `link del ${alloc.ifName}`, tolerate: NOT_FOUND });
        if (!isNew) await this.cmd.run(['ip', 'link', 'del', POD_IFNAME], { netns: netnsPath, tolerate: NOT_FOUND });
        hostSide.push({ cmd: `link add ${alloc.ifName} mtu ${this.mtu} type veth peer name ${POD_IFNAME} mtu ${this.mtu} netns ${netnsPath}` });
      }
      hostSide.push(
        { cmd: `link set ${alloc.ifName} master ${this.bridge} up` },
        // Hairpin: a pod that reaches itself through a service virtual IP has its DNATed packet
        // bridged back out of the port it came in on, which a bridge port refuses by default.
        { cmd: `link set ${alloc.ifName} type bridge_slave hairpin on` },
      );
      await this.cmd.ipBatch(hostSide, { netns: this.hostNetns });
      if (!intact) log.info({ netns: netnsPath }, 'veth pair created');
      await this.cmd.ipBatch(
        [
          { cmd: 'link set lo up' },
          { cmd: `addr replace ${alloc.ip}/${this.cidr.prefix} dev ${POD_IFNAME}` },
          { cmd: `link set ${POD_IFNAME} up` },
          { cmd: `route replace default via ${this.gateway} dev ${POD_IFNAME}` },
        ],
        { netns: netnsPath },
      );
    } catch (e) {
      this.setupDone = undefined; // look at the bridge again next time (it may be what is missing)
      if (isNew) {
        // Leave nothing half-made behind for a pod that had no address before: the next
        // attempt takes the fresh-namespace path again.
        await this.host(['link', 'del', alloc.ifName], NOT_FOUND).catch(() => undefined);
        await this.cmd.run(['ip', 'link', 'del', POD_IFNAME], { netns: netnsPath, tolerate: NOT_FOUND }).catch(() => undefined);
        this.pods.delete(pod.uid);
        await this.persist().catch(() => undefined);
      }
      throw new PodNetworkError(`attaching pod ${pod.namespace}/${pod.name} (${netnsPath}): ${(e as Error).message}`);
    }
    log.debug('attached');
    return alloc.ip;
  }

  /** Whether the host veth exists and its peer is the eth0 inside `netnsPath` with the pod's address. */
  private async pairIntact(alloc: Allocation, netnsPath: string): Promise<boolean> {
    const hostSide = await this.cmd.ipJson<IpLink>(['link', 'show', 'dev', alloc.ifName], { netns: this.hostNetns, tolerate: NOT_FOUND });
    if (!hostSide?.[0]) return false;
    const podSide = await this.cmd.ipJson<IpLink>(['addr', 'show', 'dev', POD_IFNAME], { netns: netnsPath, tolerate: NOT_FOUND });
    const h = hostSide[0];
    const p = podSide?.[0];
    if (!p) return false;
    return h.link_index === p.ifindex && p.link_index === h.ifindex;
  }

  private async doDetach(pod: PodRef): Promise<void> {
    const alloc = this.pods.get(pod.uid);
    const ifName = alloc?.ifName ?? hostVethName(pod.uid);
    // Deleting one end of a veth pair deletes the other, wherever it is.
    const r = await this.host(['link', 'del', ifName], NOT_FOUND);
    if (alloc) {
      this.pods.delete(pod.uid);
      await this.persist();
      this.log.info({ pod: `${pod.namespace}/${pod.name}`, uid: pod.uid, ip: alloc.ip, vethRemoved: r.ok }, 'detached');
    }
  }

  private async doRouteToPeers(peers: PeerRoute[]): Promise<RouteSyncResult> {
    await this.setup();
    const result: RouteSyncResult = { added: [], removed: [], failed: [] };
    const want = new Map<string, string>();
    for (const p of peers) {
      let cidr: string;
      try {
        cidr = formatCidr(parseCidr(p.podCidr));
        parseIpv4(p.nodeIp);
      } catch (e) {
        this.log.warn({ peer: p, err: (e as Error).message }, 'ignoring a peer with a bad pod CIDR or node IP');
        result.failed.push({ podCidr: p.podCidr, error: (e as Error).message });
        continue;
      }
      if (cidr === this.podCidr) continue;
      want.set(cidr, p.nodeIp);
    }
    const current = (await this.cmd.ipJson<{ dst: string; gateway?: string }>(['route', 'show', 'proto', String(ROUTE_PROTOCOL)], { netns: this.hostNetns })) ?? [];
    const have = new Map(current.map((r) => [r.dst, r.gateway ?? '']));
    for (const [cidr, via] of want) {
      if (have.get(cidr) === via) continue;
      try {
        await this.host(['route', 'replace', cidr, 'via', via, 'proto', String(ROUTE_PROTOCOL)]);
        result.added.push(cidr);
      } catch (e) {
        result.failed.push({ podCidr: cidr, error: (e as Error).message });
      }
    }
    for (const cidr of have.keys()) {
      if (want.has(cidr)) continue;
      try {
        await this.host(['route', 'del', cidr, 'proto', String(ROUTE_PROTOCOL)], /No such process/);
        result.removed.push(cidr);
      } catch (e) {
        result.failed.push({ podCidr: cidr, error: (e as Error).message });
      }
    }
    if (result.added.length || result.removed.length) this.log.info({ added: result.added, removed: result.removed }, 'peer routes updated');
    return result;
  }

  private allocate(): string {
    const used = new Set([...this.pods.values()].map((a) => indexInCidr(this.cidr, a.ip)));
    const first = 2;
    const lastUsable = this.cidr.size - 2; // the last address is the broadcast address
    const count = lastUsable - first + 1;
    for (let k = 1; k <= count; k++) {
      const i = first + ((this.last - first + k) % count + count) % count;
      if (!used.has(i)) {
        this.last = i;
        return nthAddress(this.cidr, i);
      }
    }
    throw new PodNetworkError(`no free address left in ${this.podCidr} (${this.pods.size} pods)`);
  }

  private load(): void {
    let s: StateFile | undefined;
    try {
      s = readJsonSync<StateFile>(this.stateFile);
    } catch (e) {
      // Written without fsync (below): a machine crash may leave it torn; nothing it described
      // (namespaces, veths) outlived that crash.
      this.log.warn({ file: this.stateFile, err: (e as Error).message }, 'unreadable allocations ignored');
      return;
    }
    if (!s) return;
    if (s.version !== 1 || typeof s.pods !== 'object') throw new PodNetworkError(`${this.stateFile}: unknown format (move it away to start afresh)`);
    const sameCidr = s.podCidr === this.podCidr;
    for (const [uid, a] of Object.entries(s.pods)) {
      const i = indexInCidr(this.cidr, a.ip);
      if (i < 2 || i > this.cidr.size - 2) {
        this.log.warn({ uid, ip: a.ip, oldPodCidr: s.podCidr }, 'dropping an allocation outside the pod CIDR');
        continue;
      }
      this.pods.set(uid, a);
    }
    if (sameCidr && Number.isInteger(s.last)) this.last = s.last;
    this.log.info({ pods: this.pods.size }, 'allocations loaded');
  }

  private persist(): Promise<void> {
    const snapshot: StateFile = { version: 1, podCidr: this.podCidr, bridge: this.bridge, last: this.last, pods: Object.fromEntries(this.pods) };
    // Not fsynced: the pods it describes do not outlive the machine, and every attach waited
    // for the fsyncs of the attaches before it.
    const p = this.persistChain.then(() => writeJsonAtomic(this.stateFile, snapshot, { durable: false }));
    this.persistChain = p.catch((e: unknown) => {
      this.log.error({ err: (e as Error).message, file: this.stateFile }, 'could not save allocations');
    });
    return p;
  }

  private withPod<T>(uid: string, fn: () => Promise<T>): Promise<T> {
    return this.podLocks.run(uid, fn);
  }
}
