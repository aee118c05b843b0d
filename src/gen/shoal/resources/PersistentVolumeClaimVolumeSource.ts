// Original file: proto/resources.proto


export interface PersistentVolumeClaimVolumeSource {
  'claimName'?: (string);
  'readOnly'?: (boolean);
}

export interface PersistentVolumeClaimVolumeSource__Output {
  'claimName': (string);
  'readOnly': (boolean);
}
