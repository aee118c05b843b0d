// The namespaces every cluster has from its first moment. Every master tries to create them
// (create is a compare-and-swap, so exactly one write wins) until they exist.
import type { Logger } from 'pino';
import { ApiError } from './api-errors.ts';
import type { ResourceApi } from './resource-api.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const RETRY_MS = 250;

export async function ensureSystemNamespaces(api: ResourceApi, logger: Logger, stopped: () => boolean): Promise<void> {
  const log = logger.child({ component: 'bootstrap' });
  const missing = new Set(SYSTEM_NAMESPACES);
  while (missing.size > 0 && !stopped()) {
    for (const name of [...missing]) {
      try {
        await api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
        log.info({ event: 'namespace-bootstrapped', name }, 'system namespace created');
        missing.delete(name);
      } catch (err) {
        if (err instanceof ApiError && err.reason === 'AlreadyExists') missing.delete(name);
        else log.debug({ event: 'namespace-bootstrap-retry', name, err: (err as Error).message }, 'system namespace not created yet');
      }
    }
    if (missing.size > 0) await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}
