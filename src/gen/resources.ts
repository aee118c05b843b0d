import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Affinity as _shoal_resources_Affinity, Affinity__Output as _shoal_resources_Affinity__Output } from './shoal/resources/Affinity.ts';
import type { AppArmorProfile as _shoal_resources_AppArmorProfile, AppArmorProfile__Output as _shoal_resources_AppArmorProfile__Output } from './shoal/resources/AppArmorProfile.ts';
import type { AttachedVolume as _shoal_resources_AttachedVolume, AttachedVolume__Output as _shoal_resources_AttachedVolume__Output } from './shoal/resources/AttachedVolume.ts';
import type { Binding as _shoal_resources_Binding, Binding__Output as _shoal_resources_Binding__Output } from './shoal/resources/Binding.ts';
import type { CSIVolumeSource as _shoal_resources_CSIVolumeSource, CSIVolumeSource__Output as _shoal_resources_CSIVolumeSource__Output } from './shoal/resources/CSIVolumeSource.ts';
import type { Capabilities as _shoal_resources_Capabilities, Capabilities__Output as _shoal_resources_Capabilities__Output } from './shoal/resources/Capabilities.ts';
import type { ClientIPConfig as _shoal_resources_ClientIPConfig, ClientIPConfig__Output as _shoal_resources_ClientIPConfig__Output } from './shoal/resources/ClientIPConfig.ts';
import type { ClusterTrustBundleProjection as _shoal_resources_ClusterTrustBundleProjection, ClusterTrustBundleProjection__Output as _shoal_resources_ClusterTrustBundleProjection__Output } from './shoal/resources/ClusterTrustBundleProjection.ts';
import type { Condition as _shoal_resources_Condition, Condition__Output as _shoal_resources_Condition__Output } from './shoal/resources/Condition.ts';
import type { ConfigMap as _shoal_resources_ConfigMap, ConfigMap__Output as _shoal_resources_ConfigMap__Output } from './shoal/resources/ConfigMap.ts';
import type { ConfigMapEnvSource as _shoal_resources_ConfigMapEnvSource, ConfigMapEnvSource__Output as _shoal_resources_ConfigMapEnvSource__Output } from './shoal/resources/ConfigMapEnvSource.ts';
import type { ConfigMapKeySelector as _shoal_resources_ConfigMapKeySelector, ConfigMapKeySelector__Output as _shoal_resources_ConfigMapKeySelector__Output } from './shoal/resources/ConfigMapKeySelector.ts';
import type { ConfigMapProjection as _shoal_resources_ConfigMapProjection, ConfigMapProjection__Output as _shoal_resources_ConfigMapProjection__Output } from './shoal/resources/ConfigMapProjection.ts';
import type { ConfigMapVolumeSource as _shoal_resources_ConfigMapVolumeSource, ConfigMapVolumeSource__Output as _shoal_resources_ConfigMapVolumeSource__Output } from './shoal/resources/ConfigMapVolumeSource.ts';
import type { Container as _shoal_resources_Container, Container__Output as _shoal_resources_Container__Output } from './shoal/resources/Container.ts';
import type { ContainerImage as _shoal_resources_ContainerImage, ContainerImage__Output as _shoal_resources_ContainerImage__Output } from './shoal/resources/ContainerImage.ts';
import type { ContainerPort as _shoal_resources_ContainerPort, ContainerPort__Output as _shoal_resources_ContainerPort__Output } from './shoal/resources/ContainerPort.ts';
import type { ContainerResizePolicy as _shoal_resources_ContainerResizePolicy, ContainerResizePolicy__Output as _shoal_resources_ContainerResizePolicy__Output } from './shoal/resources/ContainerResizePolicy.ts';
import type { ContainerResourceMetricSource as _shoal_resources_ContainerResourceMetricSource, ContainerResourceMetricSource__Output as _shoal_resources_ContainerResourceMetricSource__Output } from './shoal/resources/ContainerResourceMetricSource.ts';
import type { ContainerResourceMetricStatus as _shoal_resources_ContainerResourceMetricStatus, ContainerResourceMetricStatus__Output as _shoal_resources_ContainerResourceMetricStatus__Output } from './shoal/resources/ContainerResourceMetricStatus.ts';
import type { ContainerState as _shoal_resources_ContainerState, ContainerState__Output as _shoal_resources_ContainerState__Output } from './shoal/resources/ContainerState.ts';
import type { ContainerStateRunning as _shoal_resources_ContainerStateRunning, ContainerStateRunning__Output as _shoal_resources_ContainerStateRunning__Output } from './shoal/resources/ContainerStateRunning.ts';
import type { ContainerStateTerminated as _shoal_resources_ContainerStateTerminated, ContainerStateTerminated__Output as _shoal_resources_ContainerStateTerminated__Output } from './shoal/resources/ContainerStateTerminated.ts';
import type { ContainerStateWaiting as _shoal_resources_ContainerStateWaiting, ContainerStateWaiting__Output as _shoal_resources_ContainerStateWaiting__Output } from './shoal/resources/ContainerStateWaiting.ts';
import type { ContainerStatus as _shoal_resources_ContainerStatus, ContainerStatus__Output as _shoal_resources_ContainerStatus__Output } from './shoal/resources/ContainerStatus.ts';
import type { CrossVersionObjectReference as _shoal_resources_CrossVersionObjectReference, CrossVersionObjectReference__Output as _shoal_resources_CrossVersionObjectReference__Output } from './shoal/resources/CrossVersionObjectReference.ts';
import type { DaemonEndpoint as _shoal_resources_DaemonEndpoint, DaemonEndpoint__Output as _shoal_resources_DaemonEndpoint__Output } from './shoal/resources/DaemonEndpoint.ts';
import type { Deployment as _shoal_resources_Deployment, Deployment__Output as _shoal_resources_Deployment__Output } from './shoal/resources/Deployment.ts';
import type { DeploymentCondition as _shoal_resources_DeploymentCondition, DeploymentCondition__Output as _shoal_resources_DeploymentCondition__Output } from './shoal/resources/DeploymentCondition.ts';
import type { DeploymentSpec as _shoal_resources_DeploymentSpec, DeploymentSpec__Output as _shoal_resources_DeploymentSpec__Output } from './shoal/resources/DeploymentSpec.ts';
import type { DeploymentStatus as _shoal_resources_DeploymentStatus, DeploymentStatus__Output as _shoal_resources_DeploymentStatus__Output } from './shoal/resources/DeploymentStatus.ts';
import type { DeploymentStrategy as _shoal_resources_DeploymentStrategy, DeploymentStrategy__Output as _shoal_resources_DeploymentStrategy__Output } from './shoal/resources/DeploymentStrategy.ts';
import type { DownwardAPIProjection as _shoal_resources_DownwardAPIProjection, DownwardAPIProjection__Output as _shoal_resources_DownwardAPIProjection__Output } from './shoal/resources/DownwardAPIProjection.ts';
import type { DownwardAPIVolumeFile as _shoal_resources_DownwardAPIVolumeFile, DownwardAPIVolumeFile__Output as _shoal_resources_DownwardAPIVolumeFile__Output } from './shoal/resources/DownwardAPIVolumeFile.ts';
import type { DownwardAPIVolumeSource as _shoal_resources_DownwardAPIVolumeSource, DownwardAPIVolumeSource__Output as _shoal_resources_DownwardAPIVolumeSource__Output } from './shoal/resources/DownwardAPIVolumeSource.ts';
import type { EmptyDirVolumeSource as _shoal_resources_EmptyDirVolumeSource, EmptyDirVolumeSource__Output as _shoal_resources_EmptyDirVolumeSource__Output } from './shoal/resources/EmptyDirVolumeSource.ts';
import type { EndpointAddress as _shoal_resources_EndpointAddress, EndpointAddress__Output as _shoal_resources_EndpointAddress__Output } from './shoal/resources/EndpointAddress.ts';
import type { EndpointPort as _shoal_resources_EndpointPort, EndpointPort__Output as _shoal_resources_EndpointPort__Output } from './shoal/resources/EndpointPort.ts';
import type { EndpointSubset as _shoal_resources_EndpointSubset, EndpointSubset__Output as _shoal_resources_EndpointSubset__Output } from './shoal/resources/EndpointSubset.ts';
import type { Endpoints as _shoal_resources_Endpoints, Endpoints__Output as _shoal_resources_Endpoints__Output } from './shoal/resources/Endpoints.ts';
import type { EnvFromSource as _shoal_resources_EnvFromSource, EnvFromSource__Output as _shoal_resources_EnvFromSource__Output } from './shoal/resources/EnvFromSource.ts';
import type { EnvVar as _shoal_resources_EnvVar, EnvVar__Output as _shoal_resources_EnvVar__Output } from './shoal/resources/EnvVar.ts';
import type { EnvVarSource as _shoal_resources_EnvVarSource, EnvVarSource__Output as _shoal_resources_EnvVarSource__Output } from './shoal/resources/EnvVarSource.ts';
import type { EphemeralContainer as _shoal_resources_EphemeralContainer, EphemeralContainer__Output as _shoal_resources_EphemeralContainer__Output } from './shoal/resources/EphemeralContainer.ts';
import type { EphemeralVolumeSource as _shoal_resources_EphemeralVolumeSource, EphemeralVolumeSource__Output as _shoal_resources_EphemeralVolumeSource__Output } from './shoal/resources/EphemeralVolumeSource.ts';
import type { Event as _shoal_resources_Event, Event__Output as _shoal_resources_Event__Output } from './shoal/resources/Event.ts';
import type { EventSeries as _shoal_resources_EventSeries, EventSeries__Output as _shoal_resources_EventSeries__Output } from './shoal/resources/EventSeries.ts';
import type { EventSource as _shoal_resources_EventSource, EventSource__Output as _shoal_resources_EventSource__Output } from './shoal/resources/EventSource.ts';
import type { ExecAction as _shoal_resources_ExecAction, ExecAction__Output as _shoal_resources_ExecAction__Output } from './shoal/resources/ExecAction.ts';
import type { ExternalMetricSource as _shoal_resources_ExternalMetricSource, ExternalMetricSource__Output as _shoal_resources_ExternalMetricSource__Output } from './shoal/resources/ExternalMetricSource.ts';
import type { ExternalMetricStatus as _shoal_resources_ExternalMetricStatus, ExternalMetricStatus__Output as _shoal_resources_ExternalMetricStatus__Output } from './shoal/resources/ExternalMetricStatus.ts';
import type { GRPCAction as _shoal_resources_GRPCAction, GRPCAction__Output as _shoal_resources_GRPCAction__Output } from './shoal/resources/GRPCAction.ts';
import type { HPAScalingPolicy as _shoal_resources_HPAScalingPolicy, HPAScalingPolicy__Output as _shoal_resources_HPAScalingPolicy__Output } from './shoal/resources/HPAScalingPolicy.ts';
import type { HPAScalingRules as _shoal_resources_HPAScalingRules, HPAScalingRules__Output as _shoal_resources_HPAScalingRules__Output } from './shoal/resources/HPAScalingRules.ts';
import type { HTTPGetAction as _shoal_resources_HTTPGetAction, HTTPGetAction__Output as _shoal_resources_HTTPGetAction__Output } from './shoal/resources/HTTPGetAction.ts';
import type { HTTPHeader as _shoal_resources_HTTPHeader, HTTPHeader__Output as _shoal_resources_HTTPHeader__Output } from './shoal/resources/HTTPHeader.ts';
import type { HorizontalPodAutoscaler as _shoal_resources_HorizontalPodAutoscaler, HorizontalPodAutoscaler__Output as _shoal_resources_HorizontalPodAutoscaler__Output } from './shoal/resources/HorizontalPodAutoscaler.ts';
import type { HorizontalPodAutoscalerBehavior as _shoal_resources_HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerBehavior__Output as _shoal_resources_HorizontalPodAutoscalerBehavior__Output } from './shoal/resources/HorizontalPodAutoscalerBehavior.ts';
import type { HorizontalPodAutoscalerCondition as _shoal_resources_HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerCondition__Output as _shoal_resources_HorizontalPodAutoscalerCondition__Output } from './shoal/resources/HorizontalPodAutoscalerCondition.ts';
import type { HorizontalPodAutoscalerSpec as _shoal_resources_HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerSpec__Output as _shoal_resources_HorizontalPodAutoscalerSpec__Output } from './shoal/resources/HorizontalPodAutoscalerSpec.ts';
import type { HorizontalPodAutoscalerStatus as _shoal_resources_HorizontalPodAutoscalerStatus, HorizontalPodAutoscalerStatus__Output as _shoal_resources_HorizontalPodAutoscalerStatus__Output } from './shoal/resources/HorizontalPodAutoscalerStatus.ts';
import type { HostAlias as _shoal_resources_HostAlias, HostAlias__Output as _shoal_resources_HostAlias__Output } from './shoal/resources/HostAlias.ts';
import type { HostIP as _shoal_resources_HostIP, HostIP__Output as _shoal_resources_HostIP__Output } from './shoal/resources/HostIP.ts';
import type { HostPathVolumeSource as _shoal_resources_HostPathVolumeSource, HostPathVolumeSource__Output as _shoal_resources_HostPathVolumeSource__Output } from './shoal/resources/HostPathVolumeSource.ts';
import type { IPBlock as _shoal_resources_IPBlock, IPBlock__Output as _shoal_resources_IPBlock__Output } from './shoal/resources/IPBlock.ts';
import type { ImageVolumeSource as _shoal_resources_ImageVolumeSource, ImageVolumeSource__Output as _shoal_resources_ImageVolumeSource__Output } from './shoal/resources/ImageVolumeSource.ts';
import type { IntOrString as _shoal_resources_IntOrString, IntOrString__Output as _shoal_resources_IntOrString__Output } from './shoal/resources/IntOrString.ts';
import type { KeyToPath as _shoal_resources_KeyToPath, KeyToPath__Output as _shoal_resources_KeyToPath__Output } from './shoal/resources/KeyToPath.ts';
import type { LabelSelector as _shoal_resources_LabelSelector, LabelSelector__Output as _shoal_resources_LabelSelector__Output } from './shoal/resources/LabelSelector.ts';
import type { LabelSelectorRequirement as _shoal_resources_LabelSelectorRequirement, LabelSelectorRequirement__Output as _shoal_resources_LabelSelectorRequirement__Output } from './shoal/resources/LabelSelectorRequirement.ts';
import type { Lease as _shoal_resources_Lease, Lease__Output as _shoal_resources_Lease__Output } from './shoal/resources/Lease.ts';
import type { LeaseSpec as _shoal_resources_LeaseSpec, LeaseSpec__Output as _shoal_resources_LeaseSpec__Output } from './shoal/resources/LeaseSpec.ts';
import type { Lifecycle as _shoal_resources_Lifecycle, Lifecycle__Output as _shoal_resources_Lifecycle__Output } from './shoal/resources/Lifecycle.ts';
import type { LifecycleHandler as _shoal_resources_LifecycleHandler, LifecycleHandler__Output as _shoal_resources_LifecycleHandler__Output } from './shoal/resources/LifecycleHandler.ts';
import type { LoadBalancerIngress as _shoal_resources_LoadBalancerIngress, LoadBalancerIngress__Output as _shoal_resources_LoadBalancerIngress__Output } from './shoal/resources/LoadBalancerIngress.ts';
import type { LoadBalancerStatus as _shoal_resources_LoadBalancerStatus, LoadBalancerStatus__Output as _shoal_resources_LoadBalancerStatus__Output } from './shoal/resources/LoadBalancerStatus.ts';
import type { LocalObjectReference as _shoal_resources_LocalObjectReference, LocalObjectReference__Output as _shoal_resources_LocalObjectReference__Output } from './shoal/resources/LocalObjectReference.ts';
import type { MetricIdentifier as _shoal_resources_MetricIdentifier, MetricIdentifier__Output as _shoal_resources_MetricIdentifier__Output } from './shoal/resources/MetricIdentifier.ts';
import type { MetricSpec as _shoal_resources_MetricSpec, MetricSpec__Output as _shoal_resources_MetricSpec__Output } from './shoal/resources/MetricSpec.ts';
import type { MetricStatus as _shoal_resources_MetricStatus, MetricStatus__Output as _shoal_resources_MetricStatus__Output } from './shoal/resources/MetricStatus.ts';
import type { MetricTarget as _shoal_resources_MetricTarget, MetricTarget__Output as _shoal_resources_MetricTarget__Output } from './shoal/resources/MetricTarget.ts';
import type { MetricValueStatus as _shoal_resources_MetricValueStatus, MetricValueStatus__Output as _shoal_resources_MetricValueStatus__Output } from './shoal/resources/MetricValueStatus.ts';
import type { NFSVolumeSource as _shoal_resources_NFSVolumeSource, NFSVolumeSource__Output as _shoal_resources_NFSVolumeSource__Output } from './shoal/resources/NFSVolumeSource.ts';
import type { Namespace as _shoal_resources_Namespace, Namespace__Output as _shoal_resources_Namespace__Output } from './shoal/resources/Namespace.ts';
import type { NamespaceCondition as _shoal_resources_NamespaceCondition, NamespaceCondition__Output as _shoal_resources_NamespaceCondition__Output } from './shoal/resources/NamespaceCondition.ts';
import type { NamespaceSpec as _shoal_resources_NamespaceSpec, NamespaceSpec__Output as _shoal_resources_NamespaceSpec__Output } from './shoal/resources/NamespaceSpec.ts';
import type { NamespaceStatus as _shoal_resources_NamespaceStatus, NamespaceStatus__Output as _shoal_resources_NamespaceStatus__Output } from './shoal/resources/NamespaceStatus.ts';
import type { NetworkPolicy as _shoal_resources_NetworkPolicy, NetworkPolicy__Output as _shoal_resources_NetworkPolicy__Output } from './shoal/resources/NetworkPolicy.ts';
import type { NetworkPolicyEgressRule as _shoal_resources_NetworkPolicyEgressRule, NetworkPolicyEgressRule__Output as _shoal_resources_NetworkPolicyEgressRule__Output } from './shoal/resources/NetworkPolicyEgressRule.ts';
import type { NetworkPolicyIngressRule as _shoal_resources_NetworkPolicyIngressRule, NetworkPolicyIngressRule__Output as _shoal_resources_NetworkPolicyIngressRule__Output } from './shoal/resources/NetworkPolicyIngressRule.ts';
import type { NetworkPolicyPeer as _shoal_resources_NetworkPolicyPeer, NetworkPolicyPeer__Output as _shoal_resources_NetworkPolicyPeer__Output } from './shoal/resources/NetworkPolicyPeer.ts';
import type { NetworkPolicyPort as _shoal_resources_NetworkPolicyPort, NetworkPolicyPort__Output as _shoal_resources_NetworkPolicyPort__Output } from './shoal/resources/NetworkPolicyPort.ts';
import type { NetworkPolicySpec as _shoal_resources_NetworkPolicySpec, NetworkPolicySpec__Output as _shoal_resources_NetworkPolicySpec__Output } from './shoal/resources/NetworkPolicySpec.ts';
import type { Node as _shoal_resources_Node, Node__Output as _shoal_resources_Node__Output } from './shoal/resources/Node.ts';
import type { NodeAddress as _shoal_resources_NodeAddress, NodeAddress__Output as _shoal_resources_NodeAddress__Output } from './shoal/resources/NodeAddress.ts';
import type { NodeAffinity as _shoal_resources_NodeAffinity, NodeAffinity__Output as _shoal_resources_NodeAffinity__Output } from './shoal/resources/NodeAffinity.ts';
import type { NodeCondition as _shoal_resources_NodeCondition, NodeCondition__Output as _shoal_resources_NodeCondition__Output } from './shoal/resources/NodeCondition.ts';
import type { NodeDaemonEndpoints as _shoal_resources_NodeDaemonEndpoints, NodeDaemonEndpoints__Output as _shoal_resources_NodeDaemonEndpoints__Output } from './shoal/resources/NodeDaemonEndpoints.ts';
import type { NodeFeatures as _shoal_resources_NodeFeatures, NodeFeatures__Output as _shoal_resources_NodeFeatures__Output } from './shoal/resources/NodeFeatures.ts';
import type { NodeRuntimeHandler as _shoal_resources_NodeRuntimeHandler, NodeRuntimeHandler__Output as _shoal_resources_NodeRuntimeHandler__Output } from './shoal/resources/NodeRuntimeHandler.ts';
import type { NodeRuntimeHandlerFeatures as _shoal_resources_NodeRuntimeHandlerFeatures, NodeRuntimeHandlerFeatures__Output as _shoal_resources_NodeRuntimeHandlerFeatures__Output } from './shoal/resources/NodeRuntimeHandlerFeatures.ts';
import type { NodeSelector as _shoal_resources_NodeSelector, NodeSelector__Output as _shoal_resources_NodeSelector__Output } from './shoal/resources/NodeSelector.ts';
import type { NodeSelectorRequirement as _shoal_resources_NodeSelectorRequirement, NodeSelectorRequirement__Output as _shoal_resources_NodeSelectorRequirement__Output } from './shoal/resources/NodeSelectorRequirement.ts';
import type { NodeSelectorTerm as _shoal_resources_NodeSelectorTerm, NodeSelectorTerm__Output as _shoal_resources_NodeSelectorTerm__Output } from './shoal/resources/NodeSelectorTerm.ts';
import type { NodeSpec as _shoal_resources_NodeSpec, NodeSpec__Output as _shoal_resources_NodeSpec__Output } from './shoal/resources/NodeSpec.ts';
import type { NodeStatus as _shoal_resources_NodeStatus, NodeStatus__Output as _shoal_resources_NodeStatus__Output } from './shoal/resources/NodeStatus.ts';
import type { NodeSystemInfo as _shoal_resources_NodeSystemInfo, NodeSystemInfo__Output as _shoal_resources_NodeSystemInfo__Output } from './shoal/resources/NodeSystemInfo.ts';
import type { ObjectFieldSelector as _shoal_resources_ObjectFieldSelector, ObjectFieldSelector__Output as _shoal_resources_ObjectFieldSelector__Output } from './shoal/resources/ObjectFieldSelector.ts';
import type { ObjectMeta as _shoal_resources_ObjectMeta, ObjectMeta__Output as _shoal_resources_ObjectMeta__Output } from './shoal/resources/ObjectMeta.ts';
import type { ObjectMetricSource as _shoal_resources_ObjectMetricSource, ObjectMetricSource__Output as _shoal_resources_ObjectMetricSource__Output } from './shoal/resources/ObjectMetricSource.ts';
import type { ObjectMetricStatus as _shoal_resources_ObjectMetricStatus, ObjectMetricStatus__Output as _shoal_resources_ObjectMetricStatus__Output } from './shoal/resources/ObjectMetricStatus.ts';
import type { ObjectReference as _shoal_resources_ObjectReference, ObjectReference__Output as _shoal_resources_ObjectReference__Output } from './shoal/resources/ObjectReference.ts';
import type { OwnerReference as _shoal_resources_OwnerReference, OwnerReference__Output as _shoal_resources_OwnerReference__Output } from './shoal/resources/OwnerReference.ts';
import type { PersistentVolumeClaimSpec as _shoal_resources_PersistentVolumeClaimSpec, PersistentVolumeClaimSpec__Output as _shoal_resources_PersistentVolumeClaimSpec__Output } from './shoal/resources/PersistentVolumeClaimSpec.ts';
import type { PersistentVolumeClaimTemplate as _shoal_resources_PersistentVolumeClaimTemplate, PersistentVolumeClaimTemplate__Output as _shoal_resources_PersistentVolumeClaimTemplate__Output } from './shoal/resources/PersistentVolumeClaimTemplate.ts';
import type { PersistentVolumeClaimVolumeSource as _shoal_resources_PersistentVolumeClaimVolumeSource, PersistentVolumeClaimVolumeSource__Output as _shoal_resources_PersistentVolumeClaimVolumeSource__Output } from './shoal/resources/PersistentVolumeClaimVolumeSource.ts';
import type { Pod as _shoal_resources_Pod, Pod__Output as _shoal_resources_Pod__Output } from './shoal/resources/Pod.ts';
import type { PodAffinity as _shoal_resources_PodAffinity, PodAffinity__Output as _shoal_resources_PodAffinity__Output } from './shoal/resources/PodAffinity.ts';
import type { PodAffinityTerm as _shoal_resources_PodAffinityTerm, PodAffinityTerm__Output as _shoal_resources_PodAffinityTerm__Output } from './shoal/resources/PodAffinityTerm.ts';
import type { PodAntiAffinity as _shoal_resources_PodAntiAffinity, PodAntiAffinity__Output as _shoal_resources_PodAntiAffinity__Output } from './shoal/resources/PodAntiAffinity.ts';
import type { PodCondition as _shoal_resources_PodCondition, PodCondition__Output as _shoal_resources_PodCondition__Output } from './shoal/resources/PodCondition.ts';
import type { PodDNSConfig as _shoal_resources_PodDNSConfig, PodDNSConfig__Output as _shoal_resources_PodDNSConfig__Output } from './shoal/resources/PodDNSConfig.ts';
import type { PodDNSConfigOption as _shoal_resources_PodDNSConfigOption, PodDNSConfigOption__Output as _shoal_resources_PodDNSConfigOption__Output } from './shoal/resources/PodDNSConfigOption.ts';
import type { PodIP as _shoal_resources_PodIP, PodIP__Output as _shoal_resources_PodIP__Output } from './shoal/resources/PodIP.ts';
import type { PodOS as _shoal_resources_PodOS, PodOS__Output as _shoal_resources_PodOS__Output } from './shoal/resources/PodOS.ts';
import type { PodReadinessGate as _shoal_resources_PodReadinessGate, PodReadinessGate__Output as _shoal_resources_PodReadinessGate__Output } from './shoal/resources/PodReadinessGate.ts';
import type { PodResourceClaim as _shoal_resources_PodResourceClaim, PodResourceClaim__Output as _shoal_resources_PodResourceClaim__Output } from './shoal/resources/PodResourceClaim.ts';
import type { PodSchedulingGate as _shoal_resources_PodSchedulingGate, PodSchedulingGate__Output as _shoal_resources_PodSchedulingGate__Output } from './shoal/resources/PodSchedulingGate.ts';
import type { PodSecurityContext as _shoal_resources_PodSecurityContext, PodSecurityContext__Output as _shoal_resources_PodSecurityContext__Output } from './shoal/resources/PodSecurityContext.ts';
import type { PodSpec as _shoal_resources_PodSpec, PodSpec__Output as _shoal_resources_PodSpec__Output } from './shoal/resources/PodSpec.ts';
import type { PodStatus as _shoal_resources_PodStatus, PodStatus__Output as _shoal_resources_PodStatus__Output } from './shoal/resources/PodStatus.ts';
import type { PodTemplateSpec as _shoal_resources_PodTemplateSpec, PodTemplateSpec__Output as _shoal_resources_PodTemplateSpec__Output } from './shoal/resources/PodTemplateSpec.ts';
import type { PodsMetricSource as _shoal_resources_PodsMetricSource, PodsMetricSource__Output as _shoal_resources_PodsMetricSource__Output } from './shoal/resources/PodsMetricSource.ts';
import type { PodsMetricStatus as _shoal_resources_PodsMetricStatus, PodsMetricStatus__Output as _shoal_resources_PodsMetricStatus__Output } from './shoal/resources/PodsMetricStatus.ts';
import type { PortStatus as _shoal_resources_PortStatus, PortStatus__Output as _shoal_resources_PortStatus__Output } from './shoal/resources/PortStatus.ts';
import type { PreferredSchedulingTerm as _shoal_resources_PreferredSchedulingTerm, PreferredSchedulingTerm__Output as _shoal_resources_PreferredSchedulingTerm__Output } from './shoal/resources/PreferredSchedulingTerm.ts';
import type { Probe as _shoal_resources_Probe, Probe__Output as _shoal_resources_Probe__Output } from './shoal/resources/Probe.ts';
import type { ProjectedVolumeSource as _shoal_resources_ProjectedVolumeSource, ProjectedVolumeSource__Output as _shoal_resources_ProjectedVolumeSource__Output } from './shoal/resources/ProjectedVolumeSource.ts';
import type { ReplicaSet as _shoal_resources_ReplicaSet, ReplicaSet__Output as _shoal_resources_ReplicaSet__Output } from './shoal/resources/ReplicaSet.ts';
import type { ReplicaSetCondition as _shoal_resources_ReplicaSetCondition, ReplicaSetCondition__Output as _shoal_resources_ReplicaSetCondition__Output } from './shoal/resources/ReplicaSetCondition.ts';
import type { ReplicaSetSpec as _shoal_resources_ReplicaSetSpec, ReplicaSetSpec__Output as _shoal_resources_ReplicaSetSpec__Output } from './shoal/resources/ReplicaSetSpec.ts';
import type { ReplicaSetStatus as _shoal_resources_ReplicaSetStatus, ReplicaSetStatus__Output as _shoal_resources_ReplicaSetStatus__Output } from './shoal/resources/ReplicaSetStatus.ts';
import type { ReplicationController as _shoal_resources_ReplicationController, ReplicationController__Output as _shoal_resources_ReplicationController__Output } from './shoal/resources/ReplicationController.ts';
import type { ReplicationControllerCondition as _shoal_resources_ReplicationControllerCondition, ReplicationControllerCondition__Output as _shoal_resources_ReplicationControllerCondition__Output } from './shoal/resources/ReplicationControllerCondition.ts';
import type { ReplicationControllerSpec as _shoal_resources_ReplicationControllerSpec, ReplicationControllerSpec__Output as _shoal_resources_ReplicationControllerSpec__Output } from './shoal/resources/ReplicationControllerSpec.ts';
import type { ReplicationControllerStatus as _shoal_resources_ReplicationControllerStatus, ReplicationControllerStatus__Output as _shoal_resources_ReplicationControllerStatus__Output } from './shoal/resources/ReplicationControllerStatus.ts';
import type { ResourceClaim as _shoal_resources_ResourceClaim, ResourceClaim__Output as _shoal_resources_ResourceClaim__Output } from './shoal/resources/ResourceClaim.ts';
import type { ResourceFieldSelector as _shoal_resources_ResourceFieldSelector, ResourceFieldSelector__Output as _shoal_resources_ResourceFieldSelector__Output } from './shoal/resources/ResourceFieldSelector.ts';
import type { ResourceMetricSource as _shoal_resources_ResourceMetricSource, ResourceMetricSource__Output as _shoal_resources_ResourceMetricSource__Output } from './shoal/resources/ResourceMetricSource.ts';
import type { ResourceMetricStatus as _shoal_resources_ResourceMetricStatus, ResourceMetricStatus__Output as _shoal_resources_ResourceMetricStatus__Output } from './shoal/resources/ResourceMetricStatus.ts';
import type { ResourceRequirements as _shoal_resources_ResourceRequirements, ResourceRequirements__Output as _shoal_resources_ResourceRequirements__Output } from './shoal/resources/ResourceRequirements.ts';
import type { RollingUpdateDeployment as _shoal_resources_RollingUpdateDeployment, RollingUpdateDeployment__Output as _shoal_resources_RollingUpdateDeployment__Output } from './shoal/resources/RollingUpdateDeployment.ts';
import type { SELinuxOptions as _shoal_resources_SELinuxOptions, SELinuxOptions__Output as _shoal_resources_SELinuxOptions__Output } from './shoal/resources/SELinuxOptions.ts';
import type { Scale as _shoal_resources_Scale, Scale__Output as _shoal_resources_Scale__Output } from './shoal/resources/Scale.ts';
import type { ScaleSpec as _shoal_resources_ScaleSpec, ScaleSpec__Output as _shoal_resources_ScaleSpec__Output } from './shoal/resources/ScaleSpec.ts';
import type { ScaleStatus as _shoal_resources_ScaleStatus, ScaleStatus__Output as _shoal_resources_ScaleStatus__Output } from './shoal/resources/ScaleStatus.ts';
import type { SeccompProfile as _shoal_resources_SeccompProfile, SeccompProfile__Output as _shoal_resources_SeccompProfile__Output } from './shoal/resources/SeccompProfile.ts';
import type { Secret as _shoal_resources_Secret, Secret__Output as _shoal_resources_Secret__Output } from './shoal/resources/Secret.ts';
import type { SecretEnvSource as _shoal_resources_SecretEnvSource, SecretEnvSource__Output as _shoal_resources_SecretEnvSource__Output } from './shoal/resources/SecretEnvSource.ts';
import type { SecretKeySelector as _shoal_resources_SecretKeySelector, SecretKeySelector__Output as _shoal_resources_SecretKeySelector__Output } from './shoal/resources/SecretKeySelector.ts';
import type { SecretProjection as _shoal_resources_SecretProjection, SecretProjection__Output as _shoal_resources_SecretProjection__Output } from './shoal/resources/SecretProjection.ts';
import type { SecretVolumeSource as _shoal_resources_SecretVolumeSource, SecretVolumeSource__Output as _shoal_resources_SecretVolumeSource__Output } from './shoal/resources/SecretVolumeSource.ts';
import type { SecurityContext as _shoal_resources_SecurityContext, SecurityContext__Output as _shoal_resources_SecurityContext__Output } from './shoal/resources/SecurityContext.ts';
import type { Service as _shoal_resources_Service, Service__Output as _shoal_resources_Service__Output } from './shoal/resources/Service.ts';
import type { ServiceAccountTokenProjection as _shoal_resources_ServiceAccountTokenProjection, ServiceAccountTokenProjection__Output as _shoal_resources_ServiceAccountTokenProjection__Output } from './shoal/resources/ServiceAccountTokenProjection.ts';
import type { ServicePort as _shoal_resources_ServicePort, ServicePort__Output as _shoal_resources_ServicePort__Output } from './shoal/resources/ServicePort.ts';
import type { ServiceSpec as _shoal_resources_ServiceSpec, ServiceSpec__Output as _shoal_resources_ServiceSpec__Output } from './shoal/resources/ServiceSpec.ts';
import type { ServiceStatus as _shoal_resources_ServiceStatus, ServiceStatus__Output as _shoal_resources_ServiceStatus__Output } from './shoal/resources/ServiceStatus.ts';
import type { SessionAffinityConfig as _shoal_resources_SessionAffinityConfig, SessionAffinityConfig__Output as _shoal_resources_SessionAffinityConfig__Output } from './shoal/resources/SessionAffinityConfig.ts';
import type { SleepAction as _shoal_resources_SleepAction, SleepAction__Output as _shoal_resources_SleepAction__Output } from './shoal/resources/SleepAction.ts';
import type { Sysctl as _shoal_resources_Sysctl, Sysctl__Output as _shoal_resources_Sysctl__Output } from './shoal/resources/Sysctl.ts';
import type { TCPSocketAction as _shoal_resources_TCPSocketAction, TCPSocketAction__Output as _shoal_resources_TCPSocketAction__Output } from './shoal/resources/TCPSocketAction.ts';
import type { Taint as _shoal_resources_Taint, Taint__Output as _shoal_resources_Taint__Output } from './shoal/resources/Taint.ts';
import type { Toleration as _shoal_resources_Toleration, Toleration__Output as _shoal_resources_Toleration__Output } from './shoal/resources/Toleration.ts';
import type { TopologySpreadConstraint as _shoal_resources_TopologySpreadConstraint, TopologySpreadConstraint__Output as _shoal_resources_TopologySpreadConstraint__Output } from './shoal/resources/TopologySpreadConstraint.ts';
import type { TypedLocalObjectReference as _shoal_resources_TypedLocalObjectReference, TypedLocalObjectReference__Output as _shoal_resources_TypedLocalObjectReference__Output } from './shoal/resources/TypedLocalObjectReference.ts';
import type { TypedObjectReference as _shoal_resources_TypedObjectReference, TypedObjectReference__Output as _shoal_resources_TypedObjectReference__Output } from './shoal/resources/TypedObjectReference.ts';
import type { Volume as _shoal_resources_Volume, Volume__Output as _shoal_resources_Volume__Output } from './shoal/resources/Volume.ts';
import type { VolumeDevice as _shoal_resources_VolumeDevice, VolumeDevice__Output as _shoal_resources_VolumeDevice__Output } from './shoal/resources/VolumeDevice.ts';
import type { VolumeMount as _shoal_resources_VolumeMount, VolumeMount__Output as _shoal_resources_VolumeMount__Output } from './shoal/resources/VolumeMount.ts';
import type { VolumeMountStatus as _shoal_resources_VolumeMountStatus, VolumeMountStatus__Output as _shoal_resources_VolumeMountStatus__Output } from './shoal/resources/VolumeMountStatus.ts';
import type { VolumeProjection as _shoal_resources_VolumeProjection, VolumeProjection__Output as _shoal_resources_VolumeProjection__Output } from './shoal/resources/VolumeProjection.ts';
import type { VolumeResourceRequirements as _shoal_resources_VolumeResourceRequirements, VolumeResourceRequirements__Output as _shoal_resources_VolumeResourceRequirements__Output } from './shoal/resources/VolumeResourceRequirements.ts';
import type { WeightedPodAffinityTerm as _shoal_resources_WeightedPodAffinityTerm, WeightedPodAffinityTerm__Output as _shoal_resources_WeightedPodAffinityTerm__Output } from './shoal/resources/WeightedPodAffinityTerm.ts';
import type { WindowsSecurityContextOptions as _shoal_resources_WindowsSecurityContextOptions, WindowsSecurityContextOptions__Output as _shoal_resources_WindowsSecurityContextOptions__Output } from './shoal/resources/WindowsSecurityContextOptions.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  shoal: {
    resources: {
      Affinity: MessageTypeDefinition<_shoal_resources_Affinity, _shoal_resources_Affinity__Output>
      AppArmorProfile: MessageTypeDefinition<_shoal_resources_AppArmorProfile, _shoal_resources_AppArmorProfile__Output>
      AttachedVolume: MessageTypeDefinition<_shoal_resources_AttachedVolume, _shoal_resources_AttachedVolume__Output>
      Binding: MessageTypeDefinition<_shoal_resources_Binding, _shoal_resources_Binding__Output>
      CSIVolumeSource: MessageTypeDefinition<_shoal_resources_CSIVolumeSource, _shoal_resources_CSIVolumeSource__Output>
      Capabilities: MessageTypeDefinition<_shoal_resources_Capabilities, _shoal_resources_Capabilities__Output>
      ClientIPConfig: MessageTypeDefinition<_shoal_resources_ClientIPConfig, _shoal_resources_ClientIPConfig__Output>
      ClusterTrustBundleProjection: MessageTypeDefinition<_shoal_resources_ClusterTrustBundleProjection, _shoal_resources_ClusterTrustBundleProjection__Output>
      Condition: MessageTypeDefinition<_shoal_resources_Condition, _shoal_resources_Condition__Output>
      ConfigMap: MessageTypeDefinition<_shoal_resources_ConfigMap, _shoal_resources_ConfigMap__Output>
      ConfigMapEnvSource: MessageTypeDefinition<_shoal_resources_ConfigMapEnvSource, _shoal_resources_ConfigMapEnvSource__Output>
      ConfigMapKeySelector: MessageTypeDefinition<_shoal_resources_ConfigMapKeySelector, _shoal_resources_ConfigMapKeySelector__Output>
      ConfigMapProjection: MessageTypeDefinition<_shoal_resources_ConfigMapProjection, _shoal_resources_ConfigMapProjection__Output>
      ConfigMapVolumeSource: MessageTypeDefinition<_shoal_resources_ConfigMapVolumeSource, _shoal_resources_ConfigMapVolumeSource__Output>
      Container: MessageTypeDefinition<_shoal_resources_Container, _shoal_resources_Container__Output>
      ContainerImage: MessageTypeDefinition<_shoal_resources_ContainerImage, _shoal_resources_ContainerImage__Output>
      ContainerPort: MessageTypeDefinition<_shoal_resources_ContainerPort, _shoal_resources_ContainerPort__Output>
      ContainerResizePolicy: MessageTypeDefinition<_shoal_resources_ContainerResizePolicy, _shoal_resources_ContainerResizePolicy__Output>
      ContainerResourceMetricSource: MessageTypeDefinition<_shoal_resources_ContainerResourceMetricSource, _shoal_resources_ContainerResourceMetricSource__Output>
      ContainerResourceMetricStatus: MessageTypeDefinition<_shoal_resources_ContainerResourceMetricStatus, _shoal_resources_ContainerResourceMetricStatus__Output>
      ContainerState: MessageTypeDefinition<_shoal_resources_ContainerState, _shoal_resources_ContainerState__Output>
      ContainerStateRunning: MessageTypeDefinition<_shoal_resources_ContainerStateRunning, _shoal_resources_ContainerStateRunning__Output>
      ContainerStateTerminated: MessageTypeDefinition<_shoal_resources_ContainerStateTerminated, _shoal_resources_ContainerStateTerminated__Output>
      ContainerStateWaiting: MessageTypeDefinition<_shoal_resources_ContainerStateWaiting, _shoal_resources_ContainerStateWaiting__Output>
      ContainerStatus: MessageTypeDefinition<_shoal_resources_ContainerStatus, _shoal_resources_ContainerStatus__Output>
      CrossVersionObjectReference: MessageTypeDefinition<_shoal_resources_CrossVersionObjectReference, _shoal_resources_CrossVersionObjectReference__Output>
      DaemonEndpoint: MessageTypeDefinition<_shoal_resources_DaemonEndpoint, _shoal_resources_DaemonEndpoint__Output>
      Deployment: MessageTypeDefinition<_shoal_resources_Deployment, _shoal_resources_Deployment__Output>
      DeploymentCondition: MessageTypeDefinition<_shoal_resources_DeploymentCondition, _shoal_resources_DeploymentCondition__Output>
      DeploymentSpec: MessageTypeDefinition<_shoal_resources_DeploymentSpec, _shoal_resources_DeploymentSpec__Output>
      DeploymentStatus: MessageTypeDefinition<_shoal_resources_DeploymentStatus, _shoal_resources_DeploymentStatus__Output>
      DeploymentStrategy: MessageTypeDefinition<_shoal_resources_DeploymentStrategy, _shoal_resources_DeploymentStrategy__Output>
      DownwardAPIProjection: MessageTypeDefinition<_shoal_resources_DownwardAPIProjection, _shoal_resources_DownwardAPIProjection__Output>
      DownwardAPIVolumeFile: MessageTypeDefinition<_shoal_resources_DownwardAPIVolumeFile, _shoal_resources_DownwardAPIVolumeFile__Output>
      DownwardAPIVolumeSource: MessageTypeDefinition<_shoal_resources_DownwardAPIVolumeSource, _shoal_resources_DownwardAPIVolumeSource__Output>
      EmptyDirVolumeSource: MessageTypeDefinition<_shoal_resources_EmptyDirVolumeSource, _shoal_resources_EmptyDirVolumeSource__Output>
      EndpointAddress: MessageTypeDefinition<_shoal_resources_EndpointAddress, _shoal_resources_EndpointAddress__Output>
      EndpointPort: MessageTypeDefinition<_shoal_resources_EndpointPort, _shoal_resources_EndpointPort__Output>
      EndpointSubset: MessageTypeDefinition<_shoal_resources_EndpointSubset, _shoal_resources_EndpointSubset__Output>
      Endpoints: MessageTypeDefinition<_shoal_resources_Endpoints, _shoal_resources_Endpoints__Output>
      EnvFromSource: MessageTypeDefinition<_shoal_resources_EnvFromSource, _shoal_resources_EnvFromSource__Output>
      EnvVar: MessageTypeDefinition<_shoal_resources_EnvVar, _shoal_resources_EnvVar__Output>
      EnvVarSource: MessageTypeDefinition<_shoal_resources_EnvVarSource, _shoal_resources_EnvVarSource__Output>
      EphemeralContainer: MessageTypeDefinition<_shoal_resources_EphemeralContainer, _shoal_resources_EphemeralContainer__Output>
      EphemeralVolumeSource: MessageTypeDefinition<_shoal_resources_EphemeralVolumeSource, _shoal_resources_EphemeralVolumeSource__Output>
      Event: MessageTypeDefinition<_shoal_resources_Event, _shoal_resources_Event__Output>
      EventSeries: MessageTypeDefinition<_shoal_resources_EventSeries, _shoal_resources_EventSeries__Output>
      EventSource: MessageTypeDefinition<_shoal_resources_EventSource, _shoal_resources_EventSource__Output>
      ExecAction: MessageTypeDefinition<_shoal_resources_ExecAction, _shoal_resources_ExecAction__Output>
      ExternalMetricSource: MessageTypeDefinition<_shoal_resources_ExternalMetricSource, _shoal_resources_ExternalMetricSource__Output>
      ExternalMetricStatus: MessageTypeDefinition<_shoal_resources_ExternalMetricStatus, _shoal_resources_ExternalMetricStatus__Output>
      GRPCAction: MessageTypeDefinition<_shoal_resources_GRPCAction, _shoal_resources_GRPCAction__Output>
      HPAScalingPolicy: MessageTypeDefinition<_shoal_resources_HPAScalingPolicy, _shoal_resources_HPAScalingPolicy__Output>
      HPAScalingRules: MessageTypeDefinition<_shoal_resources_HPAScalingRules, _shoal_resources_HPAScalingRules__Output>
      HTTPGetAction: MessageTypeDefinition<_shoal_resources_HTTPGetAction, _shoal_resources_HTTPGetAction__Output>
      HTTPHeader: MessageTypeDefinition<_shoal_resources_HTTPHeader, _shoal_resources_HTTPHeader__Output>
      HorizontalPodAutoscaler: MessageTypeDefinition<_shoal_resources_HorizontalPodAutoscaler, _shoal_resources_HorizontalPodAutoscaler__Output>
      HorizontalPodAutoscalerBehavior: MessageTypeDefinition<_shoal_resources_HorizontalPodAutoscalerBehavior, _shoal_resources_HorizontalPodAutoscalerBehavior__Output>
      HorizontalPodAutoscalerCondition: MessageTypeDefinition<_shoal_resources_HorizontalPodAutoscalerCondition, _shoal_resources_HorizontalPodAutoscalerCondition__Output>
      HorizontalPodAutoscalerSpec: MessageTypeDefinition<_shoal_resources_HorizontalPodAutoscalerSpec, _shoal_resources_HorizontalPodAutoscalerSpec__Output>
      HorizontalPodAutoscalerStatus: MessageTypeDefinition<_shoal_resources_HorizontalPodAutoscalerStatus, _shoal_resources_HorizontalPodAutoscalerStatus__Output>
      HostAlias: MessageTypeDefinition<_shoal_resources_HostAlias, _shoal_resources_HostAlias__Output>
      HostIP: MessageTypeDefinition<_shoal_resources_HostIP, _shoal_resources_HostIP__Output>
      HostPathVolumeSource: MessageTypeDefinition<_shoal_resources_HostPathVolumeSource, _shoal_resources_HostPathVolumeSource__Output>
      IPBlock: MessageTypeDefinition<_shoal_resources_IPBlock, _shoal_resources_IPBlock__Output>
      ImageVolumeSource: MessageTypeDefinition<_shoal_resources_ImageVolumeSource, _shoal_resources_ImageVolumeSource__Output>
      IntOrString: MessageTypeDefinition<_shoal_resources_IntOrString, _shoal_resources_IntOrString__Output>
      KeyToPath: MessageTypeDefinition<_shoal_resources_KeyToPath, _shoal_resources_KeyToPath__Output>
      LabelSelector: MessageTypeDefinition<_shoal_resources_LabelSelector, _shoal_resources_LabelSelector__Output>
      LabelSelectorRequirement: MessageTypeDefinition<_shoal_resources_LabelSelectorRequirement, _shoal_resources_LabelSelectorRequirement__Output>
      Lease: MessageTypeDefinition<_shoal_resources_Lease, _shoal_resources_Lease__Output>
      LeaseSpec: MessageTypeDefinition<_shoal_resources_LeaseSpec, _shoal_resources_LeaseSpec__Output>
      Lifecycle: MessageTypeDefinition<_shoal_resources_Lifecycle, _shoal_resources_Lifecycle__Output>
      LifecycleHandler: MessageTypeDefinition<_shoal_resources_LifecycleHandler, _shoal_resources_LifecycleHandler__Output>
      LoadBalancerIngress: MessageTypeDefinition<_shoal_resources_LoadBalancerIngress, _shoal_resources_LoadBalancerIngress__Output>
      LoadBalancerStatus: MessageTypeDefinition<_shoal_resources_LoadBalancerStatus, _shoal_resources_LoadBalancerStatus__Output>
      LocalObjectReference: MessageTypeDefinition<_shoal_resources_LocalObjectReference, _shoal_resources_LocalObjectReference__Output>
      MetricIdentifier: MessageTypeDefinition<_shoal_resources_MetricIdentifier, _shoal_resources_MetricIdentifier__Output>
      MetricSpec: MessageTypeDefinition<_shoal_resources_MetricSpec, _shoal_resources_MetricSpec__Output>
      MetricStatus: MessageTypeDefinition<_shoal_resources_MetricStatus, _shoal_resources_MetricStatus__Output>
      MetricTarget: MessageTypeDefinition<_shoal_resources_MetricTarget, _shoal_resources_MetricTarget__Output>
      MetricValueStatus: MessageTypeDefinition<_shoal_resources_MetricValueStatus, _shoal_resources_MetricValueStatus__Output>
      NFSVolumeSource: MessageTypeDefinition<_shoal_resources_NFSVolumeSource, _shoal_resources_NFSVolumeSource__Output>
      Namespace: MessageTypeDefinition<_shoal_resources_Namespace, _shoal_resources_Namespace__Output>
      NamespaceCondition: MessageTypeDefinition<_shoal_resources_NamespaceCondition, _shoal_resources_NamespaceCondition__Output>
      NamespaceSpec: MessageTypeDefinition<_shoal_resources_NamespaceSpec, _shoal_resources_NamespaceSpec__Output>
      NamespaceStatus: MessageTypeDefinition<_shoal_resources_NamespaceStatus, _shoal_resources_NamespaceStatus__Output>
      NetworkPolicy: MessageTypeDefinition<_shoal_resources_NetworkPolicy, _shoal_resources_NetworkPolicy__Output>
      NetworkPolicyEgressRule: MessageTypeDefinition<_shoal_resources_NetworkPolicyEgressRule, _shoal_resources_NetworkPolicyEgressRule__Output>
      NetworkPolicyIngressRule: MessageTypeDefinition<_shoal_resources_NetworkPolicyIngressRule, _shoal_resources_NetworkPolicyIngressRule__Output>
      NetworkPolicyPeer: MessageTypeDefinition<_shoal_resources_NetworkPolicyPeer, _shoal_resources_NetworkPolicyPeer__Output>
      NetworkPolicyPort: MessageTypeDefinition<_shoal_resources_NetworkPolicyPort, _shoal_resources_NetworkPolicyPort__Output>
      NetworkPolicySpec: MessageTypeDefinition<_shoal_resources_NetworkPolicySpec, _shoal_resources_NetworkPolicySpec__Output>
      Node: MessageTypeDefinition<_shoal_resources_Node, _shoal_resources_Node__Output>
      NodeAddress: MessageTypeDefinition<_shoal_resources_NodeAddress, _shoal_resources_NodeAddress__Output>
      NodeAffinity: MessageTypeDefinition<_shoal_resources_NodeAffinity, _shoal_resources_NodeAffinity__Output>
      NodeCondition: MessageTypeDefinition<_shoal_resources_NodeCondition, _shoal_resources_NodeCondition__Output>
      NodeDaemonEndpoints: MessageTypeDefinition<_shoal_resources_NodeDaemonEndpoints, _shoal_resources_NodeDaemonEndpoints__Output>
      NodeFeatures: MessageTypeDefinition<_shoal_resources_NodeFeatures, _shoal_resources_NodeFeatures__Output>
      NodeRuntimeHandler: MessageTypeDefinition<_shoal_resources_NodeRuntimeHandler, _shoal_resources_NodeRuntimeHandler__Output>
      NodeRuntimeHandlerFeatures: MessageTypeDefinition<_shoal_resources_NodeRuntimeHandlerFeatures, _shoal_resources_NodeRuntimeHandlerFeatures__Output>
      NodeSelector: MessageTypeDefinition<_shoal_resources_NodeSelector, _shoal_resources_NodeSelector__Output>
      NodeSelectorRequirement: MessageTypeDefinition<_shoal_resources_NodeSelectorRequirement, _shoal_resources_NodeSelectorRequirement__Output>
      NodeSelectorTerm: MessageTypeDefinition<_shoal_resources_NodeSelectorTerm, _shoal_resources_NodeSelectorTerm__Output>
      NodeSpec: MessageTypeDefinition<_shoal_resources_NodeSpec, _shoal_resources_NodeSpec__Output>
      NodeStatus: MessageTypeDefinition<_shoal_resources_NodeStatus, _shoal_resources_NodeStatus__Output>
      NodeSystemInfo: MessageTypeDefinition<_shoal_resources_NodeSystemInfo, _shoal_resources_NodeSystemInfo__Output>
      ObjectFieldSelector: MessageTypeDefinition<_shoal_resources_ObjectFieldSelector, _shoal_resources_ObjectFieldSelector__Output>
      ObjectMeta: MessageTypeDefinition<_shoal_resources_ObjectMeta, _shoal_resources_ObjectMeta__Output>
      ObjectMetricSource: MessageTypeDefinition<_shoal_resources_ObjectMetricSource, _shoal_resources_ObjectMetricSource__Output>
      ObjectMetricStatus: MessageTypeDefinition<_shoal_resources_ObjectMetricStatus, _shoal_resources_ObjectMetricStatus__Output>
      ObjectReference: MessageTypeDefinition<_shoal_resources_ObjectReference, _shoal_resources_ObjectReference__Output>
      OwnerReference: MessageTypeDefinition<_shoal_resources_OwnerReference, _shoal_resources_OwnerReference__Output>
      PersistentVolumeClaimSpec: MessageTypeDefinition<_shoal_resources_PersistentVolumeClaimSpec, _shoal_resources_PersistentVolumeClaimSpec__Output>
      PersistentVolumeClaimTemplate: MessageTypeDefinition<_shoal_resources_PersistentVolumeClaimTemplate, _shoal_resources_PersistentVolumeClaimTemplate__Output>
      PersistentVolumeClaimVolumeSource: MessageTypeDefinition<_shoal_resources_PersistentVolumeClaimVolumeSource, _shoal_resources_PersistentVolumeClaimVolumeSource__Output>
      Pod: MessageTypeDefinition<_shoal_resources_Pod, _shoal_resources_Pod__Output>
      PodAffinity: MessageTypeDefinition<_shoal_resources_PodAffinity, _shoal_resources_PodAffinity__Output>
      PodAffinityTerm: MessageTypeDefinition<_shoal_resources_PodAffinityTerm, _shoal_resources_PodAffinityTerm__Output>
      PodAntiAffinity: MessageTypeDefinition<_shoal_resources_PodAntiAffinity, _shoal_resources_PodAntiAffinity__Output>
      PodCondition: MessageTypeDefinition<_shoal_resources_PodCondition, _shoal_resources_PodCondition__Output>
      PodDNSConfig: MessageTypeDefinition<_shoal_resources_PodDNSConfig, _shoal_resources_PodDNSConfig__Output>
      PodDNSConfigOption: MessageTypeDefinition<_shoal_resources_PodDNSConfigOption, _shoal_resources_PodDNSConfigOption__Output>
      PodIP: MessageTypeDefinition<_shoal_resources_PodIP, _shoal_resources_PodIP__Output>
      PodOS: MessageTypeDefinition<_shoal_resources_PodOS, _shoal_resources_PodOS__Output>
      PodReadinessGate: MessageTypeDefinition<_shoal_resources_PodReadinessGate, _shoal_resources_PodReadinessGate__Output>
      PodResourceClaim: MessageTypeDefinition<_shoal_resources_PodResourceClaim, _shoal_resources_PodResourceClaim__Output>
      PodSchedulingGate: MessageTypeDefinition<_shoal_resources_PodSchedulingGate, _shoal_resources_PodSchedulingGate__Output>
      PodSecurityContext: MessageTypeDefinition<_shoal_resources_PodSecurityContext, _shoal_resources_PodSecurityContext__Output>
      PodSpec: MessageTypeDefinition<_shoal_resources_PodSpec, _shoal_resources_PodSpec__Output>
      PodStatus: MessageTypeDefinition<_shoal_resources_PodStatus, _shoal_resources_PodStatus__Output>
      PodTemplateSpec: MessageTypeDefinition<_shoal_resources_PodTemplateSpec, _shoal_resources_PodTemplateSpec__Output>
      PodsMetricSource: MessageTypeDefinition<_shoal_resources_PodsMetricSource, _shoal_resources_PodsMetricSource__Output>
      PodsMetricStatus: MessageTypeDefinition<_shoal_resources_PodsMetricStatus, _shoal_resources_PodsMetricStatus__Output>
      PortStatus: MessageTypeDefinition<_shoal_resources_PortStatus, _shoal_resources_PortStatus__Output>
      PreferredSchedulingTerm: MessageTypeDefinition<_shoal_resources_PreferredSchedulingTerm, _shoal_resources_PreferredSchedulingTerm__Output>
      Probe: MessageTypeDefinition<_shoal_resources_Probe, _shoal_resources_Probe__Output>
      ProjectedVolumeSource: MessageTypeDefinition<_shoal_resources_ProjectedVolumeSource, _shoal_resources_ProjectedVolumeSource__Output>
      ReplicaSet: MessageTypeDefinition<_shoal_resources_ReplicaSet, _shoal_resources_ReplicaSet__Output>
      ReplicaSetCondition: MessageTypeDefinition<_shoal_resources_ReplicaSetCondition, _shoal_resources_ReplicaSetCondition__Output>
      ReplicaSetSpec: MessageTypeDefinition<_shoal_resources_ReplicaSetSpec, _shoal_resources_ReplicaSetSpec__Output>
      ReplicaSetStatus: MessageTypeDefinition<_shoal_resources_ReplicaSetStatus, _shoal_resources_ReplicaSetStatus__Output>
      ReplicationController: MessageTypeDefinition<_shoal_resources_ReplicationController, _shoal_resources_ReplicationController__Output>
      ReplicationControllerCondition: MessageTypeDefinition<_shoal_resources_ReplicationControllerCondition, _shoal_resources_ReplicationControllerCondition__Output>
      ReplicationControllerSpec: MessageTypeDefinition<_shoal_resources_ReplicationControllerSpec, _shoal_resources_ReplicationControllerSpec__Output>
      ReplicationControllerStatus: MessageTypeDefinition<_shoal_resources_ReplicationControllerStatus, _shoal_resources_ReplicationControllerStatus__Output>
      ResourceClaim: MessageTypeDefinition<_shoal_resources_ResourceClaim, _shoal_resources_ResourceClaim__Output>
      ResourceFieldSelector: MessageTypeDefinition<_shoal_resources_ResourceFieldSelector, _shoal_resources_ResourceFieldSelector__Output>
      ResourceMetricSource: MessageTypeDefinition<_shoal_resources_ResourceMetricSource, _shoal_resources_ResourceMetricSource__Output>
      ResourceMetricStatus: MessageTypeDefinition<_shoal_resources_ResourceMetricStatus, _shoal_resources_ResourceMetricStatus__Output>
      ResourceRequirements: MessageTypeDefinition<_shoal_resources_ResourceRequirements, _shoal_resources_ResourceRequirements__Output>
      RollingUpdateDeployment: MessageTypeDefinition<_shoal_resources_RollingUpdateDeployment, _shoal_resources_RollingUpdateDeployment__Output>
      SELinuxOptions: MessageTypeDefinition<_shoal_resources_SELinuxOptions, _shoal_resources_SELinuxOptions__Output>
      Scale: MessageTypeDefinition<_shoal_resources_Scale, _shoal_resources_Scale__Output>
      ScaleSpec: MessageTypeDefinition<_shoal_resources_ScaleSpec, _shoal_resources_ScaleSpec__Output>
      ScaleStatus: MessageTypeDefinition<_shoal_resources_ScaleStatus, _shoal_resources_ScaleStatus__Output>
      SeccompProfile: MessageTypeDefinition<_shoal_resources_SeccompProfile, _shoal_resources_SeccompProfile__Output>
      Secret: MessageTypeDefinition<_shoal_resources_Secret, _shoal_resources_Secret__Output>
      SecretEnvSource: MessageTypeDefinition<_shoal_resources_SecretEnvSource, _shoal_resources_SecretEnvSource__Output>
      SecretKeySelector: MessageTypeDefinition<_shoal_resources_SecretKeySelector, _shoal_resources_SecretKeySelector__Output>
      SecretProjection: MessageTypeDefinition<_shoal_resources_SecretProjection, _shoal_resources_SecretProjection__Output>
      SecretVolumeSource: MessageTypeDefinition<_shoal_resources_SecretVolumeSource, _shoal_resources_SecretVolumeSource__Output>
      SecurityContext: MessageTypeDefinition<_shoal_resources_SecurityContext, _shoal_resources_SecurityContext__Output>
      Service: MessageTypeDefinition<_shoal_resources_Service, _shoal_resources_Service__Output>
      ServiceAccountTokenProjection: MessageTypeDefinition<_shoal_resources_ServiceAccountTokenProjection, _shoal_resources_ServiceAccountTokenProjection__Output>
      ServicePort: MessageTypeDefinition<_shoal_resources_ServicePort, _shoal_resources_ServicePort__Output>
      ServiceSpec: MessageTypeDefinition<_shoal_resources_ServiceSpec, _shoal_resources_ServiceSpec__Output>
      ServiceStatus: MessageTypeDefinition<_shoal_resources_ServiceStatus, _shoal_resources_ServiceStatus__Output>
      SessionAffinityConfig: MessageTypeDefinition<_shoal_resources_SessionAffinityConfig, _shoal_resources_SessionAffinityConfig__Output>
      SleepAction: MessageTypeDefinition<_shoal_resources_SleepAction, _shoal_resources_SleepAction__Output>
      Sysctl: MessageTypeDefinition<_shoal_resources_Sysctl, _shoal_resources_Sysctl__Output>
      TCPSocketAction: MessageTypeDefinition<_shoal_resources_TCPSocketAction, _shoal_resources_TCPSocketAction__Output>
      Taint: MessageTypeDefinition<_shoal_resources_Taint, _shoal_resources_Taint__Output>
      Toleration: MessageTypeDefinition<_shoal_resources_Toleration, _shoal_resources_Toleration__Output>
      TopologySpreadConstraint: MessageTypeDefinition<_shoal_resources_TopologySpreadConstraint, _shoal_resources_TopologySpreadConstraint__Output>
      TypedLocalObjectReference: MessageTypeDefinition<_shoal_resources_TypedLocalObjectReference, _shoal_resources_TypedLocalObjectReference__Output>
      TypedObjectReference: MessageTypeDefinition<_shoal_resources_TypedObjectReference, _shoal_resources_TypedObjectReference__Output>
      Volume: MessageTypeDefinition<_shoal_resources_Volume, _shoal_resources_Volume__Output>
      VolumeDevice: MessageTypeDefinition<_shoal_resources_VolumeDevice, _shoal_resources_VolumeDevice__Output>
      VolumeMount: MessageTypeDefinition<_shoal_resources_VolumeMount, _shoal_resources_VolumeMount__Output>
      VolumeMountStatus: MessageTypeDefinition<_shoal_resources_VolumeMountStatus, _shoal_resources_VolumeMountStatus__Output>
      VolumeProjection: MessageTypeDefinition<_shoal_resources_VolumeProjection, _shoal_resources_VolumeProjection__Output>
      VolumeResourceRequirements: MessageTypeDefinition<_shoal_resources_VolumeResourceRequirements, _shoal_resources_VolumeResourceRequirements__Output>
      WeightedPodAffinityTerm: MessageTypeDefinition<_shoal_resources_WeightedPodAffinityTerm, _shoal_resources_WeightedPodAffinityTerm__Output>
      WindowsSecurityContextOptions: MessageTypeDefinition<_shoal_resources_WindowsSecurityContextOptions, _shoal_resources_WindowsSecurityContextOptions__Output>
    }
  }
}

