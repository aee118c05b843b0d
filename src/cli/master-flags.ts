// `shoal master` flags. Names and meanings follow etcd's, so an etcd command line (its
// subset that shoal knows) starts a shoal master. Every value is checked here, and a bad
// one is a UsageError naming the flag and the reason.
import { MASTER_BREAK_MODES, type ClusterMember, type LogLevel, type MasterBreakMode, type MasterConfig } from '../master/config.ts';
import { clusterId, memberId } from '../master/member-id.ts';
import { isUnspecifiedHost, parseHttpUrl, parseUrlList, UrlError, type HttpUrl } from '../master/urls.ts';
import { parseFlags, type FlagSpec } from './args.ts';
import { DEFAULT_WATCH_LIMITS } from '../store/etcd/watch-service.ts';
import { UsageError } from './usage-error.ts';

/** Raft's logical clock; heartbeat and election timeouts are whole multiples of it. */
export const TICK_MS = 10;
const MAX_ELECTION_MS = 50_000; // etcd's ceiling too

const FLAGS = {
  name: {},
  'data-dir': {},
  'listen-peer-urls': {},
  'initial-advertise-peer-urls': {},
  'listen-client-urls': {},
  'advertise-client-urls': {},
  'initial-cluster': {},
  'initial-cluster-state': {},
  'initial-cluster-token': {},
  'heartbeat-interval': {},
  'election-timeout': {},
  'snapshot-count': {},
  'snapshot-catchup-entries': {},
  'quota-backend-bytes': {},
  'max-request-bytes': {},
  'max-txn-ops': {},
  'auto-compaction-retention': {},
  'auto-compaction-mode': {},
  'experimental-watch-progress-notify-interval': {},
  'log-level': {},
  api: {},
  controllers: {},
  'leader-elect-lease-duration': {},
  'node-monitor-grace-period': {},
  'pod-eviction-timeout': {},
  'agent-restart-hold': {},
  'unhealthy-zone-threshold': {},
  'secondary-node-eviction-rate': {},
  'service-cluster-ip-range': {},
  'service-node-port-range': {},
  'unsafe-break': {},
  help: { boolean: true, short: 'h' },
} satisfies Record<string, FlagSpec>;

type Flag = keyof typeof FLAGS;

export const MASTER_USAGE = `usage: shoal master [flags]

  --name NAME                        member name (default "default")
  --data-dir DIR                     where the Raft log lives (default "<name>.shoal")
  --listen-peer-urls URL             Raft peer traffic (default http://127.0.0.1:2380)
  --initial-advertise-peer-urls URL  this member's peer URL as the others dial it
                                     (default http://127.0.0.1:2380; must match --initial-cluster)
  --listen-client-urls URL           client gRPC (control API) (default http://127.0.0.1:2379)
  --advertise-client-urls URL,...    client URLs to tell clients (default http://127.0.0.1:2379)
  --initial-cluster NAME=URL,...     founding members (default "<name>=<advertised peer URL>")
  --initial-cluster-state new|existing  found a new cluster, or join a running one (default new)
  --initial-cluster-token TOKEN      tells clusters apart (default "shoal-cluster")
  --heartbeat-interval MS            leader heartbeat (default 50; multiple of ${TICK_MS})
  --election-timeout MS              follower timeout before campaigning (default 300; multiple of ${TICK_MS})
  --snapshot-count N                 applied entries between snapshots (default 10000)
  --snapshot-catchup-entries N       entries kept behind a snapshot for slow followers (default 5000)
  --quota-backend-bytes N            store size that raises the NOSPACE alarm (default 2 GiB)
  --max-request-bytes N              largest client request (default 1572864)
  --max-txn-ops N                    most operations in one txn (default 128)
  --auto-compaction-retention R      0 = off; periodic mode: hours ("1") or a duration
                                     ("30m", "10s"); revision mode: revisions to keep
  --auto-compaction-mode periodic|revision  (default periodic)
  --experimental-watch-progress-notify-interval D  progress notifications (default 10m)
  --log-level LEVEL                  trace|debug|info|warn|error|fatal|silent (default info)

  Control plane (the scheduler and controllers run on the master holding their lease):
  --api true|false                   serve the resource API and create the system namespaces
                                     (default true; false = a plain etcd-compatible store)
  --controllers true|false           run the scheduler and controllers here (default true;
                                     never with --api=false)
  --leader-elect-lease-duration D    their leases; a dead holder is replaced within it (default 2s)
  --node-monitor-grace-period D      a node not heard from for this long is NotReady (default 3s)
  --pod-eviction-timeout D           pods on a NotReady node are replaced after this (default 500ms)
  --agent-restart-hold D             an agent stopped on purpose (SIGTERM: pods left running) has
                                     this long to come back before its pods are replaced (default 30s)
  --unhealthy-zone-threshold F       more than this share of 5+ nodes not Ready is a partial
                                     disruption (default 0.55)
  --secondary-node-eviction-rate R   nodes a second whose pods are evicted then (default 0.1)
  --service-cluster-ip-range CIDR    service virtual IPs (default 10.96.0.0/16)
  --service-node-port-range A-B      NodePorts (default 30000-32767)

  Only http:// URLs; a restarted master finds its state in --data-dir and ignores
  --initial-cluster-state.

  TESTING ONLY (breaks shoal on purpose, so the chaos harness can prove its checkers fail):
  --unsafe-break stale-reads         serve linearizable reads from local state, no ReadIndex`;

