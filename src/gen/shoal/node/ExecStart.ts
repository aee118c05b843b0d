// Original file: proto/node.proto


export interface ExecStart {
  'namespace'?: (string);
  'name'?: (string);
  'container'?: (string);
  'command'?: (string)[];
  'stdin'?: (boolean);
  'tty'?: (boolean);
}

export interface ExecStart__Output {
  'namespace': (string);
  'name': (string);
  'container': (string);
  'command': (string)[];
  'stdin': (boolean);
  'tty': (boolean);
}
