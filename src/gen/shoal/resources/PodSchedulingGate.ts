// Original file: proto/resources.proto


export interface PodSchedulingGate {
  'name'?: (string);
}

export interface PodSchedulingGate__Output {
  'name': (string);
}
