// Original file: node_modules/etcd3/proto/auth.proto


export interface UserAddOptions {
  'noPassword'?: (boolean);
}

export interface UserAddOptions__Output {
  'noPassword': (boolean);
}
