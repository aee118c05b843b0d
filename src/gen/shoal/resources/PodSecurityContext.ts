// Original file: proto/resources.proto

import type { SELinuxOptions as _shoal_resources_SELinuxOptions, SELinuxOptions__Output as _shoal_resources_SELinuxOptions__Output } from '../../shoal/resources/SELinuxOptions.ts';
import type { WindowsSecurityContextOptions as _shoal_resources_WindowsSecurityContextOptions, WindowsSecurityContextOptions__Output as _shoal_resources_WindowsSecurityContextOptions__Output } from '../../shoal/resources/WindowsSecurityContextOptions.ts';
import type { Sysctl as _shoal_resources_Sysctl, Sysctl__Output as _shoal_resources_Sysctl__Output } from '../../shoal/resources/Sysctl.ts';
import type { SeccompProfile as _shoal_resources_SeccompProfile, SeccompProfile__Output as _shoal_resources_SeccompProfile__Output } from '../../shoal/resources/SeccompProfile.ts';
import type { AppArmorProfile as _shoal_resources_AppArmorProfile, AppArmorProfile__Output as _shoal_resources_AppArmorProfile__Output } from '../../shoal/resources/AppArmorProfile.ts';
import type { Long } from '@grpc/proto-loader';

export interface PodSecurityContext {
  'seLinuxOptions'?: (_shoal_resources_SELinuxOptions | null);
  'windowsOptions'?: (_shoal_resources_WindowsSecurityContextOptions | null);
  'runAsUser'?: (number | string | Long);
  'runAsGroup'?: (number | string | Long);
  'runAsNonRoot'?: (boolean);
  /**
   * Extra groups for the first process of every container.
   */
  'supplementalGroups'?: (number | string | Long)[];
  /**
   * Merge or Strict.
   */
  'supplementalGroupsPolicy'?: (string);
  /**
   * Group that owns (and may write) the pod's volumes.
   */
  'fsGroup'?: (number | string | Long);
  'sysctls'?: (_shoal_resources_Sysctl)[];
  /**
   * OnRootMismatch or Always.
   */
  'fsGroupChangePolicy'?: (string);
  'seccompProfile'?: (_shoal_resources_SeccompProfile | null);
  'appArmorProfile'?: (_shoal_resources_AppArmorProfile | null);
  /**
   * MountOption or Recursive.
   */
  'seLinuxChangePolicy'?: (string);
  '_runAsUser'?: "runAsUser";
  '_runAsGroup'?: "runAsGroup";
  '_runAsNonRoot'?: "runAsNonRoot";
  '_supplementalGroupsPolicy'?: "supplementalGroupsPolicy";
  '_fsGroup'?: "fsGroup";
  '_fsGroupChangePolicy'?: "fsGroupChangePolicy";
  '_seLinuxChangePolicy'?: "seLinuxChangePolicy";
}

export interface PodSecurityContext__Output {
  'seLinuxOptions': (_shoal_resources_SELinuxOptions__Output | null);
  'windowsOptions': (_shoal_resources_WindowsSecurityContextOptions__Output | null);
  'runAsUser'?: (number);
  'runAsGroup'?: (number);
  'runAsNonRoot'?: (boolean);
  /**
   * Extra groups for the first process of every container.
   */
  'supplementalGroups': (number)[];
  /**
   * Merge or Strict.
   */
  'supplementalGroupsPolicy'?: (string);
  /**
   * Group that owns (and may write) the pod's volumes.
   */
  'fsGroup'?: (number);
  'sysctls': (_shoal_resources_Sysctl__Output)[];
  /**
   * OnRootMismatch or Always.
   */
  'fsGroupChangePolicy'?: (string);
  'seccompProfile': (_shoal_resources_SeccompProfile__Output | null);
  'appArmorProfile': (_shoal_resources_AppArmorProfile__Output | null);
  /**
   * MountOption or Recursive.
   */
  'seLinuxChangePolicy'?: (string);
  '_runAsUser'?: "runAsUser";
  '_runAsGroup'?: "runAsGroup";
  '_runAsNonRoot'?: "runAsNonRoot";
  '_supplementalGroupsPolicy'?: "supplementalGroupsPolicy";
  '_fsGroup'?: "fsGroup";
  '_fsGroupChangePolicy'?: "fsGroupChangePolicy";
  '_seLinuxChangePolicy'?: "seLinuxChangePolicy";
}
