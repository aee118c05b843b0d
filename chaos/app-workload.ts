// The application workload of a chaos run: a Deployment behind a Service, clients on every agent
// host hitting its virtual IP, the pod count sampled (never more than replicas + maxSurge), and
// the scheduler's and controller manager's Leases followed version by version: a new holder may
// only take a lease that was released or had run out (lease exclusivity).
import { spawn, type ChildProcess } from 'node:child_process';
import pino from 'pino';
import { ApiClient, type Obj } from '../src/client/api-client.ts';
import { Informer } from '../src/control/informer/informer.ts';
import type { Host } from './hosts.ts';
import type { Anomaly } from './run-model.ts';

export const APP = 'chaos-web';
const MAX_SURGE = 1;

/** Connects to VIP:80 every 100 ms (1 s timeout); prints "1" or "0" per attempt. */
const VIP_CLIENT = `
const net = require('node:net');
const [ip] = process.argv.slice(1);
setInterval(() => {
  const s = net.connect({ host: ip, port: 80 });
  let done = false;
  const fin = (ok) => { if (done) return; done = true; s.destroy(); process.stdout.write(ok ? '1' : '0'); };
  s.setTimeout(1000, () => fin(false));
  s.on('data', () => fin(true));
  s.on('error', () => fin(false));
  s.write('GET / HTTP/1.0\\r\\n\\r\\n');
}, 100);
`;

export class AppWorkload {
  readonly api: ApiClient;
  readonly anomalies: Anomaly[] = [];
  vip = '';
  private leases?: Informer;
  private readonly vipClients = new Map<string, ChildProcess>();
  /** Per agent host: successes and failures since the last take(). */
  private readonly vipCounts = new Map<string, { ok: number; failed: number }>();

  constructor(
    endpoints: string[],
    readonly replicas: number,
    private readonly now: () => number,
  ) {
    this.api = new ApiClient(endpoints, 3000);
  }

