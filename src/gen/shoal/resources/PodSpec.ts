// Original file: proto/resources.proto

import type { Volume as _shoal_resources_Volume, Volume__Output as _shoal_resources_Volume__Output } from '../../shoal/resources/Volume.ts';
import type { Container as _shoal_resources_Container, Container__Output as _shoal_resources_Container__Output } from '../../shoal/resources/Container.ts';
import type { PodSecurityContext as _shoal_resources_PodSecurityContext, PodSecurityContext__Output as _shoal_resources_PodSecurityContext__Output } from '../../shoal/resources/PodSecurityContext.ts';
import type { LocalObjectReference as _shoal_resources_LocalObjectReference, LocalObjectReference__Output as _shoal_resources_LocalObjectReference__Output } from '../../shoal/resources/LocalObjectReference.ts';
import type { Affinity as _shoal_resources_Affinity, Affinity__Output as _shoal_resources_Affinity__Output } from '../../shoal/resources/Affinity.ts';
import type { Toleration as _shoal_resources_Toleration, Toleration__Output as _shoal_resources_Toleration__Output } from '../../shoal/resources/Toleration.ts';
import type { HostAlias as _shoal_resources_HostAlias, HostAlias__Output as _shoal_resources_HostAlias__Output } from '../../shoal/resources/HostAlias.ts';
import type { PodDNSConfig as _shoal_resources_PodDNSConfig, PodDNSConfig__Output as _shoal_resources_PodDNSConfig__Output } from '../../shoal/resources/PodDNSConfig.ts';
import type { PodReadinessGate as _shoal_resources_PodReadinessGate, PodReadinessGate__Output as _shoal_resources_PodReadinessGate__Output } from '../../shoal/resources/PodReadinessGate.ts';
import type { TopologySpreadConstraint as _shoal_resources_TopologySpreadConstraint, TopologySpreadConstraint__Output as _shoal_resources_TopologySpreadConstraint__Output } from '../../shoal/resources/TopologySpreadConstraint.ts';
import type { PodOS as _shoal_resources_PodOS, PodOS__Output as _shoal_resources_PodOS__Output } from '../../shoal/resources/PodOS.ts';
import type { PodSchedulingGate as _shoal_resources_PodSchedulingGate, PodSchedulingGate__Output as _shoal_resources_PodSchedulingGate__Output } from '../../shoal/resources/PodSchedulingGate.ts';
import type { PodResourceClaim as _shoal_resources_PodResourceClaim, PodResourceClaim__Output as _shoal_resources_PodResourceClaim__Output } from '../../shoal/resources/PodResourceClaim.ts';
import type { ResourceRequirements as _shoal_resources_ResourceRequirements, ResourceRequirements__Output as _shoal_resources_ResourceRequirements__Output } from '../../shoal/resources/ResourceRequirements.ts';
import type { EphemeralContainer as _shoal_resources_EphemeralContainer, EphemeralContainer__Output as _shoal_resources_EphemeralContainer__Output } from '../../shoal/resources/EphemeralContainer.ts';
import type { Long } from '@grpc/proto-loader';

