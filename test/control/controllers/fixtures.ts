// Small object builders and waits for the cluster-controller tests.
import type { Obj, ResourceClient } from '../../../src/control/client/resource-client.ts';
import { waitFor } from '../../cli/harness.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns something other than undefined/false. */
export async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, what: string | (() => string)): Promise<T> {
  return waitFor(
    async () => {
      const v = await probe();
      return v === false ? undefined : (v as T | undefined);
    },
    timeoutMs,
    typeof what === 'string' ? () => what : what,
  );
}

export const exists = (client: ResourceClient, resource: string, ns: string, name: string): Promise<Obj | undefined> => client.get(resource, ns, name).catch(() => undefined);

export function pod(name: string, opts: { labels?: Record<string, string>; owner?: Obj; block?: boolean; nodeName?: string; cpu?: string; ports?: Obj[]; tolerations?: Obj[]; annotations?: Record<string, string> } = {}): Obj {
  const container: Obj = { name: 'app', image: 'busybox' };
  if (opts.cpu) container.resources = { requests: { cpu: opts.cpu } };
  if (opts.ports) container.ports = opts.ports;
  const p: Obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: opts.labels ?? {} }, spec: { containers: [container] } };
  if (opts.annotations) p.metadata.annotations = opts.annotations;
  if (opts.owner) p.metadata.ownerReferences = [ownerRef(opts.owner, opts.block ?? false)];
  if (opts.nodeName) p.spec.nodeName = opts.nodeName;
  if (opts.tolerations) p.spec.tolerations = opts.tolerations;
  return p;
}

export function ownerRef(owner: Obj, block = false): Obj {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: block };
}

export function replicaSet(name: string, replicas = 2): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'busybox' }] } } },
  };
}

export function deployment(name: string, replicas = 2): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'busybox' }] } } },
  };
}

/** Sets a pod's status as an agent would: Running with an IP, Ready as asked. */
export async function setPodStatus(client: ResourceClient, ns: string, name: string, s: { ip?: string; ready: boolean; phase?: string }): Promise<Obj> {
  const p = await client.get('pods', ns, name);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const status: Obj = {
    ...p.status,
    phase: s.phase ?? 'Running',
    conditions: [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      { type: 'Ready', status: s.ready ? 'True' : 'False', lastTransitionTime: now },
    ],
  };
  if (s.ip) status.podIP = s.ip;
  return client.update('pods', ns, { ...p, status }, { subresource: 'status' });
}
