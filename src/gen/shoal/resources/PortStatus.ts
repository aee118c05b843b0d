// Original file: proto/resources.proto


export interface PortStatus {
  'port'?: (number);
  'protocol'?: (string);
  'error'?: (string);
  '_error'?: "error";
}

export interface PortStatus__Output {
  'port': (number);
  'protocol': (string);
  'error'?: (string);
  '_error'?: "error";
}
