// Original file: proto/resources.proto


export interface HostAlias {
  'ip'?: (string);
  'hostnames'?: (string)[];
}

export interface HostAlias__Output {
  'ip': (string);
  'hostnames': (string)[];
}
