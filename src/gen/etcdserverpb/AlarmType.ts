// Original file: node_modules/etcd3/proto/rpc.proto

export const AlarmType = {
  /**
   * default, used to query if any alarm is active
   */
  None: 0,
  /**
   * space quota is exhausted
   */
  Nospace: 1,
  /**
   * kv store corruption detected
   */
  Corrupt: 2,
} as const;

export type AlarmType =
  /**
   * default, used to query if any alarm is active
   */
  | 'None'
  | 0
  /**
   * space quota is exhausted
   */
  | 'Nospace'
  | 1
  /**
   * kv store corruption detected
   */
  | 'Corrupt'
  | 2

export type AlarmType__Output = typeof AlarmType[keyof typeof AlarmType]