export interface PodSpec {
  'volumes'?: (_shoal_resources_Volume)[];
  /**
   * Run one by one, each to completion, before the app containers start (except those with
   * restartPolicy Always, which are sidecars that keep running).
   */
  'initContainers'?: (_shoal_resources_Container)[];
  'containers'?: (_shoal_resources_Container)[];
  /**
   * Always, OnFailure or Never.
   */
  'restartPolicy'?: (string);
  /**
   * Time between the stop signal and the kill; defaulted (30s) when unset, 0 means at once.
   */
  'terminationGracePeriodSeconds'?: (number | string | Long);
  /**
   * Pod is failed after running this long.
   */
  'activeDeadlineSeconds'?: (number | string | Long);
  /**
   * ClusterFirst, ClusterFirstWithHostNet, Default or None.
   */
  'dnsPolicy'?: (string);
  /**
   * The node's labels must include all of these.
   */
  'nodeSelector'?: ({[key: string]: string});
  'serviceAccountName'?: (string);
  /**
   * Deprecated alias of serviceAccountName.
   */
  'serviceAccount'?: (string);
  'automountServiceAccountToken'?: (boolean);
  /**
   * Set by the scheduler (through a Binding); setting it directly bypasses scheduling.
   */
  'nodeName'?: (string);
  'hostNetwork'?: (boolean);
  'hostPID'?: (boolean);
  'hostIPC'?: (boolean);
  'shareProcessNamespace'?: (boolean);
  'securityContext'?: (_shoal_resources_PodSecurityContext | null);
  'imagePullSecrets'?: (_shoal_resources_LocalObjectReference)[];
  'hostname'?: (string);
  /**
   * With hostname, gives the pod a DNS name <hostname>.<subdomain>.<ns>.svc.<domain>.
   */
  'subdomain'?: (string);
  'affinity'?: (_shoal_resources_Affinity | null);
  'schedulerName'?: (string);
  'tolerations'?: (_shoal_resources_Toleration)[];
  /**
   * Extra lines for the pod's /etc/hosts.
   */
  'hostAliases'?: (_shoal_resources_HostAlias)[];
  'priorityClassName'?: (string);
  /**
   * Resolved from priorityClassName by the server.
   */
  'priority'?: (number);
  'dnsConfig'?: (_shoal_resources_PodDNSConfig | null);
  /**
   * Pod conditions that must also be True for the pod to count as ready.
   */
  'readinessGates'?: (_shoal_resources_PodReadinessGate)[];
  'runtimeClassName'?: (string);
  /**
   * Inject the old Docker-links style service environment variables (default true).
   */
  'enableServiceLinks'?: (boolean);
  /**
   * PreemptLowerPriority or Never.
   */
  'preemptionPolicy'?: (string);
  /**
   * Resources taken by the pod's sandbox on top of its containers.
   */
  'overhead'?: ({[key: string]: string});
  'topologySpreadConstraints'?: (_shoal_resources_TopologySpreadConstraint)[];
  'setHostnameAsFQDN'?: (boolean);
  'os'?: (_shoal_resources_PodOS | null);
  'hostUsers'?: (boolean);
  /**
   * While any gate is present the pod is not scheduled.
   */
  'schedulingGates'?: (_shoal_resources_PodSchedulingGate)[];
  'resourceClaims'?: (_shoal_resources_PodResourceClaim)[];
  /**
   * Pod-level resource budget shared by its containers.
   */
  'resources'?: (_shoal_resources_ResourceRequirements | null);
  /**
   * Debugging containers added to a running pod (through its ephemeralcontainers subresource).
   */
  'ephemeralContainers'?: (_shoal_resources_EphemeralContainer)[];
  '_terminationGracePeriodSeconds'?: "terminationGracePeriodSeconds";
  '_activeDeadlineSeconds'?: "activeDeadlineSeconds";
  '_automountServiceAccountToken'?: "automountServiceAccountToken";
  '_shareProcessNamespace'?: "shareProcessNamespace";
  '_priority'?: "priority";
  '_runtimeClassName'?: "runtimeClassName";
  '_enableServiceLinks'?: "enableServiceLinks";
  '_preemptionPolicy'?: "preemptionPolicy";
  '_setHostnameAsFQDN'?: "setHostnameAsFQDN";
  '_hostUsers'?: "hostUsers";
}

