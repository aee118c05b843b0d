// The kinds the API serves: their names, groups, scope and subresources. Storage keys are
// /registry/<resource>/<namespace>/<name> (cluster-scoped: /registry/<resource>/<name>).
import type { NameRule } from '../labels.ts';

export interface KindSpec {
  kind: string;
  /** Plural lower-case name: the storage segment and the API's resource name. */
  resource: string;
  /** What the API writes in apiVersion. */
  apiVersion: string;
  /** What a manifest may say (older spellings of the same schema). */
  acceptedApiVersions: string[];
  namespaced: boolean;
  shortNames: string[];
  /** 'status': status is written only through the subresource, and spec only without it. */
  subresources: ('status' | 'scale' | 'binding')[];
  /** Name syntax (Kubernetes' per-kind rule). */
  nameRule: NameRule;
}

const k = (
  kind: string,
  resource: string,
  apiVersion: string,
  namespaced: boolean,
  shortNames: string[],
  subresources: KindSpec['subresources'] = [],
  nameRule: KindSpec['nameRule'] = 'dns1123Subdomain',
  acceptedApiVersions: string[] = [apiVersion],
): KindSpec => ({ kind, resource, apiVersion, acceptedApiVersions, namespaced, shortNames, subresources, nameRule });

export const KINDS: readonly KindSpec[] = [
  k('Namespace', 'namespaces', 'v1', false, ['ns'], ['status'], 'dns1123Label'),
  k('Node', 'nodes', 'v1', false, ['no'], ['status']),
  k('Pod', 'pods', 'v1', true, ['po'], ['status', 'binding']),
  k('ReplicaSet', 'replicasets', 'apps/v1', true, ['rs'], ['status', 'scale']),
  k('ReplicationController', 'replicationcontrollers', 'v1', true, ['rc'], ['status', 'scale']),
  k('Deployment', 'deployments', 'apps/v1', true, ['deploy'], ['status', 'scale']),
  k('Service', 'services', 'v1', true, ['svc'], ['status'], 'dns1035Label'),
  k('Endpoints', 'endpoints', 'v1', true, ['ep']),
  k('ConfigMap', 'configmaps', 'v1', true, ['cm']),
  k('Secret', 'secrets', 'v1', true, []),
  k('Event', 'events', 'v1', true, ['ev']),
  k('HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'autoscaling/v2', true, ['hpa'], ['status'], 'pathSegment'),
  k('NetworkPolicy', 'networkpolicies', 'networking.k8s.io/v1', true, ['netpol']),
  k('Lease', 'leases', 'coordination.k8s.io/v1', true, []),
];

const byName = new Map<string, KindSpec>();
for (const spec of KINDS) {
  for (const n of [spec.resource, spec.kind.toLowerCase(), ...spec.shortNames]) byName.set(n, spec);
}
// Singular forms ("pod", "deployment") are the kind in lower case; "endpoint" is a common slip.
byName.set('endpoint', byName.get('endpoints')!);

/** The kind a user or client names by plural, singular, kind or short name; undefined if none. */
export function findKind(name: string): KindSpec | undefined {
  return byName.get(name.toLowerCase());
}

export function kindOf(kind: string): KindSpec | undefined {
  return KINDS.find((s) => s.kind === kind);
}

export const REGISTRY_PREFIX = '/registry/';

export function objectKey(spec: KindSpec, namespace: string, name: string): string {
  return spec.namespaced ? `${REGISTRY_PREFIX}${spec.resource}/${namespace}/${name}` : `${REGISTRY_PREFIX}${spec.resource}/${name}`;
}

/** The key prefix holding every object of a kind in one namespace ('' = all namespaces). */
export function listPrefix(spec: KindSpec, namespace: string): string {
  return spec.namespaced && namespace !== '' ? `${REGISTRY_PREFIX}${spec.resource}/${namespace}/` : `${REGISTRY_PREFIX}${spec.resource}/`;
}
