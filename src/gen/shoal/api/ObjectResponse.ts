// Original file: proto/api.proto


export interface ObjectResponse {
  'object'?: (Buffer | Uint8Array | string);
}

export interface ObjectResponse__Output {
  'object': (Buffer);
}
