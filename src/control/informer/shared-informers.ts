// One informer per resource for everything in a process (scheduler and every controller share
// its cache and its one watch), started on first use and kept warm on standby masters so a
// new leader acts at once instead of listing first.
import type { Logger } from 'pino';
import type { ResourceClient } from '../client/resource-client.ts';
import { byControllerUid, byNamespace, byNodeName, byOwnerUid, Informer, type IndexFn } from './informer.ts';

/** Indexes every informer keeps (cheap, and what controllers look things up by). */
const STANDARD_INDEXES: Record<string, IndexFn> = {
  namespace: byNamespace,
  nodeName: byNodeName,
  controller: byControllerUid,
  owner: byOwnerUid,
};

export class SharedInformers {
  private readonly informers = new Map<string, Informer>();

  constructor(
    private readonly client: ResourceClient,
    private readonly logger: Logger,
  ) {}

  get(resource: string): Informer {
    let inf = this.informers.get(resource);
    if (!inf) {
      inf = new Informer(this.client, resource, { indexes: STANDARD_INDEXES }, this.logger);
      this.informers.set(resource, inf);
      inf.start();
    }
    return inf;
  }

  async waitForSync(resources: string[]): Promise<void> {
    await Promise.all(resources.map((r) => this.get(r).waitForSync()));
  }

  stop(): void {
    for (const inf of this.informers.values()) inf.stop();
    this.informers.clear();
  }
}
