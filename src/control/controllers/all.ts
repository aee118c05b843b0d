// Every controller the controller manager runs, and the resources their informers need.
import { CLUSTER_RESOURCES, clusterControllers } from './cluster-controllers.ts';
import type { Controller } from './controller.ts';
import { WORKLOAD_RESOURCES, workloadControllers } from './workloads.ts';

export function allControllers(): { controllers: Controller[]; resources: string[] } {
  return {
    controllers: [...workloadControllers(), ...clusterControllers()],
    resources: [...new Set([...WORKLOAD_RESOURCES, ...CLUSTER_RESOURCES])],
  };
}
