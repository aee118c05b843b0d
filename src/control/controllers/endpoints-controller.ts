// Endpoints: for every Service with a selector, an Endpoints object of the same name listing
// the pods it selects. A pod is listed by its podIP (pods without one are skipped; terminal
// pods and, unless the service publishes not-ready addresses, terminating pods are left out),
// with its node and a targetRef to it; a ready pod (Ready condition True) under addresses,
// the others under notReadyAddresses (publishNotReadyAddresses puts all under addresses).
// Each service port's targetPort is resolved per pod (a number, or the name of one of the
// pod's containerPorts with the same protocol), and pods that resolve to the same ports share
// a subset. The object is written only when it would change, and deleted with its service
// (no ownerReference: as in Kubernetes, this controller deletes it itself). Services without a
// selector keep whatever Endpoints their user writes.
//
// Headless services (clusterIP None) are handled the same way, except one with no ports at
// all: Kubernetes lists such pods in a port-less subset, which this API's validation refuses
// (subsets[].ports is required), so its Endpoints stay empty.
import type { Obj } from '../client/resource-client.ts';
import { keyOf, splitKey, type Informer } from '../informer/informer.ts';
import { deepEqual } from '../validation/common.ts';
import { ignoreNotFound, podIsReady, QueueController } from './queue-controller.ts';

export const ENDPOINTS_RESOURCES = ['services', 'pods', 'endpoints'];

const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/** The port a service port reaches on this pod, or undefined when the pod has no such named port. */
export function resolveTargetPort(pod: Obj, svcPort: Obj): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  if (typeof target === 'string' && /^\d+$/.test(target)) return Number(target);
  const proto = svcPort.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
    }
  }
  return undefined;
}

/** A service's selector (a plain map; an empty one selects nothing here) matches the pod. */
function selects(svc: Obj, pod: Obj): boolean {
  const sel: Record<string, string> | undefined = svc.spec?.selector;
  if (!sel) return false;
  const labels: Record<string, string> = pod.metadata?.labels ?? {};
  let any = false;
  for (const [k, v] of Object.entries(sel)) {
    if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
    any = true;
  }
  return any;
}

const hasSelector = (svc: Obj): boolean => !!svc.spec?.selector && Object.keys(svc.spec.selector).length > 0;

export class EndpointsController extends QueueController {
  readonly name = 'endpoints-controller';
  protected override workers = 4;
  private services!: Informer;
  private pods!: Informer;
  private endpoints!: Informer;

  protected setup(): void {
    this.services = this.watch('services', {
      add: (s) => this.queue.add(keyOf(s)),
      update: (_o, s) => this.queue.add(keyOf(s)),
      delete: (s) => this.queue.add(keyOf(s)),
    });
    this.pods = this.watch('pods', {
      add: (p) => this.podChanged(undefined, p),
      update: (old, p) => this.podChanged(old, p),
      delete: (p) => this.podChanged(undefined, p),
    });
    // Someone else changed or deleted an Endpoints object: put it back as it should be. At
    // start, every existing one is looked at, so those of services deleted meanwhile go.
    this.endpoints = this.watch('endpoints', {
      add: (e) => this.queue.add(keyOf(e)),
      update: (_o, e) => this.queue.add(keyOf(e)),
      delete: (e) => {
        if (this.services.getByKey(keyOf(e))) this.queue.add(keyOf(e));
      },
    });
  }

  private podChanged(old: Obj | undefined, pod: Obj): void {
    const ns = pod.metadata?.namespace ?? '';
    for (const svc of this.services.byIndex('namespace', ns)) {
      if (selects(svc, pod) || (old && selects(svc, old))) this.queue.add(keyOf(svc));
    }
  }

  protected async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const svc = this.services.getByKey(key);
    const existing = this.endpoints.getByKey(key);
    if (!svc) {
      if (existing) {
        await ignoreNotFound(this.client.delete('endpoints', namespace, name, { preconditionUid: existing.metadata.uid }));
        this.log.debug({ event: 'endpoints-deleted', service: key }, 'service gone; endpoints deleted');
      }
      return;
    }
    if (!hasSelector(svc) || svc.spec?.type === 'ExternalName') return;

    const subsets = this.desiredSubsets(svc);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
    else delete labels[HEADLESS_LABEL];

    if (!existing) {
      // AlreadyExists (our cache has not seen it yet) is retried, and compared, once it has.
      await this.client.create('endpoints', namespace, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels }, subsets });
      return;
    }
    if (deepEqual(existing.subsets ?? [], subsets) && deepEqual(existing.metadata.labels ?? {}, labels)) return;
    const next = structuredClone(existing);
    next.metadata.labels = labels;
    next.subsets = subsets;
    await this.client.update('endpoints', namespace, next);
  }

  private desiredSubsets(svc: Obj): Obj[] {
    const ports: Obj[] = svc.spec?.ports ?? [];
    if (ports.length === 0) return []; // see the note at the top
    const publishAll = svc.spec?.publishNotReadyAddresses === true;
    // subset key (its ports) -> the subset being built
    const groups = new Map<string, { ports: Obj[]; addresses: Obj[]; notReadyAddresses: Obj[] }>();
    for (const pod of this.pods.byIndex('namespace', svc.metadata.namespace)) {
      if (!selects(svc, pod)) continue;
      const ip = pod.status?.podIP;
      if (!ip) continue;
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
      if (pod.metadata.deletionTimestamp && !publishAll) continue;
      const epPorts: Obj[] = [];
      for (const sp of ports) {
        const port = resolveTargetPort(pod, sp);
        if (port === undefined) continue;
        const ep: Obj = { port, protocol: sp.protocol ?? 'TCP' };
        if (sp.name) ep.name = sp.name;
        if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
        epPorts.push(ep);
      }
      if (epPorts.length === 0) continue;
      epPorts.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
      const gk = JSON.stringify(epPorts);
      let g = groups.get(gk);
      if (!g) groups.set(gk, (g = { ports: epPorts, addresses: [], notReadyAddresses: [] }));
      const addr: Obj = { ip, targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid } };
      if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
      if (pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name) addr.hostname = pod.spec.hostname;
      if (publishAll || podIsReady(pod)) g.addresses.push(addr);
      else g.notReadyAddresses.push(addr);
    }
    const byAddr = (a: Obj, b: Obj) => a.ip.localeCompare(b.ip) || a.targetRef.name.localeCompare(b.targetRef.name);
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, g]) => {
        const s: Obj = {};
        if (g.addresses.length > 0) s.addresses = g.addresses.sort(byAddr);
        if (g.notReadyAddresses.length > 0) s.notReadyAddresses = g.notReadyAddresses.sort(byAddr);
        s.ports = g.ports;
        return s;
      });
  }
}
