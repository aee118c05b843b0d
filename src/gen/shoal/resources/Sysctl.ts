// Original file: proto/resources.proto


export interface Sysctl {
  'name'?: (string);
  'value'?: (string);
}

export interface Sysctl__Output {
  'name': (string);
  'value': (string);
}
