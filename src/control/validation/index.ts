// Per-kind defaulting and semantic validation. The API server calls, for each write:
//   kindRules[kind].defaults(obj)                     (mutates in place)
//   kindRules[kind].updateDefaults?.(obj, old)        (updates only; keeps allocated values)
//   kindRules[kind].validate(obj, errs, old?)         (old given on update)
// Metadata (names, labels, annotations, owner references, finalizers) is checked elsewhere;
// `name` says which name rule the kind's metadata.name follows.
import type { NameRule } from '../labels.ts';
import { defaultEvent, defaultLease, defaultNamespace, defaultNode, validateEvent, validateLease, validateNamespace, validateNode } from './cluster.ts';
import type { Obj } from './common.ts';
import { defaultConfigMap, defaultSecret, validateConfigMap, validateSecret } from './config.ts';
import type { FieldErrors } from './field-errors.ts';
import { defaultHorizontalPodAutoscaler, validateHorizontalPodAutoscaler } from './hpa.ts';
import { defaultNetworkPolicy, validateNetworkPolicy } from './network-policy.ts';
import { defaultPod, validatePod } from './pod.ts';
import { defaultEndpoints, defaultService, defaultServiceUpdate, validateEndpoints, validateService, type ServiceOptions } from './service.ts';
import { defaultDeployment, defaultReplicaSet, defaultReplicationController, validateDeployment, validateReplicaSet, validateReplicationController } from './workloads.ts';

export type { FieldError } from './field-errors.ts';
export { FieldErrors } from './field-errors.ts';

/** Cluster-wide settings some checks depend on. */
export type ValidationOptions = ServiceOptions;

export interface KindRule {
  /** Sets Kubernetes' defaults in place; tolerates malformed objects (validation reports them). */
  defaults(obj: Obj): void;
  /** On update, before validation: carries over server-allocated values the new object leaves out. */
  updateDefaults?(obj: Obj, old: Obj): void;
  /** Reports every semantic problem to errs; `old` is the stored object on update. Never throws. */
  validate(obj: Obj, errs: FieldErrors, old?: Obj, opts?: ValidationOptions): void;
  /** The rule for metadata.name. */
  name: NameRule;
  namespaced: boolean;
}

export const kindRules: Record<string, KindRule> = {
  Namespace: { defaults: defaultNamespace, validate: validateNamespace, name: 'dns1123Label', namespaced: false },
  Node: { defaults: defaultNode, validate: validateNode, name: 'dns1123Subdomain', namespaced: false },
  Pod: { defaults: defaultPod, validate: validatePod, name: 'dns1123Subdomain', namespaced: true },
  ReplicaSet: { defaults: defaultReplicaSet, validate: validateReplicaSet, name: 'dns1123Subdomain', namespaced: true },
  ReplicationController: { defaults: defaultReplicationController, validate: validateReplicationController, name: 'dns1123Subdomain', namespaced: true },
  Deployment: { defaults: defaultDeployment, validate: validateDeployment, name: 'dns1123Subdomain', namespaced: true },
  Service: { defaults: defaultService, updateDefaults: defaultServiceUpdate, validate: validateService, name: 'dns1035Label', namespaced: true },
  Endpoints: { defaults: defaultEndpoints, validate: validateEndpoints, name: 'dns1123Subdomain', namespaced: true },
  ConfigMap: { defaults: defaultConfigMap, validate: validateConfigMap, name: 'dns1123Subdomain', namespaced: true },
  Secret: { defaults: defaultSecret, validate: validateSecret, name: 'dns1123Subdomain', namespaced: true },
  Event: { defaults: defaultEvent, validate: validateEvent, name: 'dns1123Subdomain', namespaced: true },
  HorizontalPodAutoscaler: { defaults: defaultHorizontalPodAutoscaler, validate: validateHorizontalPodAutoscaler, name: 'pathSegment', namespaced: true },
  NetworkPolicy: { defaults: defaultNetworkPolicy, validate: validateNetworkPolicy, name: 'dns1123Subdomain', namespaced: true },
  Lease: { defaults: defaultLease, validate: validateLease, name: 'dns1123Subdomain', namespaced: true },
};

export * from './cluster.ts';
export * from './config.ts';
export * from './hpa.ts';
export * from './network-policy.ts';
export * from './pod.ts';
export * from './service.ts';
export * from './workloads.ts';
