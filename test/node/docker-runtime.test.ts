// The Docker runtime against a real engine: a private dockerd started by this test inside the
// network sandbox (scripts/sandbox.sh; `npm test` runs vitest there), the busybox image built
// from Debian's busybox-static. Where that cannot run (not root, no sandbox, no dockerd), the
// tests FAIL with the reason: a Docker runtime that was never exercised is not a pass.
//
//   bash scripts/sandbox.sh npx vitest run test/node/docker-runtime.test.ts

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerRuntime, importImage, LABELS } from '../../src/node/runtime/docker-runtime.ts';
import { RuntimeError, type ContainerSpec, type PodNetwork, type PodRef, type Sandbox } from '../../src/node/runtime/runtime.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const DOCKERD = join(ROOT, 'scripts/dockerd.sh');
const NAME = `shoal-docker-rt-${process.pid}`;
const SOCKET = `/run/${NAME}.sock`;
const dockerEnv = { ...process.env, SHOAL_DOCKER_NAME: NAME };

/**
 * A stand-in for the node's pod network (src/node/network is written separately): it records
 * every call, hands out 10.99.0.N per pod uid, and puts that address on the pod namespace's
 * loopback (`nsenter --net=PATH ip addr replace`), which proves the path it was given is the
 * pod's live network namespace. It never creates a link or a route.
 */
class RecordingNetwork implements PodNetwork {
  readonly podCidr = '10.99.0.0/24';
  readonly calls: { op: 'attach' | 'detach'; pod: PodRef; netnsPath?: string; netnsInode?: number }[] = [];
  private readonly ips = new Map<string, string>();
  constructor(private readonly ipFor: (uid: string) => string) {}
  async attach(pod: PodRef, netnsPath: string): Promise<string> {
    const netnsInode = statSync(netnsPath).ino;
    this.calls.push({ op: 'attach', pod, netnsPath, netnsInode });
    const ip = this.ips.get(pod.uid) ?? this.ipFor(pod.uid);
    await run('nsenter', [`--net=${netnsPath}`, '--', 'ip', 'addr', 'replace', `${ip}/32`, 'dev', 'lo']);
    this.ips.set(pod.uid, ip);
    return ip;
  }
  async detach(pod: PodRef): Promise<void> {
    this.calls.push({ op: 'detach', pod });
    this.ips.delete(pod.uid);
  }
  allocations(): Map<string, string> {
    return new Map(this.ips);
  }
}

const IPS: Record<string, string> = { 'uid-web': '10.99.0.10', 'uid-jobs': '10.99.0.11', 'uid-dead': '10.99.0.12' };
const ipFor = (uid: string): string => IPS[uid] ?? '10.99.0.99';

const pods = {
  web: { uid: 'uid-web', name: 'web-0', namespace: 'default' },
  jobs: { uid: 'uid-jobs', name: 'jobs', namespace: 'batch' },
  dead: { uid: 'uid-dead', name: 'dead', namespace: 'default' },
  nonet: { uid: 'uid-nonet', name: 'nonet', namespace: 'default' },
};

