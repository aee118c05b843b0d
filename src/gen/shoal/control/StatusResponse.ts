// Original file: proto/control.proto

import type { Member as _shoal_control_Member, Member__Output as _shoal_control_Member__Output } from '../../shoal/control/Member.ts';
import type { Long } from '@grpc/proto-loader';

export interface StatusResponse {
  'id'?: (number | string | Long);
  'name'?: (string);
  /**
   * "leader", "follower", "candidate" or "pre-candidate".
   */
  'role'?: (string);
  'term'?: (number | string | Long);
  /**
   * 0 when this member knows of no leader.
   */
  'leaderId'?: (number | string | Long);
  'commit'?: (number | string | Long);
  'applied'?: (number | string | Long);
  'lastIndex'?: (number | string | Long);
  'voters'?: (number | string | Long)[];
  'learners'?: (number | string | Long)[];
  'members'?: (_shoal_control_Member)[];
  'clusterId'?: (number | string | Long);
  /**
   * The state machine's own view: entries it applied, and a digest chained over them.
   * Members that applied the same sequence show the same pair.
   */
  'smAppliedCount'?: (number | string | Long);
  'smDigest'?: (string);
}

export interface StatusResponse__Output {
  'id': (number);
  'name': (string);
  /**
   * "leader", "follower", "candidate" or "pre-candidate".
   */
  'role': (string);
  'term': (number);
  /**
   * 0 when this member knows of no leader.
   */
  'leaderId': (number);
  'commit': (number);
  'applied': (number);
  'lastIndex': (number);
  'voters': (number)[];
  'learners': (number)[];
  'members': (_shoal_control_Member__Output)[];
  'clusterId': (number);
  /**
   * The state machine's own view: entries it applied, and a digest chained over them.
   * Members that applied the same sequence show the same pair.
   */
  'smAppliedCount': (number);
  'smDigest': (string);
}
