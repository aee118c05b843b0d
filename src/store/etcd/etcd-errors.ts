// etcd's client-facing errors (its rpctypes), with the gRPC codes and the exact messages etcd
// sends: etcdctl and etcd's client libraries recognise errors by these strings, so a user sees
// what they would see from etcd.
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';

export const ETCD_ERRORS = {
  'empty-key': [status.INVALID_ARGUMENT, 'etcdserver: key is not provided'],
  'key-not-found': [status.INVALID_ARGUMENT, 'etcdserver: key not found'],
  'value-provided': [status.INVALID_ARGUMENT, 'etcdserver: value is provided'],
  'lease-provided': [status.INVALID_ARGUMENT, 'etcdserver: lease is provided'],
  'too-many-ops': [status.INVALID_ARGUMENT, 'etcdserver: too many operations in txn request'],
  'duplicate-key': [status.INVALID_ARGUMENT, 'etcdserver: duplicate key given in txn request'],
  'request-too-large': [status.INVALID_ARGUMENT, 'etcdserver: request is too large'],
  compacted: [status.OUT_OF_RANGE, 'etcdserver: mvcc: required revision has been compacted'],
  'future-rev': [status.OUT_OF_RANGE, 'etcdserver: mvcc: required revision is a future revision'],
  'no-space': [status.RESOURCE_EXHAUSTED, 'etcdserver: mvcc: database space exceeded'],
  'lease-not-found': [status.NOT_FOUND, 'etcdserver: requested lease not found'],
  'lease-exist': [status.FAILED_PRECONDITION, 'etcdserver: lease already exists'],
  'lease-ttl-too-large': [status.OUT_OF_RANGE, 'etcdserver: too large lease TTL'],
  'member-exist': [status.FAILED_PRECONDITION, 'etcdserver: member ID already exist'],
  'peer-url-exist': [status.FAILED_PRECONDITION, 'etcdserver: Peer URLs already exists'],
  'member-bad-urls': [status.INVALID_ARGUMENT, 'etcdserver: given member URLs are invalid'],
  'member-not-found': [status.NOT_FOUND, 'etcdserver: member not found'],
  'member-not-learner': [status.FAILED_PRECONDITION, 'etcdserver: can only promote a learner member'],
  'learner-not-ready': [status.FAILED_PRECONDITION, 'etcdserver: can only promote a learner member which is in sync with leader'],
  'not-enough-started': [status.FAILED_PRECONDITION, 'etcdserver: re-configuration failed due to not enough started members'],
  'no-leader': [status.UNAVAILABLE, 'etcdserver: no leader'],
  'not-leader': [status.FAILED_PRECONDITION, 'etcdserver: not leader'],
  'bad-leader-transferee': [status.FAILED_PRECONDITION, 'etcdserver: bad leader transferee'],
  'leader-changed': [status.UNAVAILABLE, 'etcdserver: leader changed'],
  stopped: [status.UNAVAILABLE, 'etcdserver: server stopped'],
  timeout: [status.UNAVAILABLE, 'etcdserver: request timed out'],
  'too-many-requests': [status.RESOURCE_EXHAUSTED, 'etcdserver: too many requests'],
  'not-capable': [status.UNAVAILABLE, 'etcdserver: not capable'],
  'invalid-sort': [status.INVALID_ARGUMENT, 'etcdserver: invalid sort option'],
  'not-supported-for-learner': [status.UNAVAILABLE, 'etcdserver: rpc not supported for learner'],
  unimplemented: [status.UNIMPLEMENTED, 'etcdserver: not supported by shoal'],
} as const satisfies Record<string, readonly [status, string]>;

export type EtcdErrorName = keyof typeof ETCD_ERRORS;

/** A refusal with etcd's code and message; `detail` (logged, never sent) says what exactly. */
export class EtcdError extends Error implements Partial<ServiceError> {
  override readonly name = 'EtcdError';
  readonly code: status;
  readonly details: string;
  readonly metadata = new Metadata();

  constructor(
    readonly etcdName: EtcdErrorName,
    readonly detail?: string,
  ) {
    const [code, message] = ETCD_ERRORS[etcdName];
    super(message);
    this.code = code;
    this.details = message;
  }
}

