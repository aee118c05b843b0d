// The plug-in shapes shared by the scheduling algorithm and its plugins (re-exported by
// algorithm.ts). Kept apart so that plugins do not import the module that lists them.

export type Obj = Record<string, any>;

/** A node and the pods already on it (bound to it and not finished). */
export interface NodeInfo {
  node: Obj;
  pods: Obj[];
}

export type ScheduleResult =
  | { ok: true; node: string; scores?: Record<string, number> }
  | { ok: false; message: string; reasons: Record<string /* node */, string[]> };

export interface SchedulingAlgorithm {
  readonly name: string;
  schedule(pod: Obj, nodes: NodeInfo[]): ScheduleResult;
}

/**
 * Decides whether the pod may run on one node. Returns undefined when it fits, else the
 * reason (Kubernetes' wording, e.g. `Insufficient cpu`), or several reasons at once (as
 * NodeResourcesFit does for `Insufficient cpu` and `Insufficient memory`).
 */
export interface FilterPlugin {
  name: string;
  filter(pod: Obj, info: NodeInfo, ctx: CycleState): string | string[] | undefined;
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
}

/**
 * Scratch space of one scheduling cycle (one schedule() call for one pod), shared by its
 * plugins, which cache per-cycle work in it (the pod's requests, per-node usage, normalised
 * scores). Never reuse one across pods or across changed node lists.
 */
export class CycleState {
  private readonly data = new Map<unknown, unknown>();

  read<T>(key: unknown): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: unknown, value: unknown): void {
    this.data.set(key, value);
  }

  /** The value stored under key, computing and storing it on first use. */
  memo<T>(key: unknown, compute: () => T): T {
    if (this.data.has(key)) return this.data.get(key) as T;
    const v = compute();
    this.data.set(key, v);
    return v;
  }
}

export const MAX_NODE_SCORE = 100;

export const nodeName = (info: NodeInfo): string => String(info.node?.metadata?.name ?? '');
