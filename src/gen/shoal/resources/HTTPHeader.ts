// Original file: proto/resources.proto


export interface HTTPHeader {
  'name'?: (string);
  'value'?: (string);
}

export interface HTTPHeader__Output {
  'name': (string);
  'value': (string);
}
