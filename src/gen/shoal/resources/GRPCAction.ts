// Original file: proto/resources.proto


export interface GRPCAction {
  /**
   * A number only; named ports are not allowed here.
   */
  'port'?: (number);
  /**
   * Service name passed to the gRPC health check (empty: the server's overall health).
   */
  'service'?: (string);
  '_service'?: "service";
}

export interface GRPCAction__Output {
  /**
   * A number only; named ports are not allowed here.
   */
  'port': (number);
  /**
   * Service name passed to the gRPC health check (empty: the server's overall health).
   */
  'service'?: (string);
  '_service'?: "service";
}
