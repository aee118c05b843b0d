// Original file: proto/store.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A member publishes its name and client URLs through the log once it starts, so that every
 * member can answer MemberList with every member's client URLs (Raft knows only peer URLs).
 */
export interface MemberAttributes {
  'memberId'?: (number | string | Long);
  'name'?: (string);
  'clientUrls'?: (string)[];
}

/**
 * A member publishes its name and client URLs through the log once it starts, so that every
 * member can answer MemberList with every member's client URLs (Raft knows only peer URLs).
 */
export interface MemberAttributes__Output {
  'memberId': (number);
  'name': (string);
  'clientUrls': (string)[];
}
