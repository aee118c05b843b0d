// Original file: proto/resources.proto


export interface NFSVolumeSource {
  'server'?: (string);
  'path'?: (string);
  'readOnly'?: (boolean);
}

export interface NFSVolumeSource__Output {
  'server': (string);
  'path': (string);
  'readOnly': (boolean);
}
