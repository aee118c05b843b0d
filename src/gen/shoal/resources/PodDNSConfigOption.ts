// Original file: proto/resources.proto


export interface PodDNSConfigOption {
  'name'?: (string);
  'value'?: (string);
  '_value'?: "value";
}

export interface PodDNSConfigOption__Output {
  'name': (string);
  'value'?: (string);
  '_value'?: "value";
}
