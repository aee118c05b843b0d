// Original file: proto/resources.proto

import type { IntOrString as _shoal_resources_IntOrString, IntOrString__Output as _shoal_resources_IntOrString__Output } from '../../shoal/resources/IntOrString.ts';

export interface ServicePort {
  /**
   * Required when there are several ports; endpoints ports match by it.
   */
  'name'?: (string);
  /**
   * TCP (default), UDP or SCTP.
   */
  'protocol'?: (string);
  'appProtocol'?: (string);
  /**
   * The port on the cluster IP.
   */
  'port'?: (number);
  /**
   * Port on the pods: a number or a container port's name; defaults to port.
   */
  'targetPort'?: (_shoal_resources_IntOrString | null);
  /**
   * Port on every node (NodePort and LoadBalancer types); allocated when 0.
   */
  'nodePort'?: (number);
  '_appProtocol'?: "appProtocol";
}

export interface ServicePort__Output {
  /**
   * Required when there are several ports; endpoints ports match by it.
   */
  'name': (string);
  /**
   * TCP (default), UDP or SCTP.
   */
  'protocol': (string);
  'appProtocol'?: (string);
  /**
   * The port on the cluster IP.
   */
  'port': (number);
  /**
   * Port on the pods: a number or a container port's name; defaults to port.
   */
  'targetPort': (_shoal_resources_IntOrString__Output | null);
  /**
   * Port on every node (NodePort and LoadBalancer types); allocated when 0.
   */
  'nodePort': (number);
  '_appProtocol'?: "appProtocol";
}
