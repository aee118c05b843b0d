// Feeds the zone from the Services and Endpoints informers: every watch event changes the
// zone at once (no polling, no resync timer), and the zone answers NXDOMAIN only after both
// informers have listed once.
import type { InformerHandlers } from '../../control/informer/informer.ts';
import type { ClusterZone } from './cluster-zone.ts';

/** What the feed needs of an informer (the agent's Informer, or any source of watch events). */
export interface ObjectSource {
  on(h: InformerHandlers): () => void;
  waitForSync(): Promise<void>;
}

/** Subscribes the zone to both sources; returns the function that unsubscribes. */
export function feedZone(zone: ClusterZone, services: ObjectSource, endpoints: ObjectSource): () => void {
  let stopped = false;
  const offServices = services.on({
    add: (o) => zone.upsertService(o),
    update: (_old, o) => zone.upsertService(o),
    delete: (o) => zone.deleteService(o),
  });
  const offEndpoints = endpoints.on({
    add: (o) => zone.upsertEndpoints(o),
    update: (_old, o) => zone.upsertEndpoints(o),
    delete: (o) => zone.deleteEndpoints(o),
  });
  void Promise.all([services.waitForSync(), endpoints.waitForSync()]).then(() => {
    if (!stopped) zone.markSynced();
  });
  return () => {
    stopped = true;
    offServices();
    offEndpoints();
  };
}
