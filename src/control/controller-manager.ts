// Runs a set of components (the controllers, or the scheduler) on whichever master holds
// their lease. Every master keeps the shared informers warm; the leader starts the
// components with a fenced client, and stops them the moment it is no longer sure it leads.
import type { Logger } from 'pino';
import type { KvClient } from '../store/client/kv-client.ts';
import { FencedClient } from './client/fenced-client.ts';
import type { ResourceClient } from './client/resource-client.ts';
import { DEFAULT_CONTROLLER_CONFIG, type Controller, type ControllerConfig } from './controllers/controller.ts';
import { EventRecorder } from './events/event-recorder.ts';
import type { SharedInformers } from './informer/shared-informers.ts';
import { LeaderElector } from './leader-election.ts';

export interface LeaderElectedOptions {
  /** The lease's name in kube-system ("shoal-controller-manager", "shoal-scheduler"). */
  leaseName: string;
  identity: string;
  client: ResourceClient;
  kv: KvClient;
  informers: SharedInformers;
  components: Controller[];
  /** Resources whose informers must be synced before the components start. */
  resources: string[];
  leaseDurationMs?: number;
  config?: Partial<ControllerConfig>;
  logger: Logger;
  now?: () => number;
}

export class LeaderElectedRunner {
  private readonly elector: LeaderElector;
  private readonly log: Logger;
  private running = false;
  private generation = 0;

  constructor(private readonly opts: LeaderElectedOptions) {
    this.log = opts.logger.child({ component: opts.leaseName });
    this.elector = new LeaderElector(
      { client: opts.client, kv: opts.kv, namespace: 'kube-system', name: opts.leaseName, identity: opts.identity, leaseDurationMs: opts.leaseDurationMs, logger: opts.logger, now: opts.now },
      { started: () => void this.begin(), stopped: () => this.end() },
    );
  }

  get isLeader(): boolean {
    return this.elector.isLeader;
  }

  start(): void {
    for (const r of this.opts.resources) this.opts.informers.get(r);
    this.elector.start();
  }

  async stop(): Promise<void> {
    this.end();
    await this.elector.stop();
  }

  private async begin(): Promise<void> {
    const gen = ++this.generation;
    await this.opts.informers.waitForSync(this.opts.resources);
    // Lost it again while the caches synced.
    if (gen !== this.generation || !this.elector.isLeader) return;
    const client = new FencedClient(this.opts.client, () => this.elector.fence);
    const now = this.opts.now ?? Date.now;
    const ctx = {
      client,
      informers: this.opts.informers,
      events: new EventRecorder(client, this.opts.leaseName, this.opts.logger, now),
      logger: this.opts.logger,
      config: { ...DEFAULT_CONTROLLER_CONFIG, ...this.opts.config },
      now,
    };
    this.running = true;
    for (const c of this.opts.components) {
      try {
        c.start(ctx);
      } catch (err) {
        this.log.error({ event: 'controller-start-failed', controller: c.name, err }, 'controller failed to start');
      }
    }
    this.log.info({ event: 'components-started', components: this.opts.components.map((c) => c.name) }, 'leading: components started');
  }

  private end(): void {
    this.generation++;
    if (!this.running) return;
    this.running = false;
    for (const c of this.opts.components) {
      try {
        c.stop();
      } catch (err) {
        this.log.error({ event: 'controller-stop-failed', controller: c.name, err }, 'controller failed to stop');
      }
    }
    this.log.info({ event: 'components-stopped' }, 'not leading: components stopped');
  }
}
