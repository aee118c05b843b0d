// Original file: proto/node.proto


export interface Heartbeat {
  /**
   * Optional: a fresh node status (JSON) to store when it changed (conditions, usage).
   */
  'nodeStatus'?: (Buffer | Uint8Array | string);
}

export interface Heartbeat__Output {
  /**
   * Optional: a fresh node status (JSON) to store when it changed (conditions, usage).
   */
  'nodeStatus': (Buffer);
}