const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export type MasterFlagsResult = { help: true } | { help: false; config: MasterConfig };

export function parseMasterFlags(argv: string[]): MasterFlagsResult {
  const { values } = parseFlags(argv, FLAGS);
  if (values.help) return { help: true };
  const str = (f: Exclude<Flag, 'help'>, dflt: string): string => {
    const v = values[f];
    if (v === undefined) return dflt;
    if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${f} must not be empty`, `--${f}`);
    return v.trim();
  };

  const name = str('name', 'default');
  if (!NAME_RE.test(name)) {
    throw new UsageError(`--name "${name}": use letters, digits, ".", "_" and "-" (starting with a letter or digit)`, '--name');
  }
  const token = str('initial-cluster-token', 'shoal-cluster');

  const listenPeer = single('listen-peer-urls', str('listen-peer-urls', 'http://127.0.0.1:2380'));
  const listenClient = single('listen-client-urls', str('listen-client-urls', 'http://127.0.0.1:2379'));
  const advertisePeer = single('initial-advertise-peer-urls', str('initial-advertise-peer-urls', 'http://127.0.0.1:2380'));
  if (isUnspecifiedHost(advertisePeer.hostname)) {
    throw new UsageError(`--initial-advertise-peer-urls "${advertisePeer.url}": other members cannot dial ${advertisePeer.hostname}; advertise a real address`, '--initial-advertise-peer-urls');
  }
  const advertiseClient = urls('advertise-client-urls', str('advertise-client-urls', 'http://127.0.0.1:2379'));

  const initialCluster = parseInitialCluster(str('initial-cluster', `${name}=${advertisePeer.url}`), token);
  const self = initialCluster.find((m) => m.name === name);
  if (!self) throw new UsageError(`--initial-cluster: member "${name}" missing from the list`, '--initial-cluster');
  if (self.peerUrl !== advertisePeer.url) {
    throw new UsageError(
      `--initial-advertise-peer-urls "${advertisePeer.url}" does not match --initial-cluster entry ${name}=${self.peerUrl}`,
      '--initial-advertise-peer-urls',
    );
  }

  const clusterState = str('initial-cluster-state', 'new');
  if (clusterState !== 'new' && clusterState !== 'existing') {
    throw new UsageError(`--initial-cluster-state must be "new" or "existing", got "${clusterState}"`, '--initial-cluster-state');
  }

  const heartbeatMs = integer('heartbeat-interval', str('heartbeat-interval', '50'), TICK_MS);
  const electionMs = integer('election-timeout', str('election-timeout', '300'), TICK_MS);
  for (const [f, ms] of [['heartbeat-interval', heartbeatMs], ['election-timeout', electionMs]] as const) {
    if (ms % TICK_MS !== 0) throw new UsageError(`--${f} must be a multiple of ${TICK_MS} ms (the Raft tick), got ${ms}`, `--${f}`);
  }
  if (heartbeatMs >= electionMs) {
    throw new UsageError(`--heartbeat-interval must be < --election-timeout (got ${heartbeatMs} >= ${electionMs})`, '--heartbeat-interval');
  }
  if (electionMs > MAX_ELECTION_MS) throw new UsageError(`--election-timeout must be at most ${MAX_ELECTION_MS} ms, got ${electionMs}`, '--election-timeout');

  const snapshotCount = integer('snapshot-count', str('snapshot-count', '10000'), 1);
  const snapshotCatchupEntries = integer('snapshot-catchup-entries', str('snapshot-catchup-entries', '5000'), 1);

  const quotaBackendBytes = integer('quota-backend-bytes', str('quota-backend-bytes', String(2 * 1024 ** 3)), 0);
  const maxRequestBytes = integer('max-request-bytes', str('max-request-bytes', '1572864'), 1);
  const maxTxnOps = integer('max-txn-ops', str('max-txn-ops', '128'), 1);
  const compactionMode = str('auto-compaction-mode', 'periodic');
  if (compactionMode !== 'periodic' && compactionMode !== 'revision') {
    throw new UsageError(`--auto-compaction-mode must be "periodic" or "revision", got "${compactionMode}"`, '--auto-compaction-mode');
  }
  const retentionRaw = str('auto-compaction-retention', '0');
  const autoCompaction =
    compactionMode === 'revision'
      ? { mode: 'revision' as const, retention: integer('auto-compaction-retention', retentionRaw, 0) }
      : { mode: 'periodic' as const, retention: duration('auto-compaction-retention', retentionRaw, 3_600_000) };
  const progressNotifyMs = duration('experimental-watch-progress-notify-interval', str('experimental-watch-progress-notify-interval', '10m'), 1000);
  if (progressNotifyMs <= 0) throw new UsageError('--experimental-watch-progress-notify-interval must be positive', '--experimental-watch-progress-notify-interval');

  const bool = (f: 'api' | 'controllers'): boolean => {
    const v = str(f, 'true');
    if (v !== 'true' && v !== 'false') throw new UsageError(`--${f} must be true or false, got "${v}"`, `--${f}`);
    return v === 'true';
  };
  const api = bool('api');
  const controllers = bool('controllers') && api;
  const leaseDurationMs = duration('leader-elect-lease-duration', str('leader-elect-lease-duration', '2s'), 1000);
  if (leaseDurationMs < 500) throw new UsageError(`--leader-elect-lease-duration must be at least 500ms, got ${leaseDurationMs} ms`, '--leader-elect-lease-duration');
  const nodeGracePeriodMs = duration('node-monitor-grace-period', str('node-monitor-grace-period', '3s'), 3000);
  const podEvictionTimeoutMs = duration('pod-eviction-timeout', str('pod-eviction-timeout', '500ms'), 1000);
  const agentRestartHoldMs = duration('agent-restart-hold', str('agent-restart-hold', '30s'), 1000);
  const unhealthyZoneThreshold = Number(str('unhealthy-zone-threshold', '0.55'));
  if (!(unhealthyZoneThreshold > 0 && unhealthyZoneThreshold < 1)) throw new UsageError(`--unhealthy-zone-threshold must be a number between 0 and 1, got "${str('unhealthy-zone-threshold', '')}"`, '--unhealthy-zone-threshold');
  const secondaryNodeEvictionRate = Number(str('secondary-node-eviction-rate', '0.1'));
  if (!(secondaryNodeEvictionRate > 0 && secondaryNodeEvictionRate <= 100)) throw new UsageError(`--secondary-node-eviction-rate must be a number of nodes a second in (0, 100], got "${str('secondary-node-eviction-rate', '')}"`, '--secondary-node-eviction-rate');
  const serviceCidr = str('service-cluster-ip-range', '10.96.0.0/16');
  const cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(serviceCidr);
  if (!cidr || cidr.slice(1, 5).some((o) => Number(o) > 255) || Number(cidr[5]) < 8 || Number(cidr[5]) > 30) {
    throw new UsageError(`--service-cluster-ip-range must be an IPv4 CIDR with a prefix of /8 to /30, got "${serviceCidr}"`, '--service-cluster-ip-range');
  }
  const portRange = /^(\d+)-(\d+)$/.exec(str('service-node-port-range', '30000-32767'));
  const nodePortRange = portRange ? { min: Number(portRange[1]), max: Number(portRange[2]) } : undefined;
  if (!nodePortRange || nodePortRange.min < 1 || nodePortRange.max > 65535 || nodePortRange.min > nodePortRange.max) {
    throw new UsageError('--service-node-port-range must be MIN-MAX within 1-65535', '--service-node-port-range');
  }

  const unsafeBreak = values['unsafe-break'] === undefined ? undefined : str('unsafe-break', '');
  if (unsafeBreak !== undefined && !(MASTER_BREAK_MODES as readonly string[]).includes(unsafeBreak)) {
    throw new UsageError(`--unsafe-break must be one of ${MASTER_BREAK_MODES.join('|')}, got "${unsafeBreak}"`, '--unsafe-break');
  }

  const logLevel = str('log-level', 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join('|')}, got "${logLevel}"`, '--log-level');

  return {
    help: false,
    config: {
      name,
      id: self.id,
      clusterId: clusterId(token),
      dataDir: str('data-dir', `${name}.shoal`),
      listenPeer: listenPeer.hostPort,
      listenClient: listenClient.hostPort,
      advertisePeerUrl: advertisePeer.url,
      advertiseClientUrls: advertiseClient.map((u) => u.url),
      initialCluster,
      clusterState,
      token,
      tickMs: TICK_MS,
      heartbeatTick: heartbeatMs / TICK_MS,
      electionTick: electionMs / TICK_MS,
      snapshotCount,
      snapshotCatchupEntries,
      limits: { quotaBackendBytes, maxRequestBytes, maxTxnOps },
      autoCompaction,
      watch: { ...DEFAULT_WATCH_LIMITS, progressIntervalMs: progressNotifyMs },
      control: {
        api,
        enabled: controllers,
        leaseDurationMs,
        controllers: { nodeGracePeriodMs, podEvictionTimeoutMs, agentRestartHoldMs, unhealthyZoneThreshold, secondaryNodeEvictionRate, serviceCidr, nodePortRange },
      },
      logLevel,
      // Absent unless asked for, so a normal config is exactly what it was before the flag existed.
      ...(unsafeBreak !== undefined ? { unsafeBreak: unsafeBreak as MasterBreakMode } : {}),
    },
  };
}

