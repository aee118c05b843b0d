// Original file: proto/resources.proto


export interface HostPathVolumeSource {
  'path'?: (string);
  /**
   * "" (no check), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice,
   * BlockDevice.
   */
  'type'?: (string);
  '_type'?: "type";
}

export interface HostPathVolumeSource__Output {
  'path': (string);
  /**
   * "" (no check), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice,
   * BlockDevice.
   */
  'type'?: (string);
  '_type'?: "type";
}
