// Shared bits of the workload controller tests (ReplicaSet, ReplicationController, Deployment): namespaces, manifests, pod queries, waits.
import type { Obj, ResourceClient } from '../../../src/control/client/resource-client.ts';
import { waitFor } from '../../cli/harness.ts';

export { waitFor };

export async function namespace(client: ResourceClient, name: string): Promise<string> {
  await client.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

export function podTemplate(labels: Record<string, string>, image = 'img:a'): Obj {
  return { metadata: { labels }, spec: { containers: [{ name: 'app', image }], terminationGracePeriodSeconds: 30 } };
}

export function replicaSet(name: string, replicas: number, labels: Record<string, string>, image = 'img:a'): Obj {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name }, spec: { replicas, selector: { matchLabels: labels }, template: podTemplate(labels, image) } };
}

export function replicationController(name: string, replicas: number, labels: Record<string, string>, image = 'img:a'): Obj {
  return { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name }, spec: { replicas, selector: labels, template: podTemplate(labels, image) } };
}

export function deployment(name: string, replicas: number, labels: Record<string, string>, image = 'img:a', extra: Obj = {}): Obj {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas, selector: { matchLabels: labels }, template: podTemplate(labels, image), ...extra } };
}

export const isTerminating = (p: Obj): boolean => !!p.metadata.deletionTimestamp;
export const isReady = (p: Obj): boolean => (p.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
export const imageOf = (p: Obj): string => p.spec?.containers?.[0]?.image;

/** Pods of a namespace (matching a selector string), not terminating. */
export async function livePods(client: ResourceClient, ns: string, labelSelector = ''): Promise<Obj[]> {
  const { items } = await client.list('pods', ns, { labelSelector });
  return items.filter((p) => !isTerminating(p));
}

/** Waits until `probe` holds (true), explaining with `explain` on timeout. */
export async function until(probe: () => Promise<boolean>, timeoutMs: number, explain: () => Promise<string> | string): Promise<void> {
  let last = '';
  try {
    await waitFor(async () => ((await probe()) ? true : undefined), timeoutMs, () => last);
  } catch (err) {
    last = await explain();
    throw new Error(`${(err as Error).message}${last}`);
  }
}

export async function setReplicas(client: ResourceClient, resource: string, ns: string, name: string, replicas: number): Promise<void> {
  await client.patch(resource, ns, name, { spec: { replicas } });
}

export async function eventsFor(client: ResourceClient, ns: string, name: string): Promise<Obj[]> {
  const { items } = await client.list('events', ns);
  return items.filter((e) => e.involvedObject?.name === name);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
