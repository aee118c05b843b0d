// Original file: proto/resources.proto


export interface ContainerPort {
  /**
   * IANA_SVC_NAME; services may target the port by this name.
   */
  'name'?: (string);
  /**
   * Also published on the node at this port when non-zero.
   */
  'hostPort'?: (number);
  'containerPort'?: (number);
  /**
   * TCP, UDP or SCTP (default TCP).
   */
  'protocol'?: (string);
  'hostIP'?: (string);
}

export interface ContainerPort__Output {
  /**
   * IANA_SVC_NAME; services may target the port by this name.
   */
  'name': (string);
  /**
   * Also published on the node at this port when non-zero.
   */
  'hostPort': (number);
  'containerPort': (number);
  /**
   * TCP, UDP or SCTP (default TCP).
   */
  'protocol': (string);
  'hostIP': (string);
}
