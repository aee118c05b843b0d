// `shoal agent`: runs one node agent until SIGTERM/SIGINT. Containers keep running when it
// stops (a restarted agent adopts them). Exit 1 when it cannot start, 2 on a bad command line.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isIP } from 'node:net';
import os from 'node:os';
import { Agent } from '../node/agent.ts';
import { BridgePodNetwork } from '../node/network/pod-network.ts';
import { formatCidr, parseCidr } from '../node/network/cidr.ts';
import { makeServiceProxy, PROXY_MODES } from '../node/proxy/make-proxy.ts';
import type { ProxyMode } from '../node/proxy/proxy-backend.ts';
import { DockerRuntime } from '../node/runtime/docker-runtime.ts';
import { ProcessRuntime } from '../node/runtime/process-runtime.ts';
import type { PodNetwork, Runtime } from '../node/runtime/runtime.ts';
import { parseFlags } from './args.ts';
import { processLogger } from './logger.ts';
import { UsageError } from './usage-error.ts';
import { EXIT_WITH_PARENT_ENV } from './master-process.ts';
import type { LogLevel } from '../master/config.ts';

export const AGENT_USAGE = `usage: shoal agent --name NODE --data-dir DIR [flags]

  --name NODE                 the node's name (DNS subdomain)
  --data-dir DIR              pod volumes, logs and runtime state (kept across restarts)
  --endpoints HOST:PORT,...   masters (default $SHOAL_ENDPOINTS or 127.0.0.1:2379)
  --runtime docker|process    default: docker if --docker-socket answers, else process
  --docker-socket PATH        the Docker engine (default /run/shoal-docker.sock)
  --node-ip IP                the address other nodes reach this one at (default: the first
                              non-loopback IPv4 address, else 127.0.0.1)
  --labels k=v,...            node labels
  --capacity cpu=N,memory=Q,pods=N   what the node offers (default: this machine)
  --pod-network true|false    a bridge and an IP per pod from the node's pod CIDR (default:
                              true when root; false gives pods the host's network)
  --bridge NAME               the pod bridge (default shoal0)
  --warm-sandboxes N          process runtime with a pod network: network namespaces kept
                              attached and ready for new pods, refilled after a burst
                              (default 8; 0 turns it off)
  --cluster-domain DOMAIN     the cluster DNS domain (default cluster.local)
  --proxy-mode iptables|nftables|none   how service virtual IPs are programmed into this
                              node's kernel (default iptables with a pod network, else none)
  --service-cidr CIDR         the masters' --service-cluster-ip-range (default 10.96.0.0/16)
  --cluster-cidr CIDR         all pods' addresses; service traffic from outside it is
                              masqueraded (default 10.244.0.0/16)
  --cluster-dns IP[:PORT]     where this node's cluster DNS listens (default: the bridge
                              address, port 53, with a pod network; off without one unless
                              given). Pods' resolv.conf names IP: keep port 53 for them
  --log-level LEVEL           (default info)

  TESTING ONLY (breaks shoal on purpose, so the chaos harness can prove its checkers fail):
  --unsafe-break hide-dead-containers   report exited containers as running and Ready, never
                              restart them`;

const FLAGS = {
  name: {},
  'data-dir': {},
  endpoints: {},
  runtime: {},
  'docker-socket': {},
  'node-ip': {},
  labels: {},
  capacity: {},
  'pod-network': {},
  bridge: {},
  'warm-sandboxes': {},
  'cluster-domain': {},
  'cluster-dns': {},
  'proxy-mode': {},
  'service-cidr': {},
  'cluster-cidr': {},
  'log-level': {},
  'unsafe-break': {},
  help: { boolean: true, short: 'h' },
} as const;

/** Deliberate faults for the chaos harness's self-test; see chaos/break-modes.ts. */
const AGENT_BREAK_MODES = ['hide-dead-containers'] as const;

