// The process runtime gives a pod with DNS settings its own /etc/resolv.conf (a private mount
// namespace per container), keeps the shim's contract (exit codes, logs, adoption by a new
// runtime), lets exec see the same file, and never changes the host's. Root, in the sandbox.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessRuntime } from '../../../src/node/runtime/process-runtime.ts';
import type { ContainerSpec, Sandbox } from '../../../src/node/runtime/runtime.ts';
import { BUSYBOX, inSandbox } from '../netns-harness.ts';

const logger = pino({ level: process.env.SHOAL_TEST_LOG ?? 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const spec = (name: string, script: string, extra: Partial<ContainerSpec> = {}): ContainerSpec => ({
  name,
  image: 'busybox',
  imagePullPolicy: 'IfNotPresent',
  command: [BUSYBOX, 'sh', '-c', script],
  args: [],
  env: {},
  mounts: [],
  cpuLimit: 0,
  memoryLimitBytes: 0,
  attempt: 0,
  ...extra,
});
const mountsOnResolvConf = () => readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.split(' ')[4] === '/etc/resolv.conf').length;

describe.skipIf(!inSandbox())('process runtime: a pod resolv.conf in a private mount namespace', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shoal-resolv-'));
  const tag = `${process.pid}`;
  const hostResolv = readFileSync('/etc/resolv.conf', 'utf8');
  const hostMounts = mountsOnResolvConf();
  const dns = { nameservers: ['10.244.1.1'], searches: ['team-a.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] };
  let rt: ProcessRuntime;
  let withDns: Sandbox;
  let without: Sandbox;

  const logOf = async (r: ProcessRuntime, id: string, text: string) => {
    for (let i = 0; i < 200; i++) {
      let out = '';
      for await (const c of await r.logs(id, { follow: false })) out += c.toString();
      if (out.includes(text)) return out;
      await sleep(25);
    }
    throw new Error(`log of ${id} never showed ${text}`);
  };

  beforeAll(async () => {
    rt = new ProcessRuntime({ dataDir, logger, cgroupName: `shoal-resolv-${tag}` });
    withDns = await rt.runSandbox({ uid: `resolv-${tag}-a`, namespace: 'team-a', name: 'a', hostname: 'a', dns });
    without = await rt.runSandbox({ uid: `resolv-${tag}-b`, namespace: 'team-a', name: 'b', hostname: 'b' });
  });

  afterAll(async () => {
    await rt?.removeSandbox(withDns?.uid ?? '');
    await rt?.removeSandbox(without?.uid ?? '');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the container reads the pod resolv.conf; a pod without DNS settings reads the host one; the host file is untouched', async () => {
    const a = await rt.startContainer(withDns, spec('c', 'cat /etc/resolv.conf; echo END; exec sleep 60', { workingDir: '/tmp' }));
    const b = await rt.startContainer(without, spec('c', 'cat /etc/resolv.conf; echo END; exec sleep 60'));
    const logA = await logOf(rt, a, 'END');
    expect(logA).toContain('nameserver 10.244.1.1');
    expect(logA).toContain('search team-a.svc.cluster.local svc.cluster.local cluster.local');
    expect(logA).toContain('options ndots:5');
    const logB = await logOf(rt, b, 'END');
    expect(logB).not.toContain('10.244.1.1');
    expect(readFileSync('/etc/resolv.conf', 'utf8')).toBe(hostResolv);
    expect(mountsOnResolvConf()).toBe(hostMounts);
    // exec joins the container's mount namespace, in its working directory.
    const ex = await rt.execSync(a, [BUSYBOX, 'sh', '-c', 'pwd; cat /etc/resolv.conf'], 5000);
    expect(ex.exitCode).toBe(0);
    expect(ex.stdout).toMatch(/^\/tmp\nnameserver 10\.244\.1\.1\n/);
    expect((await rt.execSync(b, [BUSYBOX, 'cat', '/etc/resolv.conf'], 5000)).stdout).toBe(hostResolv);
  });

  it('keeps the shim contract: a new runtime adopts the container, exec still sees the pod file, the exit code is recorded', async () => {
    const [a] = (await rt.listContainers()).filter((c) => c.pod.uid === withDns.uid);
    expect(a.state).toBe('running');
    const again = new ProcessRuntime({ dataDir, logger, cgroupName: `shoal-resolv-${tag}` });
    const adopted = (await again.listContainers()).find((c) => c.id === a.id)!;
    expect(adopted.state).toBe('running');
    expect((await again.execSync(a.id, [BUSYBOX, 'cat', '/etc/resolv.conf'], 5000)).stdout).toContain('nameserver 10.244.1.1');
    await again.stopContainer(a.id, 2);
    const done = (await again.listContainers()).find((c) => c.id === a.id)!;
    expect(done).toMatchObject({ state: 'exited', exitCode: 143 });
    // A container that exits by itself reports its own code through the same path.
    const quick = await again.startContainer(withDns, spec('quick', 'grep -q 10.244.1.1 /etc/resolv.conf && exit 7'));
    for (let i = 0; i < 200 && (await again.listContainers()).find((c) => c.id === quick)!.state !== 'exited'; i++) await sleep(25);
    expect((await again.listContainers()).find((c) => c.id === quick)).toMatchObject({ state: 'exited', exitCode: 7 });
    expect(readFileSync('/etc/resolv.conf', 'utf8')).toBe(hostResolv);
    await again.close();
  });
});
