// The cluster-wide controllers the controller manager runs (besides the workload
// controllers): garbage collection, namespace deletion, node lifecycle and taint-based
// eviction, endpoints, service IP/NodePort allocation, horizontal autoscaling.
import { KINDS } from '../api/kinds.ts';
import type { Controller } from './controller.ts';
import { EndpointsController } from './endpoints-controller.ts';
import { GarbageCollector } from './garbage-collector.ts';
import { HpaController } from './hpa-controller.ts';
import { NamespaceController } from './namespace-controller.ts';
import { NodeLifecycleController } from './node-lifecycle-controller.ts';
import { ServiceAllocator } from './service-allocator.ts';

/** Every resource whose informer these controllers read (the garbage collector and the namespace controller need them all). */
export const CLUSTER_RESOURCES: string[] = KINDS.map((k) => k.resource);

export function clusterControllers(): Controller[] {
  return [new GarbageCollector(), new NamespaceController(), new NodeLifecycleController(), new EndpointsController(), new ServiceAllocator(), new HpaController()];
}
