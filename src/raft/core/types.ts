// The vocabulary of the Raft core. Everything here is plain data: the core
// never touches a clock, a socket or a disk, so these values are all that
// cross its boundary (and all the simulator has to model).

/** A peer id. 0 means "none". Ids are positive integers below 2^53. */
export type NodeId = number;
export const NONE: NodeId = 0;

export enum EntryType {
  Normal = 0,
  ConfChange = 1,
}

export interface Entry {
  term: number;
  index: number;
  type: EntryType;
  data: Uint8Array;
}

/** What must be durable before any message that depends on it is sent. */
export interface HardState {
  term: number;
  vote: NodeId;
  commit: number;
}

export interface ConfState {
  voters: NodeId[];
  learners: NodeId[];
}

export interface SnapshotMetadata {
  index: number;
  term: number;
  confState: ConfState;
}

export interface Snapshot {
  metadata: SnapshotMetadata;
  /** The state machine's image at metadata.index (opaque to the core). */
  data: Uint8Array;
}

export enum ConfChangeType {
  AddNode = 0,
  RemoveNode = 1,
  AddLearner = 2,
}

/** One membership change; the core allows one pending change at a time. */
export interface ConfChange {
  type: ConfChangeType;
  nodeId: NodeId;
  /** Opaque to the core (e.g. the new peer's address). */
  context: Uint8Array;
}

export enum MessageType {
  /** Vote request (term = candidate's term). */
  Vote = 1,
  VoteResp = 2,
  /** PreVote request: term = the term the candidate would campaign in; nobody changes term. */
  PreVote = 3,
  PreVoteResp = 4,
  /** AppendEntries: index/logTerm = the entry before `entries`. */
  App = 5,
  /** index = last matching index on success; on reject, rejectHint = follower's last index. */
  AppResp = 6,
  Heartbeat = 7,
  HeartbeatResp = 8,
  /** InstallSnapshot: the whole snapshot (the transport chunks it on the wire). */
  Snap = 9,
  /** Leadership transfer: the receiver campaigns at once. */
  TimeoutNow = 10,
  /** A follower asks its leader for a read index; context identifies the request. */
  ReadIndex = 11,
  ReadIndexResp = 12,
  /** A follower forwards a client proposal to its leader. */
  Prop = 13,
}

export interface Message {
  type: MessageType;
  from: NodeId;
  to: NodeId;
  term: number;
  /** Term of the entry at `index` (App: the previous entry; votes: candidate's last term). */
  logTerm: number;
  index: number;
  entries: Entry[];
  commit: number;
  reject: boolean;
  rejectHint: number;
  /** ReadIndex request id, heartbeat read context, or campaign reason ("transfer"). */
  context: Uint8Array;
  snapshot?: Snapshot;
}

/** A linearizable read point: once the local applied index >= index, the read may be served. */
export interface ReadState {
  index: number;
  context: Uint8Array;
}

export enum Role {
  Follower = 'follower',
  PreCandidate = 'pre-candidate',
  Candidate = 'candidate',
  Leader = 'leader',
}

export interface SoftState {
  leader: NodeId;
  role: Role;
}

/**
 * A batch of work for the driver. Order of handling:
 *   1. install `snapshot` and persist it, persist `entries` and `hardState` (synced);
 *   2. then send `messages`;
 *   3. apply `committedEntries` to the state machine, hand `readStates` to readers;
 *   4. call `advance(ready)`.
 */
export interface Ready {
  softState?: SoftState;
  hardState?: HardState;
  entries: Entry[];
  snapshot?: Snapshot;
  messages: Message[];
  committedEntries: Entry[];
  readStates: ReadState[];
}

/** Limits: every queue and batch in the core is bounded. */
export interface RaftConfig {
  id: NodeId;
  /** Ticks without hearing a leader before campaigning (randomized in [t, 2t)). */
  electionTick: number;
  heartbeatTick: number;
  preVote: boolean;
  checkQuorum: boolean;
  /** Max bytes of entries in one App message. */
  maxSizePerMsg: number;
  /** Max App messages in flight to one follower (pipelining window). */
  maxInflightMsgs: number;
  /** Max bytes of entries in flight to one follower. */
  maxInflightBytes: number;
  /** Max bytes of proposed-but-uncommitted entries at the leader; beyond it proposals are refused. */
  maxUncommittedBytes: number;
  /** Max pending read-index requests. */
  maxPendingReads: number;
  /** Random source for election timeouts (seeded in the simulator). */
  random: () => number;
}

export const DEFAULT_CONFIG: Omit<RaftConfig, 'id' | 'random'> = {
  electionTick: 10,
  heartbeatTick: 1,
  preVote: true,
  checkQuorum: true,
  maxSizePerMsg: 1024 * 1024,
  maxInflightMsgs: 256,
  maxInflightBytes: 32 * 1024 * 1024,
  maxUncommittedBytes: 64 * 1024 * 1024,
  maxPendingReads: 4096,
};

/** What the core restores from on start (read back from durable storage). */
export interface InitialState {
  hardState: HardState;
  /** Latest snapshot (index 0 = none); its confState is the membership at that point. */
  snapshot: Snapshot;
  /** Entries after snapshot.metadata.index, contiguous. */
  entries: Entry[];
  /** Membership to use when there is no snapshot and no conf-change entry (bootstrap). */
  bootstrapConf: ConfState;
  /** Index already applied to the state machine (>= snapshot index). */
  applied: number;
}

export function emptyMessage(type: MessageType, from: NodeId, to: NodeId, term: number): Message {
  return {
    type,
    from,
    to,
    term,
    logTerm: 0,
    index: 0,
    entries: [],
    commit: 0,
    reject: false,
    rejectHint: 0,
    context: EMPTY,
  };
}

export const EMPTY = new Uint8Array(0);

export function emptySnapshot(): Snapshot {
  return { metadata: { index: 0, term: 0, confState: { voters: [], learners: [] } }, data: EMPTY };
}

export function entryBytes(e: Entry): number {
  return e.data.byteLength + 24;
}
