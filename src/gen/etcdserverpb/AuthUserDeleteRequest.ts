// Original file: node_modules/etcd3/proto/rpc.proto


export interface AuthUserDeleteRequest {
  /**
   * name is the name of the user to delete.
   */
  'name'?: (string);
}

export interface AuthUserDeleteRequest__Output {
  /**
   * name is the name of the user to delete.
   */
  'name': (string);
}
