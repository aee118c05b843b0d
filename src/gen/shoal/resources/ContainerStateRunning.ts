// Original file: proto/resources.proto


export interface ContainerStateRunning {
  'startedAt'?: (string);
}

export interface ContainerStateRunning__Output {
  'startedAt': (string);
}
