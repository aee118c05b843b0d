// Original file: proto/raft.proto

/**
 * Values match the core's MessageType one to one, so conversion is a range check.
 */
export const MessageType = {
  MESSAGE_TYPE_UNSPECIFIED: 0,
  MESSAGE_TYPE_VOTE: 1,
  MESSAGE_TYPE_VOTE_RESP: 2,
  MESSAGE_TYPE_PRE_VOTE: 3,
  MESSAGE_TYPE_PRE_VOTE_RESP: 4,
  MESSAGE_TYPE_APP: 5,
  MESSAGE_TYPE_APP_RESP: 6,
  MESSAGE_TYPE_HEARTBEAT: 7,
  MESSAGE_TYPE_HEARTBEAT_RESP: 8,
  MESSAGE_TYPE_SNAP: 9,
  MESSAGE_TYPE_TIMEOUT_NOW: 10,
  MESSAGE_TYPE_READ_INDEX: 11,
  MESSAGE_TYPE_READ_INDEX_RESP: 12,
  MESSAGE_TYPE_PROP: 13,
} as const;

/**
 * Values match the core's MessageType one to one, so conversion is a range check.
 */
export type MessageType =
  | 'MESSAGE_TYPE_UNSPECIFIED'
  | 0
  | 'MESSAGE_TYPE_VOTE'
  | 1
  | 'MESSAGE_TYPE_VOTE_RESP'
  | 2
  | 'MESSAGE_TYPE_PRE_VOTE'
  | 3
  | 'MESSAGE_TYPE_PRE_VOTE_RESP'
  | 4
  | 'MESSAGE_TYPE_APP'
  | 5
  | 'MESSAGE_TYPE_APP_RESP'
  | 6
  | 'MESSAGE_TYPE_HEARTBEAT'
  | 7
  | 'MESSAGE_TYPE_HEARTBEAT_RESP'
  | 8
  | 'MESSAGE_TYPE_SNAP'
  | 9
  | 'MESSAGE_TYPE_TIMEOUT_NOW'
  | 10
  | 'MESSAGE_TYPE_READ_INDEX'
  | 11
  | 'MESSAGE_TYPE_READ_INDEX_RESP'
  | 12
  | 'MESSAGE_TYPE_PROP'
  | 13

/**
 * Values match the core's MessageType one to one, so conversion is a range check.
 */
export type MessageType__Output = typeof MessageType[keyof typeof MessageType]
