// Original file: proto/resources.proto


export interface DaemonEndpoint {
  /**
   * Capitalised in the Kubernetes API itself; kept so that real node objects validate.
   */
  'Port'?: (number);
}

export interface DaemonEndpoint__Output {
  /**
   * Capitalised in the Kubernetes API itself; kept so that real node objects validate.
   */
  'Port': (number);
}