function urls(flag: Flag, raw: string): HttpUrl[] {
  try {
    return parseUrlList(raw);
  } catch (err) {
    if (err instanceof UrlError) throw new UsageError(`--${flag}: ${err.message}`, `--${flag}`);
    throw err;
  }
}

/** The flags take a list in etcd; shoal binds and advertises one address per role so far. */
function single(flag: Flag, raw: string): HttpUrl {
  const list = urls(flag, raw);
  if (list.length !== 1) throw new UsageError(`--${flag}: give exactly one URL (got ${list.length}); several are not supported yet`, `--${flag}`);
  return list[0];
}

function integer(flag: Flag, raw: string, min: number): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${flag} must be a whole number, got "${raw}"`, `--${flag}`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${flag} is too large: ${raw}`, `--${flag}`);
  if (n < min) throw new UsageError(`--${flag} must be at least ${min}, got ${n}`, `--${flag}`);
  return n;
}

/** Milliseconds from "90s", "30m", "1h", "250ms", or a bare number of `unitMs`. */
function duration(flag: Flag, raw: string, unitMs: number): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw);
  if (!m) throw new UsageError(`--${flag} must be a number or a duration like 90s, 30m, 1h; got "${raw}"`, `--${flag}`);
  const scale = m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : m[2] === 'h' ? 3_600_000 : unitMs;
  return Math.round(Number(m[1]) * scale);
}