  async deploy(): Promise<void> {
    await retry(() =>
      this.api.create('services', 'default', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: APP, namespace: 'default' },
        spec: { selector: { app: APP }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
      }),
    );
    const script = 'd=/tmp/$HOSTNAME; mkdir -p $d; echo $HOSTNAME > $d/index.html; exec /bin/busybox httpd -f -p 8080 -h $d';
    await retry(() =>
      this.api.create('deployments', 'default', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: APP, namespace: 'default' },
        spec: {
          replicas: this.replicas,
          selector: { matchLabels: { app: APP } },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: MAX_SURGE, maxUnavailable: 0 } },
          template: {
            metadata: { labels: { app: APP } },
            spec: {
              terminationGracePeriodSeconds: 1,
              containers: [
                {
                  name: 'web',
                  image: 'busybox',
                  command: ['/bin/busybox', 'sh', '-c', script],
                  ports: [{ containerPort: 8080 }],
                  readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 },
                },
              ],
            },
          },
        },
      }),
    );
    const svc = await waitFor(async () => {
      const s = await this.api.get('services', 'default', APP).catch(() => undefined);
      return s?.spec?.clusterIP ? s : undefined;
    }, 30_000);
    this.vip = svc.spec.clusterIP;
  }

  /**
   * From inside a workload pod, `wget http://chaos-web/`: the pod's resolv.conf names its node's
   * cluster DNS, the short name resolves through the search domains to the VIP, and the node's
   * proxy takes it to a pod. Resolves with what answered (a pod's name), or throws.
   */
  async fetchByServiceName(): Promise<string> {
    const list = await this.api.list('pods', 'default', { labelSelector: `app=${APP}` });
    const pod = list.items.find((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
    if (!pod) throw new Error('no running pod to exec in');
    let out = '';
    let err = '';
    const ex = this.api.exec({ namespace: 'default', name: pod.metadata.name, command: ['/bin/busybox', 'wget', '-q', '-O', '-', `http://${APP}/`] }, { stdout: (b) => (out += b), stderr: (b) => (err += b) });
    const code = await ex.exitCode;
    if (code !== 0) throw new Error(`wget http://${APP}/ in ${pod.metadata.name} exited ${code}: ${err.trim()}`);
    return out.trim();
  }

  get maxPods(): number {
    return this.replicas + MAX_SURGE;
  }

  /**
   * Ready pods and all live pods (not being deleted) of the Deployment now. Pods on hosts known
   * to be dead do not count as ready, whatever the API still says of them.
   */
  async pods(deadHosts: ReadonlySet<string> = new Set()): Promise<{ ready: number; total: number } | undefined> {
    const list = await this.api.list('pods', 'default', { labelSelector: `app=${APP}` }).catch(() => undefined);
    if (!list) return undefined;
    const live = list.items.filter((p) => !p.metadata.deletionTimestamp);
    const ready = live.filter((p) => !deadHosts.has(p.spec?.nodeName) && p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True')).length;
    if (live.length > this.maxPods) this.anomalies.push({ kind: 'too-many-pods', detail: `${live.length} live pods > replicas ${this.replicas} + maxSurge ${MAX_SURGE}`, at: this.now() });
    return { ready, total: live.length };
  }

  startVipClient(h: Host): void {
    this.stopVipClient(h);
    const child = spawn('nsenter', [`--net=${h.netns}`, '--', process.execPath, '-e', VIP_CLIENT, this.vip], { stdio: ['ignore', 'pipe', 'ignore'] });
    this.vipCounts.set(h.name, { ok: 0, failed: 0 });
    child.stdout!.on('data', (d: Buffer) => {
      const c = this.vipCounts.get(h.name);
      if (!c) return;
      for (const ch of d.toString()) {
        if (ch === '1') c.ok++;
        else if (ch === '0') c.failed++;
      }
    });
    this.vipClients.set(h.name, child);
  }

  stopVipClient(h: Host): void {
    this.vipClients.get(h.name)?.kill('SIGKILL');
    this.vipClients.delete(h.name);
    this.vipCounts.delete(h.name);
  }

  /** VIP outcomes on the given (live) hosts since the last call; counts of others are dropped. */
  takeVip(live: Host[]): { ok: number; failed: number } {
    const out = { ok: 0, failed: 0 };
    const names = new Set(live.map((h) => h.name));
    for (const [name, c] of this.vipCounts) {
      if (names.has(name)) {
        out.ok += c.ok;
        out.failed += c.failed;
      }
      c.ok = 0;
      c.failed = 0;
    }
    return out;
  }

  /** Follows the Leases; any takeover of a lease that was neither released nor expired is an anomaly. */
  watchLeases(): void {
    this.leases = new Informer(this.api, 'leases', { namespace: 'kube-system' }, pino({ level: 'silent' }));
    this.leases.on({
      update: (old, cur) => {
        const before = old.spec ?? {};
        const after = cur.spec ?? {};
        if (!after.holderIdentity || after.holderIdentity === before.holderIdentity || !before.holderIdentity) return;
        const released = Number(before.leaseDurationSeconds) <= 1;
        const expiresAt = Date.parse(before.renewTime) + Number(before.leaseDurationSeconds) * 1000;
        const takenAt = Date.parse(after.acquireTime ?? after.renewTime);
        if (!released && Number.isFinite(expiresAt) && Number.isFinite(takenAt) && takenAt < expiresAt) {
          this.anomalies.push({
            kind: 'two-lease-holders',
            detail: `${cur.metadata.name}: ${after.holderIdentity} took it at ${after.acquireTime} while ${before.holderIdentity} held it until ${new Date(expiresAt).toISOString()}`,
            at: this.now(),
          });
        }
      },
    });
    this.leases.start();
  }

  /** Master names that hold the scheduler / controller-manager leases now. */
  holders(): { scheduler?: string; controllers?: string } {
    const of = (name: string) => (this.leases?.get('kube-system', name)?.spec?.holderIdentity as string | undefined)?.split('_')[0] || undefined;
    return { scheduler: of('shoal-scheduler'), controllers: of('shoal-controller-manager') };
  }

  stop(): void {
    for (const c of this.vipClients.values()) c.kill('SIGKILL');
    this.vipClients.clear();
    this.leases?.stop();
    this.api.close();
  }
}

async function retry<T>(fn: () => Promise<T>, attempts = 50): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts) throw err;
      if ((err as { reason?: string }).reason === 'AlreadyExists') return undefined as T;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
