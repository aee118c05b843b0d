// Original file: proto/resources.proto

import type { ServicePort as _shoal_resources_ServicePort, ServicePort__Output as _shoal_resources_ServicePort__Output } from '../../shoal/resources/ServicePort.ts';
import type { SessionAffinityConfig as _shoal_resources_SessionAffinityConfig, SessionAffinityConfig__Output as _shoal_resources_SessionAffinityConfig__Output } from '../../shoal/resources/SessionAffinityConfig.ts';

export interface ServiceSpec {
  'ports'?: (_shoal_resources_ServicePort)[];
  /**
   * Pods with these labels are the backends; without a selector endpoints are managed by hand.
   */
  'selector'?: ({[key: string]: string});
  /**
   * The virtual IP; allocated when empty, "None" makes a headless service. Immutable.
   */
  'clusterIP'?: (string);
  /**
   * One per IP family; the first equals clusterIP.
   */
  'clusterIPs'?: (string)[];
  /**
   * ClusterIP (default), NodePort, LoadBalancer or ExternalName.
   */
  'type'?: (string);
  /**
   * Extra addresses (not managed by shoal) on which the service's ports are accepted.
   */
  'externalIPs'?: (string)[];
  /**
   * None or ClientIP.
   */
  'sessionAffinity'?: (string);
  /**
   * Deprecated request for a specific load-balancer address.
   */
  'loadBalancerIP'?: (string);
  'loadBalancerSourceRanges'?: (string)[];
  /**
   * For type ExternalName: the DNS name returned as a CNAME.
   */
  'externalName'?: (string);
  /**
   * Cluster or Local (Local keeps the client's source IP, serving only from local pods).
   */
  'externalTrafficPolicy'?: (string);
  /**
   * Node port answering health checks for externalTrafficPolicy Local.
   */
  'healthCheckNodePort'?: (number);
  /**
   * Include pods that are not ready in the endpoints (and DNS).
   */
  'publishNotReadyAddresses'?: (boolean);
  'sessionAffinityConfig'?: (_shoal_resources_SessionAffinityConfig | null);
  /**
   * IPv4, IPv6.
   */
  'ipFamilies'?: (string)[];
  /**
   * SingleStack, PreferDualStack or RequireDualStack.
   */
  'ipFamilyPolicy'?: (string);
  'allocateLoadBalancerNodePorts'?: (boolean);
  'loadBalancerClass'?: (string);
  /**
   * Cluster or Local, for traffic from inside the cluster.
   */
  'internalTrafficPolicy'?: (string);
  /**
   * e.g. PreferClose: a routing hint for the proxies.
   */
  'trafficDistribution'?: (string);
  '_ipFamilyPolicy'?: "ipFamilyPolicy";
  '_allocateLoadBalancerNodePorts'?: "allocateLoadBalancerNodePorts";
  '_loadBalancerClass'?: "loadBalancerClass";
  '_internalTrafficPolicy'?: "internalTrafficPolicy";
  '_trafficDistribution'?: "trafficDistribution";
}

export interface ServiceSpec__Output {
  'ports': (_shoal_resources_ServicePort__Output)[];
  /**
   * Pods with these labels are the backends; without a selector endpoints are managed by hand.
   */
  'selector': ({[key: string]: string});
  /**
   * The virtual IP; allocated when empty, "None" makes a headless service. Immutable.
   */
  'clusterIP': (string);
  /**
   * One per IP family; the first equals clusterIP.
   */
  'clusterIPs': (string)[];
  /**
   * ClusterIP (default), NodePort, LoadBalancer or ExternalName.
   */
  'type': (string);
  /**
   * Extra addresses (not managed by shoal) on which the service's ports are accepted.
   */
  'externalIPs': (string)[];
  /**
   * None or ClientIP.
   */
  'sessionAffinity': (string);
  /**
   * Deprecated request for a specific load-balancer address.
   */
  'loadBalancerIP': (string);
  'loadBalancerSourceRanges': (string)[];
  /**
   * For type ExternalName: the DNS name returned as a CNAME.
   */
  'externalName': (string);
  /**
   * Cluster or Local (Local keeps the client's source IP, serving only from local pods).
   */
  'externalTrafficPolicy': (string);
  /**
   * Node port answering health checks for externalTrafficPolicy Local.
   */
  'healthCheckNodePort': (number);
  /**
   * Include pods that are not ready in the endpoints (and DNS).
   */
  'publishNotReadyAddresses': (boolean);
  'sessionAffinityConfig': (_shoal_resources_SessionAffinityConfig__Output | null);
  /**
   * IPv4, IPv6.
   */
  'ipFamilies': (string)[];
  /**
   * SingleStack, PreferDualStack or RequireDualStack.
   */
  'ipFamilyPolicy'?: (string);
  'allocateLoadBalancerNodePorts'?: (boolean);
  'loadBalancerClass'?: (string);
  /**
   * Cluster or Local, for traffic from inside the cluster.
   */
  'internalTrafficPolicy'?: (string);
  /**
   * e.g. PreferClose: a routing hint for the proxies.
   */
  'trafficDistribution'?: (string);
  '_ipFamilyPolicy'?: "ipFamilyPolicy";
  '_allocateLoadBalancerNodePorts'?: "allocateLoadBalancerNodePorts";
  '_loadBalancerClass'?: "loadBalancerClass";
  '_internalTrafficPolicy'?: "internalTrafficPolicy";
  '_trafficDistribution'?: "trafficDistribution";
}
