// Original file: proto/resources.proto


export interface NodeAddress {
  /**
   * Hostname, InternalIP, ExternalIP, InternalDNS, ExternalDNS.
   */
  'type'?: (string);
  'address'?: (string);
}

export interface NodeAddress__Output {
  /**
   * Hostname, InternalIP, ExternalIP, InternalDNS, ExternalDNS.
   */
  'type': (string);
  'address': (string);
}
