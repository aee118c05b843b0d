// Original file: proto/resources.proto

import type { Capabilities as _shoal_resources_Capabilities, Capabilities__Output as _shoal_resources_Capabilities__Output } from '../../shoal/resources/Capabilities.ts';
import type { SELinuxOptions as _shoal_resources_SELinuxOptions, SELinuxOptions__Output as _shoal_resources_SELinuxOptions__Output } from '../../shoal/resources/SELinuxOptions.ts';
import type { WindowsSecurityContextOptions as _shoal_resources_WindowsSecurityContextOptions, WindowsSecurityContextOptions__Output as _shoal_resources_WindowsSecurityContextOptions__Output } from '../../shoal/resources/WindowsSecurityContextOptions.ts';
import type { SeccompProfile as _shoal_resources_SeccompProfile, SeccompProfile__Output as _shoal_resources_SeccompProfile__Output } from '../../shoal/resources/SeccompProfile.ts';
import type { AppArmorProfile as _shoal_resources_AppArmorProfile, AppArmorProfile__Output as _shoal_resources_AppArmorProfile__Output } from '../../shoal/resources/AppArmorProfile.ts';
import type { Long } from '@grpc/proto-loader';

/**
 * Per-container security settings; where a field is also in PodSecurityContext, this one wins.
 */
export interface SecurityContext {
  'capabilities'?: (_shoal_resources_Capabilities | null);
  'privileged'?: (boolean);
  'seLinuxOptions'?: (_shoal_resources_SELinuxOptions | null);
  'windowsOptions'?: (_shoal_resources_WindowsSecurityContextOptions | null);
  'runAsUser'?: (number | string | Long);
  'runAsGroup'?: (number | string | Long);
  /**
   * Refuse to start if the image would run as uid 0.
   */
  'runAsNonRoot'?: (boolean);
  'readOnlyRootFilesystem'?: (boolean);
  /**
   * no_new_privs off; implied true by privileged or CAP_SYS_ADMIN.
   */
  'allowPrivilegeEscalation'?: (boolean);
  /**
   * Default or Unmasked.
   */
  'procMount'?: (string);
  'seccompProfile'?: (_shoal_resources_SeccompProfile | null);
  'appArmorProfile'?: (_shoal_resources_AppArmorProfile | null);
  '_privileged'?: "privileged";
  '_runAsUser'?: "runAsUser";
  '_runAsGroup'?: "runAsGroup";
  '_runAsNonRoot'?: "runAsNonRoot";
  '_readOnlyRootFilesystem'?: "readOnlyRootFilesystem";
  '_allowPrivilegeEscalation'?: "allowPrivilegeEscalation";
  '_procMount'?: "procMount";
}

/**
 * Per-container security settings; where a field is also in PodSecurityContext, this one wins.
 */
export interface SecurityContext__Output {
  'capabilities': (_shoal_resources_Capabilities__Output | null);
  'privileged'?: (boolean);
  'seLinuxOptions': (_shoal_resources_SELinuxOptions__Output | null);
  'windowsOptions': (_shoal_resources_WindowsSecurityContextOptions__Output | null);
  'runAsUser'?: (number);
  'runAsGroup'?: (number);
  /**
   * Refuse to start if the image would run as uid 0.
   */
  'runAsNonRoot'?: (boolean);
  'readOnlyRootFilesystem'?: (boolean);
  /**
   * no_new_privs off; implied true by privileged or CAP_SYS_ADMIN.
   */
  'allowPrivilegeEscalation'?: (boolean);
  /**
   * Default or Unmasked.
   */
  'procMount'?: (string);
  'seccompProfile': (_shoal_resources_SeccompProfile__Output | null);
  'appArmorProfile': (_shoal_resources_AppArmorProfile__Output | null);
  '_privileged'?: "privileged";
  '_runAsUser'?: "runAsUser";
  '_runAsGroup'?: "runAsGroup";
  '_runAsNonRoot'?: "runAsNonRoot";
  '_readOnlyRootFilesystem'?: "readOnlyRootFilesystem";
  '_allowPrivilegeEscalation'?: "allowPrivilegeEscalation";
  '_procMount'?: "procMount";
}
