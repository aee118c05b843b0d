// Original file: proto/resources.proto

import type { LabelSelector as _shoal_resources_LabelSelector, LabelSelector__Output as _shoal_resources_LabelSelector__Output } from '../../shoal/resources/LabelSelector.ts';

export interface ClusterTrustBundleProjection {
  'name'?: (string);
  'signerName'?: (string);
  'labelSelector'?: (_shoal_resources_LabelSelector | null);
  'optional'?: (boolean);
  'path'?: (string);
  '_name'?: "name";
  '_signerName'?: "signerName";
  '_optional'?: "optional";
}

export interface ClusterTrustBundleProjection__Output {
  'name'?: (string);
  'signerName'?: (string);
  'labelSelector': (_shoal_resources_LabelSelector__Output | null);
  'optional'?: (boolean);
  'path': (string);
  '_name'?: "name";
  '_signerName'?: "signerName";
  '_optional'?: "optional";
}
