// Original file: proto/resources.proto


export interface IPBlock {
  'cidr'?: (string);
  /**
   * Sub-ranges of cidr that are left out.
   */
  'except'?: (string)[];
}

export interface IPBlock__Output {
  'cidr': (string);
  /**
   * Sub-ranges of cidr that are left out.
   */
  'except': (string)[];
}
