// The control plane of one master: shared informers kept warm, the scheduler and the
// controller manager each under its own lease. Every master runs this; on each, only the
// lease holders act.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { KvClient } from '../store/client/kv-client.ts';
import type { ResourceClient } from './client/resource-client.ts';
import { LeaderElectedRunner } from './controller-manager.ts';
import type { Controller, ControllerConfig } from './controllers/controller.ts';
import { SharedInformers } from './informer/shared-informers.ts';
import { Scheduler } from './scheduler/scheduler.ts';

export interface ControlPlaneOptions {
  client: ResourceClient;
  kv: KvClient;
  /** This master's name; the lease holder identity adds a random suffix per process. */
  name: string;
  leaseDurationMs: number;
  controllers: Controller[];
  /** Resources the controllers' informers watch. */
  controllerResources: string[];
  config: Partial<ControllerConfig>;
  /** Shared with the node hub; the control plane stops them only if it made them. */
  informers?: SharedInformers;
  logger: Logger;
}

export class ControlPlane {
  readonly informers: SharedInformers;
  readonly scheduler: LeaderElectedRunner;
  readonly controllerManager: LeaderElectedRunner;
  private readonly ownInformers: boolean;

  constructor(opts: ControlPlaneOptions) {
    // A restarted master is a new holder: its predecessor's lease must lapse (or have been
    // handed back) before it acts.
    const identity = `${opts.name}_${randomBytes(4).toString('hex')}`;
    this.ownInformers = !opts.informers;
    this.informers = opts.informers ?? new SharedInformers(opts.client, opts.logger);
    const common = { identity, client: opts.client, kv: opts.kv, informers: this.informers, leaseDurationMs: opts.leaseDurationMs, config: opts.config, logger: opts.logger };
    this.scheduler = new LeaderElectedRunner({ ...common, leaseName: 'shoal-scheduler', components: [new Scheduler()], resources: ['pods', 'nodes'] });
    this.controllerManager = new LeaderElectedRunner({ ...common, leaseName: 'shoal-controller-manager', components: opts.controllers, resources: opts.controllerResources });
  }

  start(): void {
    this.scheduler.start();
    this.controllerManager.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.scheduler.stop(), this.controllerManager.stop()]);
    if (this.ownInformers) this.informers.stop();
  }
}