export interface PodSpec__Output {
  'volumes': (_shoal_resources_Volume__Output)[];
  /**
   * Run one by one, each to completion, before the app containers start (except those with
   * restartPolicy Always, which are sidecars that keep running).
   */
  'initContainers': (_shoal_resources_Container__Output)[];
  'containers': (_shoal_resources_Container__Output)[];
  /**
   * Always, OnFailure or Never.
   */
  'restartPolicy': (string);
  /**
   * Time between the stop signal and the kill; defaulted (30s) when unset, 0 means at once.
   */
  'terminationGracePeriodSeconds'?: (number);
  /**
   * Pod is failed after running this long.
   */
  'activeDeadlineSeconds'?: (number);
  /**
   * ClusterFirst, ClusterFirstWithHostNet, Default or None.
   */
  'dnsPolicy': (string);
  /**
   * The node's labels must include all of these.
   */
  'nodeSelector': ({[key: string]: string});
  'serviceAccountName': (string);
  /**
   * Deprecated alias of serviceAccountName.
   */
  'serviceAccount': (string);
  'automountServiceAccountToken'?: (boolean);
  /**
   * Set by the scheduler (through a Binding); setting it directly bypasses scheduling.
   */
  'nodeName': (string);
  'hostNetwork': (boolean);
  'hostPID': (boolean);
  'hostIPC': (boolean);
  'shareProcessNamespace'?: (boolean);
  'securityContext': (_shoal_resources_PodSecurityContext__Output | null);
  'imagePullSecrets': (_shoal_resources_LocalObjectReference__Output)[];
  'hostname': (string);
  /**
   * With hostname, gives the pod a DNS name <hostname>.<subdomain>.<ns>.svc.<domain>.
   */
  'subdomain': (string);
  'affinity': (_shoal_resources_Affinity__Output | null);
  'schedulerName': (string);
  'tolerations': (_shoal_resources_Toleration__Output)[];
  /**
   * Extra lines for the pod's /etc/hosts.
   */
  'hostAliases': (_shoal_resources_HostAlias__Output)[];
  'priorityClassName': (string);
  /**
   * Resolved from priorityClassName by the server.
   */
  'priority'?: (number);
  'dnsConfig': (_shoal_resources_PodDNSConfig__Output | null);
  /**
   * Pod conditions that must also be True for the pod to count as ready.
   */
  'readinessGates': (_shoal_resources_PodReadinessGate__Output)[];
  'runtimeClassName'?: (string);
  /**
   * Inject the old Docker-links style service environment variables (default true).
   */
  'enableServiceLinks'?: (boolean);
  /**
   * PreemptLowerPriority or Never.
   */
  'preemptionPolicy'?: (string);
  /**
   * Resources taken by the pod's sandbox on top of its containers.
   */
  'overhead': ({[key: string]: string});
  'topologySpreadConstraints': (_shoal_resources_TopologySpreadConstraint__Output)[];
  'setHostnameAsFQDN'?: (boolean);
  'os': (_shoal_resources_PodOS__Output | null);
  'hostUsers'?: (boolean);
  /**
   * While any gate is present the pod is not scheduled.
   */
  'schedulingGates': (_shoal_resources_PodSchedulingGate__Output)[];
  'resourceClaims': (_shoal_resources_PodResourceClaim__Output)[];
  /**
   * Pod-level resource budget shared by its containers.
   */
  'resources': (_shoal_resources_ResourceRequirements__Output | null);
  /**
   * Debugging containers added to a running pod (through its ephemeralcontainers subresource).
   */
  'ephemeralContainers': (_shoal_resources_EphemeralContainer__Output)[];
  '_terminationGracePeriodSeconds'?: "terminationGracePeriodSeconds";
  '_activeDeadlineSeconds'?: "activeDeadlineSeconds";
  '_automountServiceAccountToken'?: "automountServiceAccountToken";
  '_shareProcessNamespace'?: "shareProcessNamespace";
  '_priority'?: "priority";
  '_runtimeClassName'?: "runtimeClassName";
  '_enableServiceLinks'?: "enableServiceLinks";
  '_preemptionPolicy'?: "preemptionPolicy";
  '_setHostnameAsFQDN'?: "setHostnameAsFQDN";
  '_hostUsers'?: "hostUsers";
}
