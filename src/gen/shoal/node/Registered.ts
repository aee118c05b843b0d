// Original file: proto/node.proto


export interface Registered {
  /**
   * The node as stored (JSON), with spec.podCIDR assigned by the masters.
   */
  'node'?: (Buffer | Uint8Array | string);
  /**
   * The master the agent is connected to (for logs).
   */
  'master'?: (string);
}

export interface Registered__Output {
  /**
   * The node as stored (JSON), with spec.podCIDR assigned by the masters.
   */
  'node': (Buffer);
  /**
   * The master the agent is connected to (for logs).
   */
  'master': (string);
}