export function parseInitialCluster(raw: string, token: string): ClusterMember[] {
  const flag = '--initial-cluster';
  const members: ClusterMember[] = [];
  for (const part of raw.split(',')) {
    const entry = part.trim();
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag}: entry "${entry}" is not NAME=URL`, flag);
    const name = entry.slice(0, eq);
    if (!NAME_RE.test(name)) throw new UsageError(`${flag}: member name "${name}" has characters other than letters, digits, ".", "_", "-"`, flag);
    let url: HttpUrl;
    try {
      url = parseHttpUrl(entry.slice(eq + 1));
    } catch (err) {
      if (err instanceof UrlError) throw new UsageError(`${flag}: member "${name}": ${err.message}`, flag);
      throw err;
    }
    if (isUnspecifiedHost(url.hostname)) throw new UsageError(`${flag}: member "${name}": ${url.url} cannot be dialled`, flag);
    if (members.some((m) => m.name === name)) {
      // etcd allows several URLs per member; shoal's transport dials one.
      throw new UsageError(`${flag}: member "${name}" listed twice`, flag);
    }
    const clash = members.find((m) => m.peerUrl === url.url);
    if (clash) throw new UsageError(`${flag}: members "${clash.name}" and "${name}" share the peer URL ${url.url}`, flag);
    const id = memberId(url.url, token);
    if (members.some((m) => m.id === id)) throw new UsageError(`${flag}: member "${name}" hashes to an id already taken; change its peer URL`, flag);
    members.push({ name, id, peerUrl: url.url, peerAddress: url.hostPort });
  }
  return members;
}
