// Original file: proto/resources.proto


export interface AppArmorProfile {
  /**
   * RuntimeDefault, Unconfined or Localhost.
   */
  'type'?: (string);
  'localhostProfile'?: (string);
  '_localhostProfile'?: "localhostProfile";
}

export interface AppArmorProfile__Output {
  /**
   * RuntimeDefault, Unconfined or Localhost.
   */
  'type': (string);
  'localhostProfile'?: (string);
  '_localhostProfile'?: "localhostProfile";
}
