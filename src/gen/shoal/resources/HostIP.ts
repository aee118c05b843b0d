// Original file: proto/resources.proto


export interface HostIP {
  'ip'?: (string);
}

export interface HostIP__Output {
  'ip': (string);
}
