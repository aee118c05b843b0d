import type { RegistryLimits } from '../store/registry/registry.ts';
import type { WatchLimits } from '../store/etcd/watch-service.ts';
// What a master needs to run, already validated. Built from etcd-style flags by
// src/cli/master-flags.ts; nothing here knows about flags.
import type { NodeId } from '../raft/core/types.ts';
import type { ControllerConfig } from '../control/controllers/controller.ts';

export interface ControlPlaneConfig {
  /** Serve the resource API and bootstrap the system namespaces (false: a plain etcd-compatible store). */
  api: boolean;
  /** Run the scheduler and controllers here (under leader election). */
  enabled: boolean;
  leaseDurationMs: number;
  controllers: Partial<ControllerConfig>;
}

export interface ClusterMember {
  name: string;
  id: NodeId;
  /** As advertised, normalized: "http://host:port". */
  peerUrl: string;
  /** host:port to dial (the gRPC target). */
  peerAddress: string;
}

/**
 * Deliberate faults for the chaos harness's self-test (`--unsafe-break`): a checker that never
 * fails proves nothing, so the harness runs a broken master and expects to be told.
 * stale-reads: linearizable reads skip ReadIndex and answer from this member's applied state.
 */
export const MASTER_BREAK_MODES = ['stale-reads'] as const;
export type MasterBreakMode = (typeof MASTER_BREAK_MODES)[number];

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface MasterConfig {
  name: string;
  id: NodeId;
  clusterId: number;
  dataDir: string;
  /** host:port the Raft peer server binds. */
  listenPeer: string;
  /** host:port the client gRPC server (control API, later etcd v3) binds. */
  listenClient: string;
  advertisePeerUrl: string;
  advertiseClientUrls: string[];
  initialCluster: ClusterMember[];
  /** "existing": join a running cluster (after it added this member), instead of founding one. */
  clusterState: 'new' | 'existing';
  token: string;
  tickMs: number;
  heartbeatTick: number;
  electionTick: number;
  snapshotCount: number;
  snapshotCatchupEntries: number;
  limits: RegistryLimits;
  /** periodic: keep `retention` ms of history; revision: keep `retention` revisions; 0 = off. */
  autoCompaction: { mode: 'periodic' | 'revision'; retention: number };
  /** Watch streams: progress notification interval, output bounds. */
  watch: WatchLimits;
  control: ControlPlaneConfig;
  logLevel: LogLevel;
  /** Testing only: see MASTER_BREAK_MODES. Never set in a real deployment. */
  unsafeBreak?: MasterBreakMode;
}
