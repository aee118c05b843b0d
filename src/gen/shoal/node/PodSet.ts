// Original file: proto/node.proto


export interface PodSet {
  /**
   * JSON array of pods.
   */
  'pods'?: (Buffer | Uint8Array | string);
}

export interface PodSet__Output {
  /**
   * JSON array of pods.
   */
  'pods': (Buffer);
}
