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

export interface Container {
  'name'?: (string);
  'image'?: (string);
  /**
   * Replaces the image's ENTRYPOINT; $(VAR) references expand from env.
   */
  'command'?: (string)[];
  /**
   * Replaces the image's CMD.
   */
  'args'?: (string)[];
  'workingDir'?: (string);
  /**
   * Informational except for hostPort; a container may listen on ports not listed.
   */
  'ports'?: (_shoal_resources_ContainerPort)[];
  'envFrom'?: (_shoal_resources_EnvFromSource)[];
  /**
   * Later entries win over envFrom and may refer to earlier ones with $(NAME).
   */
  'env'?: (_shoal_resources_EnvVar)[];
  'resources'?: (_shoal_resources_ResourceRequirements | null);
  'resizePolicy'?: (_shoal_resources_ContainerResizePolicy)[];
  /**
   * Only for init containers: "Always" makes it a sidecar that runs beside the app containers.
   */
  'restartPolicy'?: (string);
  'volumeMounts'?: (_shoal_resources_VolumeMount)[];
  'volumeDevices'?: (_shoal_resources_VolumeDevice)[];
  /**
   * Failing it restarts the container.
   */
  'livenessProbe'?: (_shoal_resources_Probe | null);
  /**
   * Failing it removes the pod from service endpoints.
   */
  'readinessProbe'?: (_shoal_resources_Probe | null);
  /**
   * Until it succeeds, the other probes are held off.
   */
  'startupProbe'?: (_shoal_resources_Probe | null);
  'lifecycle'?: (_shoal_resources_Lifecycle | null);
  /**
   * File the container may write its last words to (default /dev/termination-log).
   */
  'terminationMessagePath'?: (string);
  /**
   * File or FallbackToLogsOnError.
   */
  'terminationMessagePolicy'?: (string);
  /**
   * Always, IfNotPresent or Never (defaulted from the image tag when unset).
   */
  'imagePullPolicy'?: (string);
  'securityContext'?: (_shoal_resources_SecurityContext | null);
  'stdin'?: (boolean);
  /**
   * Close stdin after the first attached client detaches.
   */
  'stdinOnce'?: (boolean);
  'tty'?: (boolean);
  '_restartPolicy'?: "restartPolicy";
}

export interface Container__Output {
  'name': (string);
  'image': (string);
  /**
   * Replaces the image's ENTRYPOINT; $(VAR) references expand from env.
   */
  'command': (string)[];
  /**
   * Replaces the image's CMD.
   */
  'args': (string)[];
  'workingDir': (string);
  /**
   * Informational except for hostPort; a container may listen on ports not listed.
   */
  'ports': (_shoal_resources_ContainerPort__Output)[];
  'envFrom': (_shoal_resources_EnvFromSource__Output)[];
  /**
   * Later entries win over envFrom and may refer to earlier ones with $(NAME).
   */
  'env': (_shoal_resources_EnvVar__Output)[];
  'resources': (_shoal_resources_ResourceRequirements__Output | null);
  'resizePolicy': (_shoal_resources_ContainerResizePolicy__Output)[];
  /**
   * Only for init containers: "Always" makes it a sidecar that runs beside the app containers.
   */
  'restartPolicy'?: (string);
  'volumeMounts': (_shoal_resources_VolumeMount__Output)[];
  'volumeDevices': (_shoal_resources_VolumeDevice__Output)[];
  /**
   * Failing it restarts the container.
   */
  'livenessProbe': (_shoal_resources_Probe__Output | null);
  /**
   * Failing it removes the pod from service endpoints.
   */
  'readinessProbe': (_shoal_resources_Probe__Output | null);
  /**
   * Until it succeeds, the other probes are held off.
   */
  'startupProbe': (_shoal_resources_Probe__Output | null);
  'lifecycle': (_shoal_resources_Lifecycle__Output | null);
  /**
   * File the container may write its last words to (default /dev/termination-log).
   */
  'terminationMessagePath': (string);
  /**
   * File or FallbackToLogsOnError.
   */
  'terminationMessagePolicy': (string);
  /**
   * Always, IfNotPresent or Never (defaulted from the image tag when unset).
   */
  'imagePullPolicy': (string);
  'securityContext': (_shoal_resources_SecurityContext__Output | null);
  'stdin': (boolean);
  /**
   * Close stdin after the first attached client detaches.
   */
  'stdinOnce': (boolean);
  'tty': (boolean);
  '_restartPolicy'?: "restartPolicy";
}