function spec(name: string, over: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name,
    image: 'busybox:shoal',
    imagePullPolicy: 'Never',
    command: [],
    args: [],
    env: {},
    mounts: [],
    cpuLimit: 0,
    memoryLimitBytes: 0,
    attempt: 0,
    ...over,
  };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function readAll(s: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function expectRuntimeError(p: Promise<unknown>, reason: string, message?: RegExp): Promise<RuntimeError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected RuntimeError(${reason})`).toBeInstanceOf(RuntimeError);
  expect((err as RuntimeError).reason).toBe(reason);
  if (message) expect((err as RuntimeError).message).toMatch(message);
  return err as RuntimeError;
}

let rt: DockerRuntime;
let net: RecordingNetwork;
let started = false;
const others: DockerRuntime[] = [];
let tmp = '';

beforeAll(async () => {
  // Preconditions, each a failure with its reason (never a silent skip).
  if (process.getuid?.() !== 0) throw new Error('docker runtime tests need root (they start a private dockerd)');
  if (!process.env.SHOAL_SANDBOX) {
    throw new Error('docker runtime tests must run inside the network sandbox: bash scripts/sandbox.sh npx vitest run test/node/docker-runtime.test.ts');
  }
  try {
    await run('bash', [DOCKERD, 'start'], { env: dockerEnv, timeout: 60_000 });
    started = true;
    await run('bash', [DOCKERD, 'import-busybox'], { env: dockerEnv, timeout: 60_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`dockerd cannot run here (scripts/dockerd.sh start / import-busybox failed): ${e.stderr || e.message}`);
  }
  tmp = mkdtempSync(join(tmpdir(), 'shoal-docker-rt-'));
  net = new RecordingNetwork(ipFor);
  rt = new DockerRuntime({ socketPath: SOCKET, network: net });
}, 120_000);

afterAll(async () => {
  for (const r of [rt, ...others]) await r?.close();
  if (started) {
    await run('bash', [DOCKERD, 'stop'], { env: dockerEnv, timeout: 60_000 }).catch(() => undefined);
    // This run's engine left its data root and exec root; remove them unless something is
    // still mounted below (then leave them: never rm -rf through a mount).
    const mounts = readFileSync('/proc/self/mounts', 'utf8');
    for (const dir of [`/var/lib/${NAME}`, `/run/${NAME}`]) {
      if (!mounts.includes(` ${dir}/`) && !mounts.includes(` ${dir} `)) rmSync(dir, { recursive: true, force: true });
    }
    rmSync(`/var/log/${NAME}.log`, { force: true });
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 120_000);

describe('DockerRuntime (real dockerd in the sandbox)', () => {
  let web: Sandbox;
  const ids: Record<string, string> = {};

  it('reports the engine version', async () => {
    expect(await rt.version()).toMatch(/^docker:\/\/\d+\.\d+/);
  });

  it('images: local images for Never/IfNotPresent; missing ones and pulls fail with the Kubernetes reasons', async () => {
    expect(await rt.ensureImage('busybox:shoal', 'Never')).toMatch(/^sha256:/);
    expect(await rt.ensureImage('busybox:shoal', 'IfNotPresent')).toMatch(/^sha256:/);
    await expectRuntimeError(rt.ensureImage('nothere/app:1.0', 'Never'), 'ErrImageNeverPull', /nothere\/app:1\.0.*not present/);
    const t0 = Date.now();
    await expectRuntimeError(rt.ensureImage('nothere/app:1.0', 'IfNotPresent'), 'ErrImagePull', /nothere\/app:1\.0/);
    // Always pulls, even when present: no registry is reachable from the sandbox.
    await expectRuntimeError(rt.ensureImage('busybox:shoal', 'Always'), 'ErrImagePull', /pull/);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('importImage: a rootfs tarball becomes NAME:TAG and runs', async () => {
    const root = join(tmp, 'rootfs');
    mkdirSync(join(root, 'bin'), { recursive: true });
    copyFileSync(execFileSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).trim(), join(root, 'bin/busybox'));
    chmodSync(join(root, 'bin/busybox'), 0o755);
    for (const a of ['sh', 'echo', 'cat']) symlinkSync('busybox', join(root, 'bin', a));
    writeFileSync(join(root, 'hello.txt'), 'from the imported image\n');
    const tar = join(tmp, 'rootfs.tar');
    execFileSync('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', tar, '.']);

    const id = await importImage(rt.docker, 'shoal-test/imported:v1', tar, { changes: ['CMD ["/bin/cat", "/hello.txt"]'] });
    expect(id).toMatch(/^sha256:/);
    expect(await rt.ensureImage('shoal-test/imported:v1', 'Never')).toBe(id);
    await expectRuntimeError(importImage(rt.docker, 'x:1', join(tmp, 'missing.tar')), 'ImageImportError', /missing\.tar/);
    await expectRuntimeError(importImage(rt.docker, 'bad name', tar), 'InvalidImageName');

    // Runs with the image's CMD (no command/args given).
    const sb = await rt.runSandbox({ ...pods.jobs, hostname: pods.jobs.name });
    const cid = await rt.startContainer(sb, spec('imported', { image: 'shoal-test/imported:v1' }));
    await waitFor('imported container to exit', async () => (await rt.listContainers()).find((c) => c.id === cid && c.state === 'exited'));
    expect(await readAll(await rt.logs(cid, { follow: false }))).toBe('from the imported image\n');
  });

  it('a pod: the holder gets its IP from the PodNetwork; two containers share its network namespace', async () => {
    const attachesBefore = net.calls.filter((c) => c.op === 'attach').length;
    web = await rt.runSandbox({ ...pods.web, hostname: 'web-0', dns: { nameservers: ['10.96.0.10'], searches: ['default.svc.shoal.local'], options: ['ndots:5'] } });
    expect(web.ip).toBe('10.99.0.10');
    expect(web.ready).toBe(true);
    const attach = net.calls.filter((c) => c.op === 'attach').slice(attachesBefore);
    expect(attach).toHaveLength(1);
    expect(attach[0].pod).toEqual(pods.web);
    expect(attach[0].netnsPath).toMatch(/^\/proc\/\d+\/ns\/net$/);

    // Idempotent per uid: the same holder, no second attach.
    const again = await rt.runSandbox({ ...pods.web, hostname: 'web-0' });
    expect(again.id).toBe(web.id);
    expect(again.ip).toBe(web.ip);
    expect(net.calls.filter((c) => c.op === 'attach')).toHaveLength(attachesBefore + 1);

    const pause = await rt.docker.getContainer(web.id).inspect();
    expect(pause.Config.Labels).toMatchObject({
      [LABELS.podUid]: 'uid-web',
      [LABELS.podName]: 'web-0',
      [LABELS.podNamespace]: 'default',
      [LABELS.role]: 'sandbox',
    });
    expect(pause.HostConfig.NetworkMode).toBe('none');
    expect(pause.Config.Hostname).toBe('web-0');

    ids.httpd = await rt.startContainer(
      web,
      spec('httpd', {
        command: ['sh', '-c'],
        args: ['mkdir -p /www && echo "hello from $GREETING" > /www/index.html && exec httpd -f -p 8080 -h /www'],
        env: { GREETING: 'web-0' },
      }),
    );
    ids.client = await rt.startContainer(web, spec('client', { command: ['sleep', '3600'] }));
    const httpd = await rt.docker.getContainer(ids.httpd).inspect();
    expect(httpd.HostConfig.NetworkMode).toBe(`container:${web.id}`);
    expect(httpd.HostConfig.IpcMode).toBe(`container:${web.id}`);
    expect(httpd.Config.Labels).toMatchObject({ [LABELS.containerName]: 'httpd', [LABELS.attempt]: '0', [LABELS.role]: 'container', [LABELS.podUid]: 'uid-web' });

    // The other container reaches httpd on 127.0.0.1 and on the pod IP.
    const body = await waitFor('httpd to answer on 127.0.0.1', async () => {
      const r = await rt.execSync(ids.client, ['wget', '-q', '-O', '-', 'http://127.0.0.1:8080/'], 5_000);
      return r.exitCode === 0 ? r.stdout : undefined;
    });
    expect(body).toBe('hello from web-0\n');
    const viaIp = await rt.execSync(ids.client, ['wget', '-q', '-O', '-', `http://${web.ip}:8080/`], 5_000);
    expect(viaIp).toMatchObject({ exitCode: 0, stdout: 'hello from web-0\n' });

    // Same namespace as the one given to the PodNetwork; hostname and DNS from the sandbox.
    const ns = await rt.execSync(ids.client, ['readlink', '/proc/self/ns/net'], 5_000);
    expect(ns.stdout.trim()).toBe(`net:[${attach[0].netnsInode}]`);
    expect((await rt.execSync(ids.httpd, ['hostname'], 5_000)).stdout.trim()).toBe('web-0');
    const resolv = (await rt.execSync(ids.client, ['cat', '/etc/resolv.conf'], 5_000)).stdout;
    expect(resolv).toMatch(/nameserver 10\.96\.0\.10/);
    expect(resolv).toMatch(/search default\.svc\.shoal\.local/);
  });

  it('command, args, env, workingDir and mounts as Kubernetes defines them', async () => {
    const sb = await rt.runSandbox({ ...pods.jobs, hostname: pods.jobs.name });
    const dir = join(tmp, 'vol');
    mkdirSync(dir);
    writeFileSync(join(dir, 'config.txt'), 'mounted-config\n');
    const all = await Promise.all([
      // command + args
      rt.startContainer(sb, spec('both', {
        command: ['sh', '-c'],
        args: ['echo "A=$A B=$B pwd=$(pwd)"; cat /cfg/config.txt; touch /cfg/x 2>/dev/null && echo writable || echo read-only'],
        env: { A: 'one', B: 'two words' },
        workingDir: '/tmp',
        mounts: [{ hostPath: dir, containerPath: '/cfg', readOnly: true }],
      })),
      // command only: the image's CMD (/bin/sh) must not be appended
      rt.startContainer(sb, spec('command-only', { command: ['echo', 'command-only'] })),
      // args only: the image has no ENTRYPOINT, so args run as the command (and the image is
      // named by the id ensureImage returned, as the agent does)
      rt.startContainer(sb, spec('args-only', { args: ['echo', 'args', 'only'], image: await rt.ensureImage('busybox:shoal', 'Never') })),
      // a TTY container: its log is the terminal's output, not multiplexed
      rt.startContainer(sb, spec('tty', { command: ['echo', 'on a tty'], tty: true })),
    ]);
    await waitFor('three containers to exit', async () => {
      const st = await rt.listContainers();
      return all.every((id) => st.find((c) => c.id === id)?.state === 'exited') || undefined;
    });
    const out = await Promise.all(all.map(async (id) => readAll(await rt.logs(id, { follow: false }))));
    expect(out[0]).toBe('A=one B=two words pwd=/tmp\nmounted-config\nread-only\n');
    expect(out[1]).toBe('command-only\n');
    expect(out[2]).toBe('args only\n');
    expect(out[3]).toBe('on a tty\r\n');
    const st = (await rt.listContainers()).find((c) => c.id === all[0])!;
    expect(st).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed', name: 'both', attempt: 0, pod: pods.jobs, image: 'busybox:shoal' });
    expect(st.imageId).toMatch(/^sha256:/);

    // A start the engine refuses: RunContainerError, and the container is listed with the reason.
    const err = await expectRuntimeError(rt.startContainer(sb, spec('broken', { command: ['/no/such/binary'] })), 'RunContainerError', /no such file/i);
    expect(err.message).toMatch(/broken/);
    const broken = (await rt.listContainers()).find((c) => c.name === 'broken')!;
    expect(broken.reason).toBe('ContainerCannotRun');
    expect(broken.message).toMatch(/no such file/i);
  });

  it('exit code 3, a restart as attempt 1, and the previous attempt\'s logs', async () => {
    const sb = await rt.runSandbox({ ...pods.jobs, hostname: pods.jobs.name });
    const crash = (attempt: number): ContainerSpec =>
      spec('crash', { command: ['sh', '-c', 'echo "run $ATTEMPT"; echo "oops $ATTEMPT" >&2; exit 3'], env: { ATTEMPT: String(attempt) }, attempt });
    const first = await rt.startContainer(sb, crash(0));
    const s0 = await waitFor('attempt 0 to exit', async () => (await rt.listContainers()).find((c) => c.id === first && c.state === 'exited'));
    expect(s0).toMatchObject({ exitCode: 3, reason: 'Error', attempt: 0, name: 'crash' });
    expect(s0.finishedAt).toBeGreaterThanOrEqual(s0.startedAt!);

    const second = await rt.startContainer(sb, crash(1));
    expect(second).not.toBe(first);
    await waitFor('attempt 1 to exit', async () => (await rt.listContainers()).find((c) => c.id === second && c.state === 'exited'));
    const mine = (await rt.listContainers()).filter((c) => c.pod.uid === pods.jobs.uid && c.name === 'crash');
    expect(mine.map((c) => c.attempt).sort()).toEqual([0, 1]);

    const current = await readAll(await rt.logs(second, { follow: false }));
    expect(current.split('\n').sort()).toEqual(['', 'oops 1', 'run 1']);
    const previous = await readAll(await rt.logs(second, { follow: false, previous: true }));
    expect(previous.split('\n').sort()).toEqual(['', 'oops 0', 'run 0']);
    await expectRuntimeError(rt.logs(first, { follow: false, previous: true }), 'NotFound', /previous terminated container "crash"/);

    // The same attempt again: refused, not a second container under the same name.
    await expectRuntimeError(rt.startContainer(sb, crash(1)), 'CreateContainerError', /already exists/);
  });

  it('stop with grace: SIGTERM is trapped and handled; a container ignoring it is killed after the grace', async () => {
    const sb = await rt.runSandbox({ ...pods.jobs, hostname: pods.jobs.name });
    const polite = await rt.startContainer(sb, spec('polite', { command: ['sh', '-c', 'trap "echo got TERM; exit 7" TERM; echo ready; while :; do sleep 0.1; done'] }));
    const stubborn = await rt.startContainer(sb, spec('stubborn', { command: ['sh', '-c', 'trap "" TERM; echo ready; while :; do sleep 0.1; done'] }));
    for (const id of [polite, stubborn]) {
      await waitFor('ready', async () => (await readAll(await rt.logs(id, { follow: false }))).includes('ready'));
    }
    let t0 = Date.now();
    await rt.stopContainer(polite, 10);
    expect(Date.now() - t0).toBeLessThan(5_000);
    t0 = Date.now();
    await rt.stopContainer(stubborn, 1);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(8_000);
    const st = await rt.listContainers();
    expect(st.find((c) => c.id === polite)).toMatchObject({ state: 'exited', exitCode: 7, reason: 'Error' });
    expect(st.find((c) => c.id === stubborn)).toMatchObject({ state: 'exited', exitCode: 137 });
    expect(await readAll(await rt.logs(polite, { follow: false }))).toContain('got TERM');
    // Stopping a stopped or unknown container is not an error.
    await rt.stopContainer(polite, 1);
    await rt.stopContainer('0123456789ab', 1);
  });

  it('a memory limit too small for the process ends in OOMKilled', async () => {
    const sb = await rt.runSandbox({ ...pods.jobs, hostname: pods.jobs.name });
    const id = await rt.startContainer(sb, spec('hog', {
      command: ['sh', '-c', 'x=$(head -c 64m /dev/zero | tr "\\0" a); echo survived ${#x}'],
      memoryLimitBytes: 8 * 1024 * 1024,
    }));
    expect((await rt.docker.getContainer(id).inspect()).HostConfig.Memory).toBe(8 * 1024 * 1024);
    const st = await waitFor('the hog to exit', async () => (await rt.listContainers()).find((c) => c.id === id && c.state === 'exited'));
    expect(st).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
  });

  it('exec: streams with separate stdout/stderr, stdin, exit codes, kill on timeout', async () => {
    const e1 = await rt.exec(ids.client, ['sh', '-c', 'echo out; echo err >&2; exit 5'], {});
    const [o1, r1, x1] = await Promise.all([readAll(e1.stdout), readAll(e1.stderr), e1.exit]);
    expect({ o1, r1, x1 }).toEqual({ o1: 'out\n', r1: 'err\n', x1: 5 });

    const e2 = await rt.exec(ids.client, ['sh', '-c', 'tr a-z A-Z'], { stdin: true });
    e2.stdin!.write('hello ');
    e2.stdin!.end('stdin\n');
    expect(await readAll(e2.stdout)).toBe('HELLO STDIN\n');
    expect(await e2.exit).toBe(0);

    const t0 = Date.now();
    const e3 = await rt.exec(ids.client, ['sh', '-c', 'echo started; sleep 30; echo never'], { timeoutMs: 500 });
    const o3 = await readAll(e3.stdout);
    const x3 = await e3.exit;
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(o3).toBe('started\n');
    expect(x3).not.toBe(0);
  });

  it('execSync: output captured and bounded, timeout enforced (the process is gone), not-running refused', async () => {
    expect(await rt.execSync(ids.client, ['sh', '-c', 'echo ok; echo warn >&2; exit 2'], 5_000)).toEqual({ exitCode: 2, stdout: 'ok\n', stderr: 'warn\n' });
    const big = await rt.execSync(ids.client, ['sh', '-c', 'head -c 200000 /dev/zero | tr "\\0" x'], 10_000);
    expect(big.exitCode).toBe(0);
    expect(big.stdout.length).toBe(16 * 1024);

    const t0 = Date.now();
    await expectRuntimeError(rt.execSync(ids.client, ['sh', '-c', 'sleep 31; echo late'], 400), 'ExecTimeout', /timed out after 400 ms/);
    expect(Date.now() - t0).toBeLessThan(5_000);
    const ps = await rt.execSync(ids.client, ['ps'], 5_000);
    expect(ps.stdout).not.toMatch(/sleep 31/);

    const sb = await rt.runSandbox({ ...pods.jobs, hostname: pods.jobs.name });
    const done = await rt.startContainer(sb, spec('done', { command: ['true'] }));
    await waitFor('done to exit', async () => (await rt.listContainers()).find((c) => c.id === done && c.state === 'exited'));
    await expectRuntimeError(rt.execSync(done, ['true'], 1_000), 'ContainerNotRunning');
  });

  it('logs: follow until the container ends, timestamps, tail', async () => {
    const sb = await rt.runSandbox({ ...pods.jobs, hostname: pods.jobs.name });
    const id = await rt.startContainer(sb, spec('ticker', { command: ['sh', '-c', 'i=0; while [ $i -lt 5 ]; do echo tick $i; i=$((i+1)); sleep 0.3; done; echo bye >&2'] }));
    const follow = await rt.logs(id, { follow: true });
    const arrivals: number[] = [];
    const chunks: string[] = [];
    for await (const c of follow) {
      arrivals.push(Date.now());
      chunks.push(Buffer.from(c as Buffer).toString());
    }
    expect(chunks.join('')).toBe('tick 0\ntick 1\ntick 2\ntick 3\ntick 4\nbye\n');
    expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThan(600); // it streamed, not all at the end

    const stamped = (await readAll(await rt.logs(id, { follow: false, timestamps: true }))).trim().split('\n');
    expect(stamped).toHaveLength(6);
    for (const l of stamped) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z (tick \d|bye)$/);
    expect(await readAll(await rt.logs(id, { follow: false, tailLines: 2 }))).toBe('tick 4\nbye\n');

    // A follower that gives up early does not hang: destroying the stream ends it.
    const live = await rt.logs(ids.client, { follow: true });
    const closed = new Promise((r) => live.on('close', r));
    (live as unknown as { destroy(): void }).destroy();
    await closed;
  });

  it('stats: CPU in millicores from the cpu delta (under a 0.5 CPU limit), memory in use', async () => {
    const sb = await rt.runSandbox({ ...pods.jobs, hostname: pods.jobs.name });
    const id = await rt.startContainer(sb, spec('burner', { command: ['sh', '-c', 'while :; do :; done'], cpuLimit: 0.5 }));
    try {
      expect((await rt.docker.getContainer(id).inspect()).HostConfig.NanoCpus).toBe(500_000_000);
      await new Promise((r) => setTimeout(r, 1_000));
      const first = await rt.stats(id); // no sample yet: the engine's two-sample read
      await new Promise((r) => setTimeout(r, 1_500));
      const second = await rt.stats(id); // one-shot against our previous sample
      for (const s of [first, second]) {
        expect(s).toBeDefined();
        expect(s!.cpuMillicores).toBeGreaterThan(10); // at most 500 (the quota), much less when the machine is busy
        expect(s!.cpuMillicores).toBeLessThan(750);
        expect(s!.memoryBytes).toBeGreaterThan(0);
      }
      const idle = await rt.stats(ids.client);
      expect(idle!.cpuMillicores).toBeLessThan(100);
    } finally {
      await rt.stopContainer(id, 0);
    }
    expect(await rt.stats(id)).toBeUndefined(); // not running
  });

  it('a sandbox without a pod network has no IP; a missing pause image is a SandboxError', async () => {
    const plain = new DockerRuntime({ socketPath: SOCKET });
    others.push(plain);
    const sb = await plain.runSandbox({ ...pods.nonet, hostname: `${'a'.repeat(62)}-bcdefgh` });
    expect(sb.ip).toBe('');
    expect((await plain.docker.getContainer(sb.id).inspect()).Config.Hostname).toBe('a'.repeat(62)); // cut to 63, no trailing '-'
    expect((await plain.listSandboxes()).find((s) => s.uid === pods.nonet.uid)?.ip).toBe('');
    await plain.removeSandbox(pods.nonet.uid);

    const noPause = new DockerRuntime({ socketPath: SOCKET, pauseImage: 'no/pause:here' });
    others.push(noPause);
    await expectRuntimeError(noPause.runSandbox({ ...pods.nonet, hostname: 'nonet' }), 'SandboxError', /no\/pause:here is not present/);
  });

  it('a dead holder is reported not ready and replaced by runSandbox', async () => {
    const sb = await rt.runSandbox({ ...pods.dead, hostname: 'dead' });
    await rt.docker.getContainer(sb.id).kill();
    const listed = await waitFor('not ready', async () => (await rt.listSandboxes()).find((s) => s.uid === pods.dead.uid && !s.ready));
    expect(listed.id).toBe(sb.id);
    const fresh = await rt.runSandbox({ ...pods.dead, hostname: 'dead' });
    expect(fresh.id).not.toBe(sb.id);
    expect(fresh.ready).toBe(true);
    expect(fresh.ip).toBe('10.99.0.12');
    expect((await rt.listSandboxes()).filter((s) => s.uid === pods.dead.uid)).toHaveLength(1);
    await rt.removeSandbox(pods.dead.uid);
  });

  it('adoption: a NEW runtime (and a new pod network) finds every sandbox and container from labels alone', async () => {
    const before = await rt.listContainers();
    const net2 = new RecordingNetwork(ipFor);
    const adopter = new DockerRuntime({ socketPath: SOCKET, network: net2 });
    others.push(adopter);
    const sandboxes = await adopter.listSandboxes();
    expect(sandboxes.map((s) => s.uid).sort()).toEqual(['uid-jobs', 'uid-web']);
    const w = sandboxes.find((s) => s.uid === 'uid-web')!;
    expect(w).toMatchObject({ id: web.id, ip: '10.99.0.10', ready: true, name: 'web-0', namespace: 'default' });
    // The new network knew nothing: it was asked again for the same namespace (idempotent attach).
    const att = net2.calls.find((c) => c.op === 'attach' && c.pod.uid === 'uid-web')!;
    expect(att.netnsInode).toBe(net.calls.find((c) => c.op === 'attach' && c.pod.uid === 'uid-web')!.netnsInode);

    const after = await adopter.listContainers();
    const key = (c: { id: string; name: string; attempt: number; pod: PodRef; state: string; exitCode?: number }) =>
      JSON.stringify([c.id, c.name, c.attempt, c.pod, c.state, c.exitCode]);
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    expect(after.find((c) => c.id === ids.httpd)).toMatchObject({ name: 'httpd', state: 'running', pod: pods.web });
    // The adopted pod still serves.
    expect((await adopter.execSync(ids.client, ['wget', '-q', '-O', '-', 'http://127.0.0.1:8080/'], 5_000)).stdout).toBe('hello from web-0\n');

    // A runtime for another node sees none of this node's pods.
    const otherNode = new DockerRuntime({ socketPath: SOCKET, node: 'node-b' });
    others.push(otherNode);
    expect(await otherNode.listSandboxes()).toEqual([]);
    expect(await otherNode.listContainers()).toEqual([]);
  });

  it('removeSandbox removes the holder and every container of the pod, and releases the address', async () => {
    const detachBefore = net.calls.filter((c) => c.op === 'detach').length;
    await rt.removeSandbox(pods.web.uid);
    const left = await rt.docker.listContainers({ all: true, filters: { label: [`${LABELS.podUid}=uid-web`] } });
    expect(left).toEqual([]);
    expect(net.calls.filter((c) => c.op === 'detach').slice(detachBefore).map((c) => c.pod)).toEqual([pods.web]);
    expect(net.allocations().has('uid-web')).toBe(false);
    await rt.removeSandbox(pods.web.uid); // idempotent
    await rt.removeSandbox(pods.jobs.uid);
    expect(await rt.listSandboxes()).toEqual([]);
    expect(await rt.listContainers()).toEqual([]);
  });
});
