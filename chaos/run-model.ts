// What a chaos run records, for the report (table, JSON, timeline picture) and for the exit
// code. Times are milliseconds since the run started (performance.now() based, monotonic).

export type FaultType =
  | 'kill-leader'
  | 'kill-follower'
  | 'kill-scheduler-holder'
  | 'kill-controller-holder'
  | 'kill-agent-host'
  | 'kill-container'
  | 'pause-master'
  | 'partition-leader'
  | 'partition-majority-minority'
  | 'one-way-loss'
  | 'flapping-link'
  | 'netem-latency'
  | 'disk-full';

export interface FaultRecord {
  type: FaultType;
  /** Who was hit (master-2, agent-1, "master-1 | master-2,master-3", ...). */
  target: string;
  /** When the fault was injected. */
  at: number;
  /** When it was undone (process restarted, partition healed); undefined if never. */
  healedAt?: number;
  /**
   * When the system was whole again after the fault (writes succeed, declared replicas Ready,
   * VIP answers): recovery time = recoveredAt - at. undefined = did not recover in the run.
   */
  recoveredAt?: number;
  /** Longest stretch without a successful write that overlaps the fault. */
  writeUnavailableMs?: number;
  /** Longest stretch in which requests to the service VIP failed, overlapping the fault. */
  vipErrorMs?: number;
  /** Free text: what the fault did, e.g. "SIGKILL pid 1234, restarted on its data after 2 s". */
  note?: string;
}

/** One sample of the run's health, taken every `sampleMs`. */
export interface Sample {
  t: number;
  /** Successful / failed KV writes during the interval. */
  writesOk: number;
  writesFailed: number;
  /** Successful / failed VIP requests during the interval. */
  vipOk: number;
  vipFailed: number;
  /** Pods of the workload Deployment that are Ready, and all its pods (any phase, not deleted). */
  replicasReady: number;
  pods: number;
}

export type AnomalyKind =
  | 'not-linearizable'
  | 'lost-write'
  | 'watch-gap'
  | 'watch-duplicate'
  | 'watch-out-of-order'
  | 'too-many-pods'
  | 'not-recovered'
  | 'two-lease-holders'
  | 'service-by-name-failed'
  | 'unexpected-exit'
  | 'harness-error';

export interface Anomaly {
  kind: AnomalyKind;
  detail: string;
  at?: number;
}

export interface ChaosRun {
  seed: number;
  masters: number;
  agents: number;
  /** Planned run length. */
  durationMs: number;
  /** Set when the run was a number of rounds (each fault type once per round) rather than a duration. */
  rounds?: number;
  /** ISO time the run started (wall clock, for humans). */
  startedAt: string;
  /** Fault types enabled for the run. */
  faultTypes: FaultType[];
  /** Faults broken on purpose (test mode), e.g. ["stale-reads"]; empty in a normal run. */
  broken: string[];
  sampleMs: number;
  faults: FaultRecord[];
  samples: Sample[];
  anomalies: Anomaly[];
  /** Totals, for the summary line. */
  totals: { writesOk: number; writesFailed: number; readsOk: number; watchEvents: number; vipOk: number; vipFailed: number };
  /** Declared replicas of the workload Deployment (0 when no agents). */
  replicas: number;
  /**
   * The Deployment's maxSurge as a pod count: pods may never exceed replicas + maxSurge. Optional
   * so older records still load; the timeline draws the limit only when it is known.
   */
  maxSurge?: number;
  /** Kernel features missing here that some faults need (e.g. "netem: no sch_netem"). */
  unsupported: string[];
}
