// The chaos harness's self-test for its recovery check: a real `shoal agent` started with
// --unsafe-break=hide-dead-containers keeps reporting a killed container as running and Ready
// and never restarts it, while an honest agent beside it restarts its own and says so. Both
// agents are real processes on the process runtime against a real master, on loopback only
// (no pod network, no service proxy), so this runs outside the network sandbox.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAK_MODES } from '../../chaos/break-modes.ts';
import { ApiClient, type Obj } from '../../src/client/api-client.ts';
import { MasterProcess } from '../../src/cli/master-process.ts';
import { TestCluster, waitFor } from '../cli/harness.ts';

const BUSYBOX = '/bin/busybox';
/** Three of the agent's 2 s resyncs plus the 1 s first back-off: an honest agent restarts well within it. */
const LIE_WINDOW_MS = 7000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
};

describe('chaos self-test: an agent that hides dead containers is caught', () => {
  const mode = BREAK_MODES['hide-dead-containers'];
  const cluster = new TestCluster();
  const dir = mkdtempSync(path.join(tmpdir(), 'shoal-break-agent-'));
  const agents = new Map<string, MasterProcess>();
  const pids: number[] = [];
  let api: ApiClient;

  const startAgent = (node: string, extra: string[]) => {
    const args = [
      `--name=${node}`,
      `--data-dir=${path.join(dir, node)}`,
      `--endpoints=${cluster.members[0].endpoint}`,
      '--runtime=process',
      // Loopback only: no bridge, no namespaces, no NAT rules.
      '--pod-network=false',
      '--proxy-mode=none',
      '--node-ip=127.0.0.1',
      ...extra,
    ];
    agents.set(node, new MasterProcess({ name: node, command: 'agent', args, logFile: path.join(dir, `${node}.log`) }));
  };

  const unsafeBreakLines = (node: string) =>
    readFileSync(path.join(dir, `${node}.log`), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"unsafe-break"'))
      .map((l) => JSON.parse(l) as { level: number; event: string; mode: string });

  const pidFile = (pod: string) => path.join(dir, `${pod}.pid`);
  const readPid = (pod: string) => (existsSync(pidFile(pod)) ? Number(readFileSync(pidFile(pod), 'utf8').trim()) || undefined : undefined);

  /** A long sleep whose pid (the same after exec) lands in a file, so the test can kill it. */
  const runPod = async (pod: string, node: string) => {
    await api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: pod },
      spec: {
        nodeName: node,
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 1,
        containers: [{ name: 'app', image: 'busybox', command: [BUSYBOX, 'sh', '-c', `echo $$ > ${pidFile(pod)}; exec ${BUSYBOX} sleep 3600`] }],
      },
    });
    const running = await waitFor(
      async () => {
        const p = await api.get('pods', 'default', pod).catch(() => undefined);
        const c = p?.status?.containerStatuses?.[0];
        const pid = readPid(pod);
        return c?.state?.running && c.ready && pid && alive(pid) ? { pod: p!, pid } : undefined;
      },
      20_000,
      () => `pod ${pod} never ran on ${node}; agent log ${path.join(dir, `${node}.log`)}`,
    );
    pids.push(running.pid);
    expect(readFileSync(`/proc/${running.pid}/cmdline`, 'utf8')).toContain('sleep');
    return running;
  };

  const container = (p: Obj) => p.status.containerStatuses[0] as Obj;
  const podReady = (p: Obj) => p.status.conditions.some((c: Obj) => c.type === 'Ready' && c.status === 'True');

  beforeAll(async () => {
    await cluster.start(1, ['--controllers=true']);
    await cluster.waitForLeader();
    api = new ApiClient([cluster.members[0].endpoint]);
    await waitFor(async () => (await api.get('namespaces', '', 'default').catch(() => undefined)) ?? undefined, 15_000, () => 'no default namespace');
    startAgent('honest-node', []);
    startAgent('broken-node', [mode.flag]);
    for (const node of agents.keys()) {
      await waitFor(
        async () => {
          const n = await api.get('nodes', '', node).catch(() => undefined);
          return n?.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True') ? true : undefined;
        },
        20_000,
        () => `${node} never registered Ready; log ${path.join(dir, `${node}.log`)}`,
      );
    }
  }, 90_000);

  afterAll(async () => {
    // Containers outlive their agent by design: delete the pods while the agents still run.
    for (const p of (await api?.list('pods', 'default').catch(() => ({ items: [] as Obj[] })))?.items ?? []) {
      await api.delete('pods', 'default', p.metadata.name, { gracePeriodSeconds: 1 }).catch(() => undefined);
    }
    await waitFor(async () => ((await api.list('pods', 'default')).items.length === 0 ? true : undefined), 15_000, () => 'pods not cleaned up').catch(() => undefined);
    await Promise.all([...agents.values()].map((a) => a.stop(5000)));
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    api?.close();
    await cluster.stop();
    if (process.env.SHOAL_TEST_KEEP === '1') console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('only the broken agent warns, once, at warn level', () => {
    expect(unsafeBreakLines('honest-node')).toEqual([]);
    const lines = unsafeBreakLines('broken-node');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, event: 'unsafe-break', mode: 'hide-dead-containers' });
  });

  it('an honest agent restarts a killed container and reports the restart', async () => {
    const { pid } = await runPod('honest', 'honest-node');
    process.kill(pid, 'SIGKILL');
    const after = await waitFor(
      async () => {
        const p = await api.get('pods', 'default', 'honest');
        const c = container(p);
        return c.restartCount >= 1 && c.lastState?.terminated && c.state?.running ? p : undefined;
      },
      LIE_WINDOW_MS,
      () => 'the honest agent did not report the restart in time',
    );
    expect(container(after).lastState.terminated.exitCode).toBe(137);
    const newPid = readPid('honest');
    expect(newPid).not.toBe(pid);
    pids.push(newPid!);
  }, 60_000);

  it('a broken agent keeps claiming running and Ready with no restart while the process is gone', async () => {
    const { pid } = await runPod('broken', 'broken-node');
    process.kill(pid, 'SIGKILL');
    await waitFor(async () => (alive(pid) ? undefined : true), 5000, () => `pid ${pid} survived SIGKILL`);
    const until = Date.now() + LIE_WINDOW_MS;
    let seen: Obj | undefined;
    while (Date.now() < until) {
      seen = await api.get('pods', 'default', 'broken');
      const c = container(seen);
      // Every view in the window is the lie: nothing the recovery check could notice here.
      expect(c.state.running, JSON.stringify(c)).toBeTruthy();
      expect(c.ready).toBe(true);
      expect(c.restartCount).toBe(0);
      expect(c.lastState).toEqual({});
      expect(podReady(seen)).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(seen!.status.phase).toBe('Running');
    expect(alive(pid)).toBe(false);
    expect(readPid('broken')).toBe(pid); // never started again
    expect(mode.caughtBy).toBe('not-recovered');
  }, 60_000);
});
