// Original file: proto/resources.proto


export interface VolumeDevice {
  'name'?: (string);
  'devicePath'?: (string);
}

export interface VolumeDevice__Output {
  'name': (string);
  'devicePath': (string);
}
