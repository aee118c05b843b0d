// Flag parsing in-process (fast): what the flags turn into, and that every bad value is a
// UsageError naming its flag.
import { describe, expect, it } from 'vitest';
import { MASTER_USAGE, parseMasterFlags } from '../../src/cli/master-flags.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import type { MasterConfig } from '../../src/master/config.ts';
import { clusterId, memberId } from '../../src/master/member-id.ts';

const CLUSTER = 'a=http://127.0.0.1:2380,b=http://127.0.0.1:2381,c=http://127.0.0.1:2382';

function config(args: string[]): MasterConfig {
  const r = parseMasterFlags(args);
  if (r.help) throw new Error('unexpected help');
  return r.config;
}

function usageError(args: string[]): UsageError {
  try {
    parseMasterFlags(args);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`no UsageError for ${JSON.stringify(args)}`);
}

describe('shoal master flags', () => {
  it('turns etcd-style flags into a config with ticks, ids and addresses', () => {
    const c = config([
      '--name', 'b',
      '--initial-cluster', CLUSTER,
      '--initial-advertise-peer-urls', 'http://127.0.0.1:2381',
      '--listen-peer-urls', 'http://127.0.0.1:2381',
      '--listen-client-urls=http://127.0.0.1:2479',
      '--heartbeat-interval=100',
      '--election-timeout=1000',
      '--initial-cluster-token=t1',
    ]);
    expect(c).toMatchObject({ name: 'b', listenPeer: '127.0.0.1:2381', listenClient: '127.0.0.1:2479', tickMs: 10, heartbeatTick: 10, electionTick: 100 });
    expect(c.dataDir).toBe('b.shoal');
    expect(c.snapshotCount).toBe(10000);
    expect(c.initialCluster.map((m) => m.peerAddress)).toEqual(['127.0.0.1:2380', '127.0.0.1:2381', '127.0.0.1:2382']);
    expect(c.id).toBe(memberId('http://127.0.0.1:2381', 't1'));
    expect(c.clusterId).toBe(clusterId('t1'));
  });

  it('gives every member the same cluster id and stable, distinct, 52-bit member ids', () => {
    const configs = ['a', 'b', 'c'].map((name, i) =>
      config([`--name=${name}`, `--initial-cluster=${CLUSTER}`, `--initial-advertise-peer-urls=http://127.0.0.1:${2380 + i}`]),
    );
    expect(new Set(configs.map((c) => c.clusterId)).size).toBe(1);
    expect(new Set(configs.map((c) => c.id)).size).toBe(3);
    for (const c of configs) {
      expect(Number.isSafeInteger(c.id) && c.id > 0 && c.id < 2 ** 52).toBe(true);
      expect(c.clusterId < 2 ** 52).toBe(true);
    }
    // Another token is another cluster.
    const other = config(['--name=a', `--initial-cluster=${CLUSTER}`, '--initial-advertise-peer-urls=http://127.0.0.1:2380', '--initial-cluster-token=x']);
    expect(other.id).not.toBe(configs[0].id);
    expect(other.clusterId).not.toBe(configs[0].clusterId);
  });

  it('starts a one-member cluster from no flags at all, like etcd', () => {
    const c = config([]);
    expect(c.initialCluster).toHaveLength(1);
    expect(c.initialCluster[0]).toMatchObject({ name: 'default', peerUrl: 'http://127.0.0.1:2380' });
  });

  const bad: [string[], string, RegExp][] = [
    [['--name=n4', `--initial-cluster=${CLUSTER}`], '--initial-cluster', /member "n4" missing from the list/],
    [['--name=a', '--initial-cluster=a=http://127.0.0.1:1,a=http://127.0.0.1:2', '--initial-advertise-peer-urls=http://127.0.0.1:1'], '--initial-cluster', /listed twice/],
    [['--name=a', '--initial-cluster=a=http://127.0.0.1:1,b=http://127.0.0.1:1', '--initial-advertise-peer-urls=http://127.0.0.1:1'], '--initial-cluster', /share the peer URL/],
    [['--initial-cluster=default'], '--initial-cluster', /not NAME=URL/],
    [['--name=a', `--initial-cluster=${CLUSTER}`, '--initial-advertise-peer-urls=http://127.0.0.1:2399'], '--initial-advertise-peer-urls', /does not match/],
    [['--initial-advertise-peer-urls=http://0.0.0.0:2380'], '--initial-advertise-peer-urls', /cannot dial/],
    [['--heartbeat-interval=300', '--election-timeout=300'], '--heartbeat-interval', /must be < --election-timeout/],
    [['--heartbeat-interval=15'], '--heartbeat-interval', /multiple of 10/],
    [['--heartbeat-interval=0'], '--heartbeat-interval', /at least 10/],
    [['--election-timeout=-5'], '--election-timeout', /whole number/],
    [['--election-timeout=60000'], '--election-timeout', /at most 50000/],
    [['--snapshot-count=0'], '--snapshot-count', /at least 1/],
    [['--snapshot-count=1e3'], '--snapshot-count', /whole number/],
    [['--initial-cluster-state=old'], '--initial-cluster-state', /"new" or "existing"/],
    [['--log-level=loud'], '--log-level', /one of/],
    [['--listen-peer-urls=https://127.0.0.1:2380'], '--listen-peer-urls', /https is not supported/],
    [['--listen-peer-urls=http://127.0.0.1'], '--listen-peer-urls', /explicit port/],
    [['--listen-client-urls=http://127.0.0.1:1/v3'], '--listen-client-urls', /no path/],
    [['--listen-client-urls=http://127.0.0.1:1,http://127.0.0.1:2'], '--listen-client-urls', /exactly one URL/],
    [['--advertise-client-urls=nonsense'], '--advertise-client-urls', /not a URL/],
    [['--name=a b'], '--name', /letters, digits/],
    [['--name='], '--name', /must not be empty/],
    [['--name', '--data-dir=x'], '--name', /needs a value/],
    [['--name=a', '--name=b'], '--name', /given 2 times/],
    [['--bogus'], '--bogus', /unknown flag --bogus/],
    [['--unsafe-break=everything'], '--unsafe-break', /one of stale-reads/],
    [['--unsafe-break='], '--unsafe-break', /must not be empty/],
    [['--unhealthy-zone-threshold=1.5'], '--unhealthy-zone-threshold', /between 0 and 1/],
    [['--unhealthy-zone-threshold=most'], '--unhealthy-zone-threshold', /between 0 and 1/],
    [['--secondary-node-eviction-rate=0'], '--secondary-node-eviction-rate', /nodes a second/],
  ];

  it('node lifecycle flags reach the controllers: restart hold, disruption threshold and rate', () => {
    const c = config(['--agent-restart-hold=10s', '--unhealthy-zone-threshold=0.7', '--secondary-node-eviction-rate=0.5']);
    expect(c.control.controllers).toMatchObject({ agentRestartHoldMs: 10_000, unhealthyZoneThreshold: 0.7, secondaryNodeEvictionRate: 0.5 });
    expect(config([]).control.controllers).toMatchObject({ agentRestartHoldMs: 30_000, unhealthyZoneThreshold: 0.55, secondaryNodeEvictionRate: 0.1 });
  });
  it.each(bad)('rejects %j naming %s', (args, flag, message) => {
    const err = usageError(args);
    expect(err.flag).toBe(flag);
    expect(err.message).toContain(flag);
    expect(err.message).toMatch(message);
  });

  it('--unsafe-break=stale-reads is testing only: absent from the config unless given, listed apart in the usage', () => {
    expect('unsafeBreak' in config([])).toBe(false);
    expect(config(['--unsafe-break=stale-reads']).unsafeBreak).toBe('stale-reads');
    const [normal, testingOnly] = MASTER_USAGE.split(/\n\s*TESTING ONLY/);
    expect(normal).not.toContain('unsafe');
    expect(testingOnly).toContain('--unsafe-break stale-reads');
  });
});
