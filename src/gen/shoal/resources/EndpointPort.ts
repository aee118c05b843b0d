// Original file: proto/resources.proto


export interface EndpointPort {
  /**
   * Matches the service port's name.
   */
  'name'?: (string);
  'port'?: (number);
  'protocol'?: (string);
  'appProtocol'?: (string);
  '_appProtocol'?: "appProtocol";
}

export interface EndpointPort__Output {
  /**
   * Matches the service port's name.
   */
  'name': (string);
  'port': (number);
  'protocol': (string);
  'appProtocol'?: (string);
  '_appProtocol'?: "appProtocol";
}
