// Original file: proto/resources.proto

import type { NodeSelector as _shoal_resources_NodeSelector, NodeSelector__Output as _shoal_resources_NodeSelector__Output } from '../../shoal/resources/NodeSelector.ts';
import type { PreferredSchedulingTerm as _shoal_resources_PreferredSchedulingTerm, PreferredSchedulingTerm__Output as _shoal_resources_PreferredSchedulingTerm__Output } from '../../shoal/resources/PreferredSchedulingTerm.ts';

export interface NodeAffinity {
  'requiredDuringSchedulingIgnoredDuringExecution'?: (_shoal_resources_NodeSelector | null);
  'preferredDuringSchedulingIgnoredDuringExecution'?: (_shoal_resources_PreferredSchedulingTerm)[];
}

export interface NodeAffinity__Output {
  'requiredDuringSchedulingIgnoredDuringExecution': (_shoal_resources_NodeSelector__Output | null);
  'preferredDuringSchedulingIgnoredDuringExecution': (_shoal_resources_PreferredSchedulingTerm__Output)[];
}
