// The plug-in shapes shared by the scheduling algorithm and its plugins (re-exported by
// algorithm.ts). Kept apart so that plugins do not import the module that lists them.

export type Obj = Record<string, any>;

/** A node and the pods already on it (bound to it and not finished). */
export interface NodeInfo {
  node: Obj;
  pods: Obj[];
  /**
   * Facts about the node and its pods kept up to date by an incremental cache (node-cache.ts),
   * so that a cycle does not walk every pod of every node. When present it must be exactly what
   * summarizeNode(node, pods) gives (node-summary.ts); plugins use it when it is there and
   * compute the same facts from `node` and `pods` when it is not (tests, simulations).
   */
  summary?: NodeSummary;
}

/** A host port a pod uses: (hostIP, protocol, port); hostIP 0.0.0.0 binds every address. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/**
 * Aggregates of one node (see NodeInfo.summary). Quantities in base units (cores, bytes), and
 * for cpu and memory also as the whole numbers the plugins compare (millicores, bytes: what
 * scaled() gives), so that a cycle reads one object per node instead of several.
 */
export interface NodeSummary {
  // From the node object alone.
  /** The node's name (nodeName()). */
  name: string;
  /** nodeAllocatable(node). */
  allocatable: Record<string, number>;
  /** nodeReadyStatus(node): the Ready condition's status, undefined without one. */
  ready: string | undefined;
  /** spec.unschedulable === true. */
  unschedulable: boolean;
  /** Whether spec.taints lists any taint. */
  tainted: boolean;
  /** zoneKey(node): '' when the node has no zone labels. */
  zone: string;
  /** scaled() of allocatable cpu and memory (0 when absent). */
  allocatableMilliCpu: number;
  allocatableMemory: number;
  /** allocatable pods, Infinity when the node reports none (no limit). */
  allowedPods: number;

  // From its pods.
  /** Sum of the pods' requests (lenient: malformed quantities skipped), in pod order. */
  requested: Record<string, number>;
  /** Sum of the pods' non-zero requests (100m / 200Mi for containers without), for scoring. */
  nonZero: { cpu: number; memory: number };
  /** scaled() of requested cpu and memory (0 when absent) and of the non-zero sums. */
  requestedMilliCpu: number;
  requestedMemory: number;
  nonZeroMilliCpu: number;
  nonZeroMemory: number;
  /** How many pods. */
  pods: number;
  /** Host ports used by the pods, in pod order. */
  hostPorts: HostPort[];
  /** Pods not being deleted, counted per spreading group key (scores/selector-spread.ts). */
  groups: Map<string, number>;
}

export type ScheduleResult = (
  | { ok: true; node: string; scores?: Record<string, number> }
  | { ok: false; message: string; reasons: Record<string /* node */, string[]> }
) & {
  /** How many nodes were run through the filters (only when schedule() was given options). */
  examined?: number;
};

/**
 * Options of one schedule() call. Without them every node is examined and the answer does not
 * depend on the order of the nodes. With them, filtering starts at `startIndex` (wrapping
 * round) and stops once enough feasible nodes are found (see numFeasibleNodesToFind in
 * algorithm.ts); the result says how many nodes were examined, so the caller can start the
 * next cycle where this one stopped.
 */
export interface ScheduleOptions {
  startIndex?: number;
  /**
   * Share of the nodes (1..100) to find feasible before filtering stops; 0: adaptive (see
   * numFeasibleNodesToFind); 100: every node. Default: the algorithm's own setting.
   */
  percentageOfNodesToScore?: number;
  /** Whether an ok result lists every scored node's total (default true). */
  scores?: boolean;
  /** Indexes over `nodes` kept by the caller's cache, for the plugins (CycleState.index). */
  index?: ClusterIndex;
}

/**
 * Cluster-wide indexes that an incremental cache can offer the plugins (through
 * ScheduleOptions.index and CycleState.index), so that a plugin reads one shared table per
 * cycle instead of one per node. Each must agree with the NodeInfos' summaries.
 */
export interface ClusterIndex {
  /**
   * The nodes holding pods of the spreading group `key` (see NodeSummary.groups) and how many
   * each: for every NodeInfo, summary.groups.get(key) ?? 0 === groupCounts(key)?.get(info) ?? 0.
   */
  groupCounts(key: string): ReadonlyMap<NodeInfo, number> | undefined;
}

export interface SchedulingAlgorithm {
  readonly name: string;
  schedule(pod: Obj, nodes: NodeInfo[], opts?: ScheduleOptions): ScheduleResult;
}

/**
 * Decides whether the pod may run on one node. Returns undefined when it fits, else the
 * reason (Kubernetes' wording, e.g. `Insufficient cpu`), or several reasons at once (as
 * NodeResourcesFit does for `Insufficient cpu` and `Insufficient memory`).
 */
export interface FilterPlugin {
  name: string;
  filter(pod: Obj, info: NodeInfo, ctx: CycleState): string | string[] | undefined;
  /**
   * Optional, once per cycle (Kubernetes' PreFilter returning Skip): true when the filter
   * passes every node for this pod (say NodePorts for a pod without host ports), so the
   * algorithm does not call it node by node. Must agree with filter(); if it throws, the
   * filter runs as usual.
   */
  skip?(pod: Obj, ctx: CycleState): boolean;
}

/**
 * Rates one feasible node from 0 (worst) to 100 (best). `all` is every feasible node of this
 * cycle (the same array for every call of the cycle), for plugins that normalise across nodes;
 * such plugins compute once per cycle through ctx.memo.
 */
export interface ScorePlugin {
  name: string;
  weight: number;
  score(pod: Obj, info: NodeInfo, all: NodeInfo[], ctx: CycleState): number;
  /**
   * Optional: every node's score at once, in the order of `all` (exactly what score() gives
   * for each), which saves a call and a lookup per node. The algorithm uses it when present;
   * if it throws, every node scores 0 for this plugin.
   */
  scoreAll?(pod: Obj, all: NodeInfo[], ctx: CycleState): ArrayLike<number>;
}

/**
 * Scratch space of one scheduling cycle (one schedule() call for one pod), shared by its
 * plugins, which cache per-cycle work in it (the pod's requests, per-node usage, normalised
 * scores). Never reuse one across pods or across changed node lists.
 */
export class CycleState {
  private readonly data = new Map<unknown, unknown>();

  /** The caller's cluster-wide indexes for this cycle, if it keeps any (ScheduleOptions.index). */
  constructor(readonly index?: ClusterIndex) {}

  read<T>(key: unknown): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: unknown, value: unknown): void {
    this.data.set(key, value);
  }

  /** The value stored under key, computing and storing it on first use. */
  memo<T>(key: unknown, compute: () => T): T {
    const had = this.data.get(key);
    if (had !== undefined || this.data.has(key)) return had as T;
    const v = compute();
    this.data.set(key, v);
    return v;
  }
}

export const MAX_NODE_SCORE = 100;

export const nodeName = (info: NodeInfo): string => (info.summary ? info.summary.name : String(info.node?.metadata?.name ?? ''));