function pairs(flag: string, raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const part of raw.split(',').filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${flag}: "${part}" is not KEY=VALUE`, `--${flag}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** `10.0.0.10`, `10.0.0.10:5353`, `fd00::a` or `[fd00::a]:5353`. */
export function parseClusterDns(raw: string): { host: string; port: number } {
  const bad = () => new UsageError(`--cluster-dns "${raw}": want IP or IP:PORT`, '--cluster-dns');
  if (isIP(raw)) return { host: raw, port: 53 };
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(raw) ?? /^([^:]+):(\d+)$/.exec(raw);
  if (!m || !isIP(m[1])) throw bad();
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad();
  return { host: m[1], port };
}

function cidrFlag(v: Record<string, unknown>, flag: string, fallback: string): string {
  const raw = (v[flag] as string | undefined) ?? fallback;
  try {
    const c = parseCidr(raw);
    if (c.prefix < 8 || c.prefix > 30) throw new Error('prefix');
    return formatCidr(c);
  } catch {
    throw new UsageError(`--${flag} must be an IPv4 CIDR with a prefix of /8 to /30, got "${raw}"`, `--${flag}`);
  }
}

function defaultNodeIp(): string {
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

export async function runAgent(argv: string[]): Promise<number> {
  const { values: v } = parseFlags(argv, FLAGS);
  if (v.help) {
    console.log(AGENT_USAGE);
    return 0;
  }
  const name = v.name as string | undefined;
  const dataDir = v['data-dir'] as string | undefined;
  if (!name) throw new UsageError('--name is required', '--name');
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || name.length > 253) throw new UsageError(`--name "${name}": a node name is a lowercase DNS subdomain`, '--name');
  if (!dataDir) throw new UsageError('--data-dir is required', '--data-dir');
  const endpoints = String(v.endpoints ?? process.env.SHOAL_ENDPOINTS ?? '127.0.0.1:2379').split(',').filter(Boolean);
  const socketPath = (v['docker-socket'] as string | undefined) ?? '/run/shoal-docker.sock';
  const kind = (v.runtime as string | undefined) ?? (existsSync(socketPath) ? 'docker' : 'process');
  if (kind !== 'docker' && kind !== 'process') throw new UsageError(`--runtime must be docker or process, got "${kind}"`, '--runtime');
  const isRoot = process.getuid?.() === 0;
  const podNetworkFlag = (v['pod-network'] as string | undefined) ?? (isRoot ? 'true' : 'false');
  if (podNetworkFlag !== 'true' && podNetworkFlag !== 'false') throw new UsageError('--pod-network must be true or false', '--pod-network');
  if (podNetworkFlag === 'true' && !isRoot) throw new UsageError('--pod-network=true needs root (it creates a bridge and network namespaces)', '--pod-network');
  const warmRaw = (v['warm-sandboxes'] as string | undefined) ?? '8';
  if (!/^\d+$/.test(warmRaw) || Number(warmRaw) > 256) throw new UsageError(`--warm-sandboxes must be a whole number from 0 to 256, got "${warmRaw}"`, '--warm-sandboxes');
  const warmSandboxes = Number(warmRaw);
  const labels = pairs('labels', v.labels as string | undefined);
  const capacityFlag = pairs('capacity', v.capacity as string | undefined);
  const capacity = Object.keys(capacityFlag).length
    ? { cpu: String(os.cpus().length), memory: `${Math.floor(os.totalmem() / 1024)}Ki`, pods: '110', ...capacityFlag }
    : undefined;
  const clusterDomain = ((v['cluster-domain'] as string | undefined) ?? 'cluster.local').toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(clusterDomain) || clusterDomain.length > 253) {
    throw new UsageError(`--cluster-domain "${clusterDomain}": not a DNS domain`, '--cluster-domain');
  }
  const clusterDnsFlag = v['cluster-dns'] as string | undefined;
  const clusterDns = clusterDnsFlag ? parseClusterDns(clusterDnsFlag) : undefined;
  const proxyMode = (v['proxy-mode'] as string | undefined) ?? (podNetworkFlag === 'true' ? 'iptables' : 'none');
  if (proxyMode !== 'none' && !(PROXY_MODES as readonly string[]).includes(proxyMode)) throw new UsageError(`--proxy-mode must be iptables, nftables or none, got "${proxyMode}"`, '--proxy-mode');
  if (proxyMode !== 'none' && !isRoot) throw new UsageError(`--proxy-mode=${proxyMode} needs root (it programs the kernel's NAT tables)`, '--proxy-mode');
  const serviceCidr = cidrFlag(v, 'service-cidr', '10.96.0.0/16');
  const clusterCidr = cidrFlag(v, 'cluster-cidr', '10.244.0.0/16');
  const unsafeBreak = v['unsafe-break'] as string | undefined;
  if (unsafeBreak !== undefined && !(AGENT_BREAK_MODES as readonly string[]).includes(unsafeBreak)) {
    throw new UsageError(`--unsafe-break must be one of ${AGENT_BREAK_MODES.join('|')}, got "${unsafeBreak}"`, '--unsafe-break');
  }
  const log = processLogger(((v['log-level'] as string | undefined) ?? 'info') as LogLevel, { name: 'shoal-agent' });
  if (unsafeBreak) {
    log.warn(
      { event: 'unsafe-break', mode: unsafeBreak },
      `UNSAFE: --unsafe-break=${unsafeBreak}: this agent breaks its guarantees on purpose (chaos harness self-test only); never use it for real pods`,
    );
  }
  await mkdir(dataDir, { recursive: true });
  let network: BridgePodNetwork | undefined;

  const agent = new Agent({
    name,
    endpoints,
    dataDir,
    nodeIp: (v['node-ip'] as string | undefined) ?? defaultNodeIp(),
    labels,
    capacity,
    logger: log,
    ...(unsafeBreak === 'hide-dead-containers' ? { unsafeHideDeadContainers: true } : {}),
    clusterDns: {
      domain: clusterDomain,
      // Pods reach the bridge address as their gateway; without a pod network there is no
      // address every pod can reach, so DNS stays off unless an address is given.
      listen: () => clusterDns ?? (network ? { host: network.gateway, port: 53 } : undefined),
    },
    makeRuntime: async (podCidr): Promise<Runtime> => {
      let pn: PodNetwork | undefined;
      if (podNetworkFlag === 'true' && podCidr) {
        network = new BridgePodNetwork({ podCidr, dataDir, bridge: v.bridge as string | undefined, logger: log });
        await network.setup();
        pn = network;
      }
      log.info({ event: 'runtime-selected', runtime: kind, podCidr, podNetwork: !!pn }, `runtime: ${kind}${pn ? `, pods on ${podCidr}` : ', pods share the host network'}`);
      return kind === 'docker' ? new DockerRuntime({ socketPath, network: pn, logger: log, node: name }) : new ProcessRuntime({ dataDir, podNetwork: pn, logger: log, netnsPrefix: `shoal-${name}-`, warmSandboxes });
    },
    serviceProxy: (sources) => {
      if (proxyMode === 'none') return undefined;
      // Without a bridge, host traffic to a virtual IP has no route to reach the NAT rules; pods
      // (which only exist with a pod network) would not need one.
      return makeServiceProxy({ mode: proxyMode as ProxyMode, nodeName: name, serviceCidr, clusterCidr, routeDev: network?.bridge, ...sources, logger: log });
    },
    onPeers: (peers) => {
      if (network) void network.routeToPeers(peers.filter((p) => p.podCidr && p.nodeIp).map((p) => ({ podCidr: p.podCidr, nodeIp: p.nodeIp })));
    },
  });
  agent.start();
  return new Promise<number>((resolve) => {
    const shutdown = (reason: string) => {
      log.info({ event: 'agent-shutdown', reason }, 'stopping (containers keep running; the masters hold the node for --agent-restart-hold)');
      agent.stop({ goingAway: true }).then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
    // Started by `shoal up`: stop with it rather than run on as an orphan.
    if (process.env[EXIT_WITH_PARENT_ENV] === '1') {
      const parent = process.ppid;
      setInterval(() => process.ppid !== parent && shutdown('parent exited'), 500).unref();
    }
  });
}
