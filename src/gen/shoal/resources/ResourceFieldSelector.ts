// Original file: proto/resources.proto


export interface ResourceFieldSelector {
  /**
   * Required for volumes, optional for env vars (defaults to the container itself).
   */
  'containerName'?: (string);
  /**
   * e.g. limits.cpu, requests.memory.
   */
  'resource'?: (string);
  /**
   * Quantity the value is divided by before output (default 1).
   */
  'divisor'?: (string);
}

export interface ResourceFieldSelector__Output {
  /**
   * Required for volumes, optional for env vars (defaults to the container itself).
   */
  'containerName': (string);
  /**
   * e.g. limits.cpu, requests.memory.
   */
  'resource': (string);
  /**
   * Quantity the value is divided by before output (default 1).
   */
  'divisor': (string);
}
