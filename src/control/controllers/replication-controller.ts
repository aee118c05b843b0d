// The ReplicationController manager (v1): the same replica manager as ReplicaSets', over
// ReplicationControllers, whose selector is a plain map of labels (every one must match).
import type { Obj } from '../client/resource-client.ts';
import { ReplicaManager, type ReplicaKind, type ReplicaManagerOptions } from './replica-manager.ts';
import { mapSelectorReqs } from './workload-common.ts';

export const REPLICATIONCONTROLLER_KIND: ReplicaKind = {
  resource: 'replicationcontrollers',
  kind: 'ReplicationController',
  apiVersion: 'v1',
  selector: (rc: Obj) => mapSelectorReqs(rc.spec?.selector),
};

export class ReplicationControllerManager extends ReplicaManager {
  constructor(opts: ReplicaManagerOptions = {}) {
    super('replication-controller', REPLICATIONCONTROLLER_KIND, opts);
  }
}
