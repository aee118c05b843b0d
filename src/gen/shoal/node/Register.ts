// Original file: proto/node.proto


export interface Register {
  /**
   * A Node object (JSON): metadata.name and labels, status.capacity, allocatable, addresses,
   * nodeInfo. The master keeps spec (podCIDR, taints, unschedulable) as stored.
   */
  'node'?: (Buffer | Uint8Array | string);
  /**
   * Renewal period the agent will keep, in milliseconds (its lease duration is 4x).
   */
  'renewMs'?: (number);
}

export interface Register__Output {
  /**
   * A Node object (JSON): metadata.name and labels, status.capacity, allocatable, addresses,
   * nodeInfo. The master keeps spec (podCIDR, taints, unschedulable) as stored.
   */
  'node': (Buffer);
  /**
   * Renewal period the agent will keep, in milliseconds (its lease duration is 4x).
   */
  'renewMs': (number);
}
