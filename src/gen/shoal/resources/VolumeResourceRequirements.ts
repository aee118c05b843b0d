// Original file: proto/resources.proto


export interface VolumeResourceRequirements {
  'limits'?: ({[key: string]: string});
  'requests'?: ({[key: string]: string});
}

export interface VolumeResourceRequirements__Output {
  'limits': ({[key: string]: string});
  'requests': ({[key: string]: string});
}
