// A control plane whose informers see events late (in order, by resource), as a loaded
// master's would: the controllers' caches lag the registry, while the test's own client does not.
import pino from 'pino';
import { LocalResourceClient } from '../../../src/control/client/local-resource-client.ts';
import type { ClientWatch, Obj, ResourceClient, WatchOpts } from '../../../src/control/client/resource-client.ts';
import { LeaderElectedRunner } from '../../../src/control/controller-manager.ts';
import type { Controller } from '../../../src/control/controllers/controller.ts';
import { SharedInformers } from '../../../src/control/informer/shared-informers.ts';
import { LocalKvClient } from '../../../src/store/client/local-kv-client.ts';
import { startSingleMaster } from '../../store/single-master.ts';
import { until } from './workload-fixtures.ts';

/** Delivers every watch event of a resource in `lags` that many ms late (order kept). */
export class LaggingClient extends LocalResourceClient {
  constructor(
    api: ConstructorParameters<typeof LocalResourceClient>[0],
    private readonly lags: Record<string, number>,
  ) {
    super(api);
  }

  override watch(resource: string, namespace: string, opts: WatchOpts, onEvent: (type: string, obj: Obj) => void): ClientWatch {
    const lag = this.lags[resource];
    if (!lag) return super.watch(resource, namespace, opts, onEvent);
    return super.watch(resource, namespace, opts, (type, obj) => setTimeout(() => onEvent(type, obj), lag));
  }
}

export interface LaggingPlane {
  client: ResourceClient;
  stop(): Promise<void>;
}

export async function startLaggingPlane(components: Controller[], resources: string[], lags: Record<string, number>): Promise<LaggingPlane> {
  const master = await startSingleMaster(['--controllers=false']);
  const logger = pino({ level: process.env.SHOAL_TEST_LOG ?? 'silent' });
  const client = new LocalResourceClient(master.master.api);
  await until(async () => !!(await client.get('namespaces', '', 'kube-system').catch(() => undefined)), 10_000, () => 'no kube-system');
  const informers = new SharedInformers(new LaggingClient(master.master.api, lags), logger);
  const runner = new LeaderElectedRunner({ leaseName: 'lagging-cm', identity: 'lagging', client, kv: new LocalKvClient(master.master.registry), informers, components, resources, logger });
  runner.start();
  await until(async () => runner.isLeader, 10_000, () => 'never led');
  return {
    client,
    async stop() {
      await runner.stop();
      informers.stop();
      await master.stop();
    },
  };
}
