// Original file: proto/resources.proto


export interface SeccompProfile {
  /**
   * RuntimeDefault, Unconfined or Localhost.
   */
  'type'?: (string);
  /**
   * Only with type Localhost: a path relative to the kubelet's seccomp directory.
   */
  'localhostProfile'?: (string);
  '_localhostProfile'?: "localhostProfile";
}

export interface SeccompProfile__Output {
  /**
   * RuntimeDefault, Unconfined or Localhost.
   */
  'type': (string);
  /**
   * Only with type Localhost: a path relative to the kubelet's seccomp directory.
   */
  'localhostProfile'?: (string);
  '_localhostProfile'?: "localhostProfile";
}
