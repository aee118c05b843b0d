// Original file: proto/resources.proto


export interface LeaseSpec {
  'holderIdentity'?: (string);
  /**
   * How long a holder's claim lasts after renewTime without another renewal.
   */
  'leaseDurationSeconds'?: (number);
  /**
   * Microsecond-precision timestamps.
   */
  'acquireTime'?: (string);
  'renewTime'?: (string);
  /**
   * Number of changes of holder.
   */
  'leaseTransitions'?: (number);
  /**
   * Coordinated leader election: the strategy for picking the next holder.
   */
  'strategy'?: (string);
  'preferredHolder'?: (string);
  '_holderIdentity'?: "holderIdentity";
  '_leaseDurationSeconds'?: "leaseDurationSeconds";
  '_leaseTransitions'?: "leaseTransitions";
  '_strategy'?: "strategy";
  '_preferredHolder'?: "preferredHolder";
}

export interface LeaseSpec__Output {
  'holderIdentity'?: (string);
  /**
   * How long a holder's claim lasts after renewTime without another renewal.
   */
  'leaseDurationSeconds'?: (number);
  /**
   * Microsecond-precision timestamps.
   */
  'acquireTime': (string);
  'renewTime': (string);
  /**
   * Number of changes of holder.
   */
  'leaseTransitions'?: (number);
  /**
   * Coordinated leader election: the strategy for picking the next holder.
   */
  'strategy'?: (string);
  'preferredHolder'?: (string);
  '_holderIdentity'?: "holderIdentity";
  '_leaseDurationSeconds'?: "leaseDurationSeconds";
  '_leaseTransitions'?: "leaseTransitions";
  '_strategy'?: "strategy";
  '_preferredHolder'?: "preferredHolder";
}
