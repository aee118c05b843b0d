// Original file: proto/node.proto


export interface Peer {
  'node'?: (string);
  'podCidr'?: (string);
  'nodeIp'?: (string);
}

export interface Peer__Output {
  'node': (string);
  'podCidr': (string);
  'nodeIp': (string);
}
