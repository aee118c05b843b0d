// Original file: proto/resources.proto


export interface AttachedVolume {
  'name'?: (string);
  'devicePath'?: (string);
}

export interface AttachedVolume__Output {
  'name': (string);
  'devicePath': (string);
}
