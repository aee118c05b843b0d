// The workload controllers, as the controller manager runs them, and the resources whose
// informers must be synced before they start.
import type { Controller } from './controller.ts';
import { DeploymentController } from './deployment-controller.ts';
import { ReplicaSetController } from './replicaset-controller.ts';
import { ReplicationControllerManager } from './replication-controller.ts';

export const WORKLOAD_RESOURCES = ['pods', 'replicasets', 'replicationcontrollers', 'deployments'];

export function workloadControllers(): Controller[] {
  return [new ReplicaSetController(), new ReplicationControllerManager(), new DeploymentController()];
}
