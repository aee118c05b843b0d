// Original file: proto/node.proto


export interface Chunk {
  'stdout'?: (Buffer | Uint8Array | string);
  'stderr'?: (Buffer | Uint8Array | string);
  /**
   * The last message of an exec: the command's exit code.
   */
  'exited'?: (boolean);
  'exitCode'?: (number);
}

export interface Chunk__Output {
  'stdout': (Buffer);
  'stderr': (Buffer);
  /**
   * The last message of an exec: the command's exit code.
   */
  'exited': (boolean);
  'exitCode': (number);
}
