// Original file: proto/resources.proto


export interface ContainerResizePolicy {
  /**
   * cpu or memory.
   */
  'resourceName'?: (string);
  /**
   * NotRequired or RestartContainer.
   */
  'restartPolicy'?: (string);
}

export interface ContainerResizePolicy__Output {
  /**
   * cpu or memory.
   */
  'resourceName': (string);
  /**
   * NotRequired or RestartContainer.
   */
  'restartPolicy': (string);
}
