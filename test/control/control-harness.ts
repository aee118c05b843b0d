// One in-process master with a set of controllers (or the scheduler) running under leader
// election, for control-plane tests; `client` is an unfenced client for the test itself.
import pino from 'pino';
import { LocalResourceClient } from '../../src/control/client/local-resource-client.ts';
import type { ResourceClient } from '../../src/control/client/resource-client.ts';
import { LeaderElectedRunner } from '../../src/control/controller-manager.ts';
import type { Controller, ControllerConfig } from '../../src/control/controllers/controller.ts';
import { SharedInformers } from '../../src/control/informer/shared-informers.ts';
import { LocalKvClient } from '../../src/store/client/local-kv-client.ts';
import { waitFor } from '../cli/harness.ts';
import { startSingleMaster, type SingleMaster } from '../store/single-master.ts';

export interface ControlHarness {
  master: SingleMaster;
  client: ResourceClient;
  runner: LeaderElectedRunner;
  informers: SharedInformers;
  stop(): Promise<void>;
}

export async function startControlPlane(components: Controller[], resources: string[], config: Partial<ControllerConfig> = {}, leaseName = 'shoal-controller-manager'): Promise<ControlHarness> {
  const master = await startSingleMaster(['--controllers=false']);
  const logger = pino({ level: process.env.SHOAL_TEST_LOG ?? 'silent' });
  const client = new LocalResourceClient(master.master.api);
  await waitFor(async () => (await client.get('namespaces', '', 'kube-system').catch(() => undefined)) ?? undefined, 10_000, () => 'system namespaces never appeared');
  const informers = new SharedInformers(client, logger);
  const runner = new LeaderElectedRunner({
    leaseName,
    identity: 'test-master',
    client,
    kv: new LocalKvClient(master.master.registry),
    informers,
    components,
    resources,
    config,
    logger,
  });
  runner.start();
  await waitFor(async () => (runner.isLeader ? true : undefined), 10_000, () => 'the runner never led');
  return {
    master,
    client,
    runner,
    informers,
    async stop() {
      await runner.stop();
      informers.stop();
      await master.stop();
    },
  };
}
