// Original file: proto/resources.proto


export interface ExecAction {
  /**
   * Run directly, not through a shell; exit status 0 is success.
   */
  'command'?: (string)[];
}

export interface ExecAction__Output {
  /**
   * Run directly, not through a shell; exit status 0 is success.
   */
  'command': (string)[];
}
