// Original file: proto/resources.proto

import type { NodeRuntimeHandlerFeatures as _shoal_resources_NodeRuntimeHandlerFeatures, NodeRuntimeHandlerFeatures__Output as _shoal_resources_NodeRuntimeHandlerFeatures__Output } from '../../shoal/resources/NodeRuntimeHandlerFeatures.ts';

export interface NodeRuntimeHandler {
  /**
   * Empty for the default handler.
   */
  'name'?: (string);
  'features'?: (_shoal_resources_NodeRuntimeHandlerFeatures | null);
}

export interface NodeRuntimeHandler__Output {
  /**
   * Empty for the default handler.
   */
  'name': (string);
  'features': (_shoal_resources_NodeRuntimeHandlerFeatures__Output | null);
}
