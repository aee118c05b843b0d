// The ReplicaSet controller (apps/v1): a replica manager over ReplicaSets, whose selector is a
// LabelSelector (matchLabels and matchExpressions).
import type { Obj } from '../client/resource-client.ts';
import { ReplicaManager, type ReplicaKind, type ReplicaManagerOptions } from './replica-manager.ts';
import { selectorReqs } from './workload-common.ts';

export const REPLICASET_KIND: ReplicaKind = {
  resource: 'replicasets',
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  selector: (rs: Obj) => selectorReqs(rs.spec?.selector),
};

export class ReplicaSetController extends ReplicaManager {
  constructor(opts: ReplicaManagerOptions = {}) {
    super('replicaset-controller', REPLICASET_KIND, opts);
  }
}
