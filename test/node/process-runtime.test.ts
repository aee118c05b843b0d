// The process runtime, for real: containers are host processes under the Perl shim; pods with
// a network get namespaces on a BridgePodNetwork of a simulated node host. Runs inside the test
// sandbox (scripts/sandbox.sh) as root; every namespace, bridge and cgroup it makes is removed
// in afterAll.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BridgePodNetwork } from '../../src/node/network/pod-network.ts';
import { Cgroups } from '../../src/node/runtime/process/cgroups.ts';
import { isSameProcess } from '../../src/node/runtime/process/procfs.ts';
import { ProcessRuntime } from '../../src/node/runtime/process-runtime.ts';
import { RuntimeError, type ContainerSpec, type ContainerStatus, type Sandbox } from '../../src/node/runtime/runtime.ts';
import { BUSYBOX, inSandbox, NetnsHarness } from './netns-harness.ts';

const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });

function spec(name: string, command: string[], extra: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name,
    image: 'busybox',
    imagePullPolicy: 'IfNotPresent',
    command,
    args: [],
    env: {},
    mounts: [],
    cpuLimit: 0,
    memoryLimitBytes: 0,
    attempt: 0,
    ...extra,
  };
}

const sh = (script: string) => [BUSYBOX, 'sh', '-c', script];

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!inSandbox())('ProcessRuntime (in the test sandbox)', () => {
  let h: NetnsHarness;
  let dataDir: string;
  let rt: ProcessRuntime;
  let cgroupName: string;
  let uidSeq = 0;
  const runtimes: ProcessRuntime[] = [];

  const newRuntime = (extra: Partial<ConstructorParameters<typeof ProcessRuntime>[0]> = {}) => {
    const r = new ProcessRuntime({ dataDir, logger, cgroupName, netnsPrefix: `shoal-${h.tag}-`, ...extra });
    runtimes.push(r);
    return r;
  };

  async function pod(r = rt, name = `web-${++uidSeq}`): Promise<Sandbox> {
    return r.runSandbox({ uid: `uid-${h.tag}-${name}`, namespace: 'default', name, hostname: name });
  }

  async function status(id: string, r = rt): Promise<ContainerStatus> {
    const s = (await r.listContainers()).find((c) => c.id === id);
    if (!s) throw new Error(`no container ${id}`);
    return s;
  }

  async function waitExited(id: string, r = rt, ms = 10_000): Promise<ContainerStatus> {
    const deadline = Date.now() + ms;
    for (;;) {
      const s = await status(id, r);
      if (s.state === 'exited') return s;
      if (Date.now() > deadline) throw new Error(`container ${id} still ${s.state} after ${ms} ms`);
      await sleep(25);
    }
  }

  async function waitLog(id: string, text: string, r = rt, ms = 10_000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const log = await readAll(await r.logs(id, { follow: false }));
      if (log.includes(text)) return log;
      if (Date.now() > deadline) throw new Error(`container ${id} never logged ${JSON.stringify(text)}; log: ${log}`);
      await sleep(25);
    }
  }

  beforeAll(() => {
    h = new NetnsHarness();
    dataDir = mkdtempSync(join(h.tmp, 'agent-'));
    cgroupName = `shoal-test-${h.tag}`;
    rt = newRuntime();
  });

  afterAll(async () => {
    for (const r of runtimes) {
      for (const s of await r.listSandboxes()) await r.removeSandbox(s.uid).catch(() => undefined);
      await r.close();
    }
    h?.cleanup();
    if (cgroupName) Cgroups.detect(cgroupName).removeBases();
  });

  it('runs command and args with the spec env and working dir (not the agent env); exit code and log', async () => {
    const sb = await pod(rt, 'env-1');
    mkdirSync(join(h.tmp, 'cfg'), { recursive: true });
    expect(sb.ip).toBe(''); // no pod network given: host network
    const id = await rt.startContainer(
      sb,
      spec(
        'main',
        sh('echo "$GREETING $1 from $(pwd) on $HOSTNAME, sandbox=${SHOAL_SANDBOX:-unset} config=$SHOAL_MOUNT_ETC_CONFIG"; sleep 0.05; echo oops >&2; exit 3'),
        {
          args: ['sh', 'world'],
          env: { GREETING: 'hello' },
          workingDir: '/tmp',
          mounts: [{ hostPath: join(h.tmp, 'cfg'), containerPath: '/etc/config', readOnly: true }],
        },
      ),
    );
    const s = await waitExited(id);
    expect(s).toMatchObject({ state: 'exited', exitCode: 3, reason: 'Error', name: 'main', attempt: 0, image: 'busybox' });
    expect(s.pod).toEqual({ uid: sb.uid, namespace: 'default', name: 'env-1' });
    expect(s.finishedAt! >= s.startedAt!).toBe(true);
    expect(await readAll(await rt.logs(id, { follow: false }))).toBe(`hello world from /tmp on env-1, sandbox=unset config=${join(h.tmp, 'cfg')}\noops\n`);
    const stamped = await readAll(await rt.logs(id, { follow: false, timestamps: true }));
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z hello world/);
    expect(stamped.split('\n')[1]).toMatch(/^\S+Z oops$/);
  });

  it('mounts volumes at their paths in the container only: read-only ones so, a missing mountPath made on the host empty', async () => {
    const sb = await pod(rt, 'vol-1');
    const vol = join(h.tmp, 'vol-src');
    mkdirSync(vol, { recursive: true });
    writeFileSync(join(vol, 'k'), 'v\n');
    const existing = join(h.tmp, 'vol-existing');
    mkdirSync(existing, { recursive: true });
    writeFileSync(join(existing, 'original'), 'host\n');
    const missing = join(h.tmp, 'vol-missing', 'config');
    const script = `cat ${missing}/k; ls ${existing}; touch ${missing}/new 2>/dev/null && echo writable || echo read-only; touch ${existing}/new && echo writable`;
    const id = await rt.startContainer(sb, spec('main', sh(script), {
      mounts: [
        { hostPath: vol, containerPath: missing, readOnly: true },
        { hostPath: vol, containerPath: existing, readOnly: false },
      ],
    }));
    expect(await waitExited(id)).toMatchObject({ exitCode: 0 });
    expect(await readAll(await rt.logs(id, { follow: false }))).toBe('v\nk\nread-only\nwritable\n');
    // The host keeps its own: the made mount point is empty, the existing directory untouched;
    // the write through the read-write mount landed in the volume.
    expect(readdirSync(missing)).toEqual([]);
    expect(readdirSync(existing)).toEqual(['original']);
    expect(readdirSync(vol).sort()).toEqual(['k', 'new']);
    // A mountPath of / is refused, naming the field.
    await expect(rt.startContainer(sb, spec('bad', ['true'], { mounts: [{ hostPath: vol, containerPath: '/', readOnly: true }] }))).rejects.toThrow(/mountPath "\/"/);
  });

  it('reports 0 as Completed and a death by signal n as 128+n', async () => {
    const sb = await pod();
    const ok = await rt.startContainer(sb, spec('ok', ['true']));
    const term = await rt.startContainer(sb, spec('term', sh('kill -TERM $$')));
    const killed = await rt.startContainer(sb, spec('killed', sh('kill -KILL $$')));
    expect(await waitExited(ok)).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(await waitExited(term)).toMatchObject({ exitCode: 143, reason: 'Error' });
    expect(await waitExited(killed)).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('refuses what cannot start: a missing command (StartError, 128), no command, a missing working dir', async () => {
    const sb = await pod();
    const err = await rt.startContainer(sb, spec('missing', ['/nonexistent/cmd'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect(err).toMatchObject({ reason: 'RunContainerError' });
    expect((err as Error).message).toMatch(/nonexistent.*No such file/);
    const listed = (await rt.listContainers()).find((c) => c.pod.uid === sb.uid && c.name === 'missing');
    expect(listed).toMatchObject({ state: 'exited', exitCode: 128, reason: 'StartError' });
    await expect(rt.startContainer(sb, spec('empty', []))).rejects.toMatchObject({ reason: 'CreateContainerError' });
    await expect(rt.startContainer(sb, spec('nowd', ['true'], { workingDir: '/nonexistent-dir' }))).rejects.toMatchObject({ reason: 'CreateContainerError' });
  });

  it('restarts as a new attempt: logs of the previous instance, tail', async () => {
    const sb = await pod();
    const first = await rt.startContainer(sb, spec('app', sh('echo first; echo line2; echo line3; exit 1')));
    await waitExited(first);
    const second = await rt.startContainer(sb, spec('app', sh('echo second; exec sleep 30'), { attempt: 1 }));
    await waitLog(second, 'second');
    expect((await status(second)).state).toBe('running');
    expect(await readAll(await rt.logs(second, { follow: false, previous: true }))).toBe('first\nline2\nline3\n');
    expect(await readAll(await rt.logs(first, { follow: false, tailLines: 2 }))).toBe('line2\nline3\n');
    expect(await readAll(await rt.logs(first, { follow: false, tailLines: 0 }))).toBe('');
    expect(await readAll(await rt.logs(first, { follow: false, tailLines: 10 }))).toBe('first\nline2\nline3\n');
    await expect(rt.logs(first, { follow: false, previous: true })).rejects.toMatchObject({ reason: 'NotFound' });
    await rt.stopContainer(second, 5);
    expect(await status(second)).toMatchObject({ state: 'exited', exitCode: 143 });
  });

  it('stops with grace: SIGTERM to the group (a trap runs), SIGKILL after the grace period', async () => {
    const sb = await pod();
    const polite = await rt.startContainer(sb, spec('polite', sh('trap "echo bye; exit 0" TERM; echo ready; while :; do sleep 0.1; done')));
    await waitLog(polite, 'ready');
    let t0 = Date.now();
    await rt.stopContainer(polite, 5);
    expect(Date.now() - t0).toBeLessThan(5000); // it did not wait out the 5 s grace
    expect(await status(polite)).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    const politeLog = await readAll(await rt.logs(polite, { follow: false }));
    expect(politeLog.split('\n').filter((l) => l !== 'Terminated')).toEqual(['ready', 'bye', '']); // busybox sh may report its sleep "Terminated" on stderr

    const stubborn = await rt.startContainer(sb, spec('stubborn', sh('trap "" TERM; echo ready; while :; do sleep 0.1; done')));
    await waitLog(stubborn, 'ready');
    t0 = Date.now();
    await rt.stopContainer(stubborn, 1);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(1000);
    expect(took).toBeLessThan(10_000); // killed after the grace, not after the 10 s fallback
    expect(await status(stubborn)).toMatchObject({ state: 'exited', exitCode: 137 });
    await rt.stopContainer(stubborn, 1); // stopping a stopped container is fine
  });

  it('follows logs until the container ends', async () => {
    const sb = await pod();
    const id = await rt.startContainer(sb, spec('counter', sh('for i in 1 2 3 4 5; do echo "n=$i"; sleep 0.1; done')));
    const followed = await readAll(await rt.logs(id, { follow: true }));
    expect(followed).toBe('n=1\nn=2\nn=3\nn=4\nn=5\n');
    expect((await status(id)).state).toBe('exited');

    const long = await rt.startContainer(sb, spec('long', sh('echo a; echo b; echo c; while :; do sleep 0.1; done')));
    await waitLog(long, 'c');
    const stream = await rt.logs(long, { follow: true, tailLines: 1 });
    const got = readAll(stream);
    await sleep(200);
    await rt.stopContainer(long, 0);
    expect(await got).toBe('c\n');
  });

  it('exec and execSync run in the container environment; bounded output; timeouts', async () => {
    const sb = await pod();
    const id = await rt.startContainer(sb, spec('box', ['sleep', '30'], { env: { FOO: 'bar' }, workingDir: '/tmp' }));
    expect(await rt.execSync(id, sh('echo $FOO; pwd; echo err >&2; exit 4'), 5000)).toEqual({ exitCode: 4, stdout: 'bar\n/tmp\n', stderr: 'err\n' });
    const big = await rt.execSync(id, sh('yes | head -c 1000000'), 5000);
    expect(big.exitCode).toBe(0);
    expect(big.stdout.length).toBe(64 * 1024);
    const t0 = Date.now();
    await expect(rt.execSync(id, ['sleep', '5'], 200)).rejects.toMatchObject({ reason: 'DeadlineExceeded' });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect((await rt.execSync(id, ['/nonexistent/cmd'], 2000)).exitCode).toBe(127);

    const s = await rt.exec(id, ['cat'], { stdin: true });
    const out = readAll(s.stdout);
    s.stdin!.end('ping\n');
    expect(await s.exit).toBe(0);
    expect(await out).toBe('ping\n');

    await rt.stopContainer(id, 0);
    await expect(rt.execSync(id, ['true'], 1000)).rejects.toMatchObject({ reason: 'ContainerNotRunning' });
  });

  it('reports CPU (millicores over a window) and memory (RSS) from /proc', async () => {
    const sb = await pod();
    const busy = await rt.startContainer(sb, spec('busy', sh('while :; do :; done')));
    const idle = await rt.startContainer(sb, spec('idle', ['sleep', '30']));
    const b = await rt.stats(busy);
    const i = await rt.stats(idle);
    expect(b!.cpuMillicores).toBeGreaterThan(200); // ~1000 on an idle machine; loose for a busy 2-core one
    expect(b!.cpuMillicores).toBeLessThan(1200);
    expect(b!.memoryBytes).toBeGreaterThan(100 * 1024);
    expect(i!.cpuMillicores).toBeLessThan(100);
    await sleep(300);
    const b2 = await rt.stats(busy); // from the previous sample: no extra wait
    expect(b2!.cpuMillicores).toBeGreaterThan(200);
    await rt.stopContainer(busy, 0);
    expect(await rt.stats(busy)).toBeUndefined();
    await rt.stopContainer(idle, 0);
  });

  it('enforces CPU and memory limits with cgroups when the kernel has them', async (ctx) => {
    if (rt.limits.mode === 'none') ctx.skip();
    const sb = await pod();
    const busy = await rt.startContainer(sb, spec('capped', sh('while :; do :; done'), { cpuLimit: 0.2 }));
    const st = await rt.stats(busy);
    expect(st!.cpuMillicores).toBeGreaterThan(30);
    expect(st!.cpuMillicores).toBeLessThan(350); // 200m quota (20 ms per 100 ms period)
    await rt.removeContainer(busy);

    const hog = await rt.startContainer(sb, spec('hog', [BUSYBOX, 'dd', 'if=/dev/zero', 'of=/dev/null', 'bs=64M', 'count=1'], { memoryLimitBytes: 32 * 1024 * 1024 }));
    expect(await waitExited(hog)).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    const dirs = (JSON.parse(readFileSync(join(dataDir, 'process-runtime', 'containers', hog, 'state.json'), 'utf8')) as { cgroups: string[] }).cgroups;
    expect(dirs.length).toBeGreaterThan(0);
    await rt.removeContainer(hog);
    for (const d of dirs) {
      expect(existsSync(d)).toBe(false);
      expect(existsSync(dirname(d))).toBe(false); // the runtime's own level goes with its last container
    }
  });

  it('without root: host network (ip \'\') even with a pod network, and no limits', async () => {
    const spy = vi.spyOn(process as { getuid(): number }, 'getuid').mockReturnValue(1000);
    let plain: ProcessRuntime;
    try {
      const fakeNet = { podCidr: '10.244.8.0/24', attach: () => Promise.reject(new Error('must not be called')), detach: async () => {}, allocations: () => new Map<string, string>() };
      plain = newRuntime({ podNetwork: fakeNet, dataDir: mkdtempSync(join(h.tmp, 'agent-nonroot-')) });
      expect(plain.limits.mode).toBe('none');
    } finally {
      spy.mockRestore();
    }
    const sb = await pod(plain);
    expect(sb.ip).toBe('');
    expect(sb.id).toMatch(/^host-/);
    const id = await plain.startContainer(sb, spec('c', ['true'], { cpuLimit: 0.5, memoryLimitBytes: 1 << 26 }));
    expect(await waitExited(id, plain)).toMatchObject({ exitCode: 0 });
    await plain.removeSandbox(sb.uid);
  });

  it('checks images only when told which exist', async () => {
    expect(await rt.ensureImage('anything:1.0', 'Always')).toBe('process://anything:1.0');
    const picky = newRuntime({ images: ['busybox', 'registry.local/app:1.2'] });
    expect(await picky.ensureImage('busybox:1.36', 'IfNotPresent')).toBe('process://busybox:1.36');
    expect(await picky.ensureImage('docker.io/library/busybox', 'Never')).toBe('process://docker.io/library/busybox');
    expect(await picky.ensureImage('registry.local/app:1.2', 'IfNotPresent')).toBe('process://registry.local/app:1.2');
    await expect(picky.ensureImage('registry.local/app:1.3', 'IfNotPresent')).rejects.toMatchObject({ reason: 'ErrImagePull' });
    await expect(picky.ensureImage('nginx', 'Always')).rejects.toMatchObject({ reason: 'ErrImagePull' });
    await expect(picky.ensureImage('nginx', 'Never')).rejects.toMatchObject({ reason: 'ErrImageNeverPull' });
  });

  it('a new ProcessRuntime adopts what the old one started (running, exited with its code, unknowable, recycled pid)', async () => {
    const sb = await pod(rt, 'adopt');
    const long = await rt.startContainer(sb, spec('long', sh('trap "exit 0" TERM; while :; do echo tick; sleep 0.2; done')));
    const short = await rt.startContainer(sb, spec('short', sh('sleep 0.5; exit 7')));
    const lost = await rt.startContainer(sb, spec('lost', ['sleep', '30']));
    const recycled = await rt.startContainer(sb, spec('recycled', ['sleep', '30']));
    await waitLog(long, 'tick');
    await rt.close();
    const stateOf = (id: string) => JSON.parse(readFileSync(join(dataDir, 'process-runtime', 'containers', id, 'state.json'), 'utf8')) as Record<string, unknown>;

    // The shim and the process of `lost` die together: nobody can know its exit code.
    const l = stateOf(lost);
    process.kill(l.shimPid as number, 'SIGKILL');
    process.kill(l.pid as number, 'SIGKILL');
    // `recycled`: pretend its recorded pids belong to processes that started at another time.
    const r = stateOf(recycled);
    writeFileSync(
      join(dataDir, 'process-runtime', 'containers', recycled, 'state.json'),
      JSON.stringify({ ...r, pidStart: '1', shimStart: '1' }),
    );
    await sleep(800); // `short` ends meanwhile, with no runtime object watching

    const rt2 = newRuntime();
    rt = rt2;
    const sbs = await rt2.listSandboxes();
    expect(sbs.map((s) => s.uid)).toContain(sb.uid);
    expect(await status(long, rt2)).toMatchObject({ state: 'running', name: 'long' });
    expect(await status(short, rt2)).toMatchObject({ state: 'exited', exitCode: 7, reason: 'Error' });
    const lostStatus = await status(lost, rt2);
    expect(lostStatus).toMatchObject({ state: 'exited', reason: 'Unknown' });
    expect(lostStatus.exitCode).toBeUndefined();
    expect(await status(recycled, rt2)).toMatchObject({ state: 'exited', reason: 'Unknown' });
    process.kill(r.pid as number, 'SIGKILL'); // the real one, which the new runtime rightly does not own

    const logs = await readAll(await rt2.logs(long, { follow: false }));
    expect(logs.split('\n').filter((x) => x === 'tick').length).toBeGreaterThanOrEqual(2);
    expect(await rt2.stats(long)).toBeDefined();
    expect((await rt2.execSync(long, ['true'], 2000)).exitCode).toBe(0);
    await rt2.stopContainer(long, 5);
    expect(await status(long, rt2)).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    // runSandbox of an adopted pod is the same sandbox.
    expect((await rt2.runSandbox({ uid: sb.uid, namespace: 'default', name: 'adopt', hostname: 'adopt' })).id).toBe(sb.id);
  });

  it('removeSandbox stops and removes everything of the pod (host network)', async () => {
    const sb = await pod();
    const id = await rt.startContainer(sb, spec('c', ['sleep', '30']));
    const pid = (JSON.parse(readFileSync(join(dataDir, 'process-runtime', 'containers', id, 'state.json'), 'utf8')) as { pid: number; pidStart: string });
    expect(isSameProcess(pid.pid, pid.pidStart)).toBe(true);
    await rt.removeSandbox(sb.uid);
    expect(isSameProcess(pid.pid, pid.pidStart)).toBe(false);
    expect((await rt.listContainers()).some((c) => c.pod.uid === sb.uid)).toBe(false);
    expect((await rt.listSandboxes()).some((s) => s.uid === sb.uid)).toBe(false);
    expect(existsSync(join(dataDir, 'process-runtime', 'containers', id))).toBe(false);
    await rt.removeSandbox(sb.uid); // idempotent
  });

  it('pods get their own network namespaces on the pod network and reach each other; removeSandbox cleans up', async () => {
    const node = h.nodeHost('node');
    const net = new BridgePodNetwork({ podCidr: '10.244.7.0/24', dataDir: mkdtempSync(join(h.tmp, 'net-')), hostNetns: node.netns, logger });
    const nrt = newRuntime({ podNetwork: net, dataDir: mkdtempSync(join(h.tmp, 'agent-net-')) });
    const a = await pod(nrt, 'net-a');
    const b = await pod(nrt, 'net-b');
    expect(a.ip).toBe('10.244.7.2');
    expect(b.ip).toBe('10.244.7.3');
    expect(a.id).toBe(`shoal-${h.tag}-${`uid${h.tag}neta`.slice(0, 12)}`); // <prefix><uid prefix>
    expect(a.ready).toBe(true);
    expect(await pod(nrt, 'net-a')).toEqual(a); // idempotent

    const www = join(h.tmp, 'www-rt');
    mkdirSync(join(www, 'cgi-bin'), { recursive: true });
    writeFileSync(join(www, 'cgi-bin', 'ip'), `#!${BUSYBOX} sh\necho "Content-Type: text/plain"\necho\necho "$REMOTE_ADDR"\n`);
    chmodSync(join(www, 'cgi-bin', 'ip'), 0o755);
    const server = await nrt.startContainer(b, spec('httpd', [BUSYBOX, 'httpd', '-f', '-p', '8080', '-h', www]));
    const client = await nrt.startContainer(a, spec('client', ['sleep', '30']));
    expect((await nrt.execSync(client, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0'], 5000)).stdout).toContain(`inet ${a.ip}/24`);
    let seen = '';
    for (let i = 0; i < 40 && !seen; i++) {
      const r = await nrt.execSync(client, [BUSYBOX, 'wget', '-q', '-O', '-', `http://${b.ip}:8080/cgi-bin/ip`], 5000);
      if (r.exitCode === 0) seen = r.stdout.trim().replace(/^\[|\]$/g, '').replace(/^::ffff:/, '');
      else await sleep(50);
    }
    expect(seen).toBe(a.ip);
    // The server is not reachable from the sandbox namespace itself: it lives in b's namespace.
    expect((await nrt.execSync(server, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0'], 5000)).stdout).toContain(`inet ${b.ip}/24`);

    const stray = await nrt.exec(client, ['sleep', '30'], {}); // an exec session left running
    await nrt.removeSandbox(a.uid);
    expect(await stray.exit).toBe(137);
    expect(existsSync(`/var/run/netns/${a.id}`)).toBe(false);
    expect(net.allocations().has(a.uid)).toBe(false);
    expect((await nrt.listContainers()).map((c) => c.name)).toEqual(['httpd']);
    expect((await nrt.listSandboxes()).map((s) => s.uid)).toEqual([b.uid]);
    await nrt.removeSandbox(b.uid);
    expect(existsSync(`/var/run/netns/${b.id}`)).toBe(false);
    expect(net.allocations().size).toBe(0);
  });

  it('warm sandboxes: a pod gets a namespace attached ahead of time, the pool refills, a restarted runtime removes what was left warm', async () => {
    const node = h.nodeHost('warm');
    const netDir = mkdtempSync(join(h.tmp, 'net-warm-'));
    const agentDir = mkdtempSync(join(h.tmp, 'agent-warm-'));
    const prefix = `shoal-${h.tag}-w-`;
    const warmNetns = () => readdirSync('/var/run/netns').filter((n) => n.startsWith(`${prefix}warm-`)).sort();
    const until = async (what: () => boolean, ms = 10_000) => {
      const end = Date.now() + ms;
      while (!what()) {
        if (Date.now() > end) throw new Error('timed out');
        await sleep(20);
      }
    };
    const net = new BridgePodNetwork({ podCidr: '10.244.9.0/24', dataDir: netDir, hostNetns: node.netns, logger });
    const wrt = newRuntime({ podNetwork: net, dataDir: agentDir, warmSandboxes: 2, netnsPrefix: prefix });
    await until(() => wrt.warmSandboxes === 2);
    const firstWarm = warmNetns();
    expect(firstWarm).toHaveLength(2);

    const a = await pod(wrt, 'warm-a');
    expect(firstWarm).toContain(a.id); // one of those made ahead
    expect(net.allocations().get(a.uid)).toBe(a.ip);
    expect([...net.allocations().keys()].filter((k) => k.startsWith('warm-'))).toHaveLength(1);
    const c = await wrt.startContainer(a, spec('c', ['sleep', '30']));
    expect((await wrt.execSync(c, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0'], 5000)).stdout).toContain(`inet ${a.ip}/24`);
    expect((await wrt.execSync(c, [BUSYBOX, 'ping', '-c', '1', '-W', '2', net.gateway], 5000)).exitCode).toBe(0);
    await until(() => wrt.warmSandboxes === 2); // refilled once the burst is over

    // The agent restarts: the new runtime removes the old pool (namespaces and addresses) and
    // fills its own; the pod is adopted as it was.
    const leftWarm = warmNetns().filter((n) => n !== a.id);
    expect(leftWarm).toHaveLength(2);
    await wrt.close();
    const net2 = new BridgePodNetwork({ podCidr: '10.244.9.0/24', dataDir: netDir, hostNetns: node.netns, logger });
    const wrt2 = newRuntime({ podNetwork: net2, dataDir: agentDir, warmSandboxes: 1, netnsPrefix: prefix });
    await until(() => wrt2.warmSandboxes === 1);
    for (const n of leftWarm) expect(existsSync(`/var/run/netns/${n}`)).toBe(false);
    expect([...net2.allocations().keys()].filter((k) => k.startsWith('warm-'))).toHaveLength(1);
    expect(net2.allocations().get(a.uid)).toBe(a.ip);
    expect((await wrt2.listContainers()).find((x) => x.id === c)?.state).toBe('running');
    await wrt2.removeSandbox(a.uid);
    expect(existsSync(`/var/run/netns/${a.id}`)).toBe(false);
    expect(net2.allocations().has(a.uid)).toBe(false);
    await wrt2.dropWarmSandboxes(); // a node taken down for good
    expect(warmNetns()).toEqual([]);
    expect([...net2.allocations().keys()]).toEqual([]);
  });
});
