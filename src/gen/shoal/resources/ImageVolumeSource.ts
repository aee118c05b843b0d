// Original file: proto/resources.proto


/**
 * An OCI image (or artifact) mounted read-only as a volume.
 */
export interface ImageVolumeSource {
  'reference'?: (string);
  'pullPolicy'?: (string);
}

/**
 * An OCI image (or artifact) mounted read-only as a volume.
 */
export interface ImageVolumeSource__Output {
  'reference': (string);
  'pullPolicy': (string);
}
