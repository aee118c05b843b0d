// Original file: proto/resources.proto

import type { ContainerPort as _shoal_resources_ContainerPort, ContainerPort__Output as _shoal_resources_ContainerPort__Output } from '../../shoal/resources/ContainerPort.ts';
import type { EnvFromSource as _shoal_resources_EnvFromSource, EnvFromSource__Output as _shoal_resources_EnvFromSource__Output } from '../../shoal/resources/EnvFromSource.ts';
import type { EnvVar as _shoal_resources_EnvVar, EnvVar__Output as _shoal_resources_EnvVar__Output } from '../../shoal/resources/EnvVar.ts';
import type { ResourceRequirements as _shoal_resources_ResourceRequirements, ResourceRequirements__Output as _shoal_resources_ResourceRequirements__Output } from '../../shoal/resources/ResourceRequirements.ts';
import type { ContainerResizePolicy as _shoal_resources_ContainerResizePolicy, ContainerResizePolicy__Output as _shoal_resources_ContainerResizePolicy__Output } from '../../shoal/resources/ContainerResizePolicy.ts';
import type { VolumeMount as _shoal_resources_VolumeMount, VolumeMount__Output as _shoal_resources_VolumeMount__Output } from '../../shoal/resources/VolumeMount.ts';
import type { VolumeDevice as _shoal_resources_VolumeDevice, VolumeDevice__Output as _shoal_resources_VolumeDevice__Output } from '../../shoal/resources/VolumeDevice.ts';
import type { Probe as _shoal_resources_Probe, Probe__Output as _shoal_resources_Probe__Output } from '../../shoal/resources/Probe.ts';
import type { Lifecycle as _shoal_resources_Lifecycle, Lifecycle__Output as _shoal_resources_Lifecycle__Output } from '../../shoal/resources/Lifecycle.ts';
import type { SecurityContext as _shoal_resources_SecurityContext, SecurityContext__Output as _shoal_resources_SecurityContext__Output } from '../../shoal/resources/SecurityContext.ts';

/**
 * A Container added to a running pod for debugging: the same fields (ports, probes, lifecycle
 * and resources are refused by validation), plus the container whose namespaces it joins.
 */
export interface EphemeralContainer {
  'name'?: (string);
  'image'?: (string);
  'command'?: (string)[];
  'args'?: (string)[];
  'workingDir'?: (string);
  'ports'?: (_shoal_resources_ContainerPort)[];
  'envFrom'?: (_shoal_resources_EnvFromSource)[];
  'env'?: (_shoal_resources_EnvVar)[];
  'resources'?: (_shoal_resources_ResourceRequirements | null);
  'resizePolicy'?: (_shoal_resources_ContainerResizePolicy)[];
  'restartPolicy'?: (string);
  'volumeMounts'?: (_shoal_resources_VolumeMount)[];
  'volumeDevices'?: (_shoal_resources_VolumeDevice)[];
  'livenessProbe'?: (_shoal_resources_Probe | null);
  'readinessProbe'?: (_shoal_resources_Probe | null);
  'startupProbe'?: (_shoal_resources_Probe | null);
  'lifecycle'?: (_shoal_resources_Lifecycle | null);
  'terminationMessagePath'?: (string);
  'terminationMessagePolicy'?: (string);
  'imagePullPolicy'?: (string);
  'securityContext'?: (_shoal_resources_SecurityContext | null);
  'stdin'?: (boolean);
  'stdinOnce'?: (boolean);
  'tty'?: (boolean);
  'targetContainerName'?: (string);
  '_restartPolicy'?: "restartPolicy";
}

/**
 * A Container added to a running pod for debugging: the same fields (ports, probes, lifecycle
 * and resources are refused by validation), plus the container whose namespaces it joins.
 */
export interface EphemeralContainer__Output {
  'name': (string);
  'image': (string);
  'command': (string)[];
  'args': (string)[];
  'workingDir': (string);
  'ports': (_shoal_resources_ContainerPort__Output)[];
  'envFrom': (_shoal_resources_EnvFromSource__Output)[];
  'env': (_shoal_resources_EnvVar__Output)[];
  'resources': (_shoal_resources_ResourceRequirements__Output | null);
  'resizePolicy': (_shoal_resources_ContainerResizePolicy__Output)[];
  'restartPolicy'?: (string);
  'volumeMounts': (_shoal_resources_VolumeMount__Output)[];
  'volumeDevices': (_shoal_resources_VolumeDevice__Output)[];
  'livenessProbe': (_shoal_resources_Probe__Output | null);
  'readinessProbe': (_shoal_resources_Probe__Output | null);
  'startupProbe': (_shoal_resources_Probe__Output | null);
  'lifecycle': (_shoal_resources_Lifecycle__Output | null);
  'terminationMessagePath': (string);
  'terminationMessagePolicy': (string);
  'imagePullPolicy': (string);
  'securityContext': (_shoal_resources_SecurityContext__Output | null);
  'stdin': (boolean);
  'stdinOnce': (boolean);
  'tty': (boolean);
  'targetContainerName': (string);
  '_restartPolicy'?: "restartPolicy";
}
