// The scheduling algorithm: which node a pod should run on. Pure and deterministic: no I/O, no
// timers, no randomness, no state kept between calls. The same pod and the same nodes (in any
// order) give the same answer, so simulations replay exactly.
//
// Shaped like Kubernetes' scheduler framework, cut down to the filter and score extension
// points: every node goes through the filter plugins (the first failing plugin decides the
// node's reasons); the nodes that pass every filter are scored by each score plugin (0..100),
// the scores are multiplied by the plugins' weights and summed, and the highest total wins.
//
// Ties: by default the winner among equal totals is the node with the lowest FNV-1a hash of
// "<pod namespace>/<pod name>" + node name (rendezvous hashing). That stands in for Kubernetes'
// random pick among equals: different pods land on different tied nodes, yet the pick depends
// only on the input (not on the order of the nodes). `tieBreak: 'name'` picks the smallest node
// name instead.
//
// Sampling (Kubernetes' percentageOfNodesToScore): schedule(pod, nodes, {startIndex}) filters
// from nodes[startIndex] round the list and stops once numFeasibleNodesToFind(nodes.length)
// nodes pass (every node below 100 nodes; 100 of 1,000; 500 of 5,000), scores only those, and
// reports how many it examined so that the caller starts the next cycle there (round-robin:
// every node gets its turn). The answer then depends on the order of the nodes and the start,
// and on nothing else. When fewer nodes than that fit, every node is examined, so sampling
// never misses the only node that fits. Without options every node is examined.
//
// NodeInfo.summary: when an incremental cache supplies each node's aggregates (requests, ports,
// spreading counts), the plugins read them instead of walking the node's pods; the answers are
// the same either way (node-summary.ts, node-cache.ts).

import { nodeAffinityFilter } from './filters/node-affinity.ts';
import { nodeNameFilter } from './filters/node-name.ts';
import { nodePortsFilter } from './filters/node-ports.ts';
import { nodeReadyFilter } from './filters/node-ready.ts';
import { nodeResourcesFitFilter } from './filters/node-resources-fit.ts';
import { nodeUnschedulableFilter } from './filters/node-unschedulable.ts';
import { taintTolerationFilter } from './filters/taint-toleration.ts';
import { balancedAllocationScore } from './scores/balanced-allocation.ts';
import { leastAllocatedScore } from './scores/least-allocated.ts';
import { nodeAffinityScore } from './scores/node-affinity.ts';
import { selectorSpreadScore } from './scores/selector-spread.ts';
import { taintTolerationScore } from './scores/taint-toleration.ts';
import {
  CycleState,
  MAX_NODE_SCORE,
  nodeName,
  type ClusterIndex,
  type FilterPlugin,
  type NodeInfo,
  type Obj,
  type NodeSummary,
  type ScheduleOptions,
  type ScheduleResult,
  type SchedulingAlgorithm,
  type ScorePlugin,
} from './framework.ts';

export { CycleState, MAX_NODE_SCORE, nodeName };
export type { ClusterIndex, FilterPlugin, NodeInfo, NodeSummary, Obj, ScheduleOptions, ScheduleResult, SchedulingAlgorithm, ScorePlugin };

/** Kubernetes' error when there is no node at all. */
export const NO_NODES_REASON = 'no nodes available to schedule pods';

/**
 * Kubernetes' FitError text: `0/<all> nodes are available: <n> <reason>, ... .` Each reason is
 * counted once per node that gave it; the `<n> <reason>` strings are sorted as plain strings
 * (Go's sort.Strings in Kubernetes), so the count is part of the sort key:
 * `1 node(s) were unschedulable, 2 Insufficient cpu`. With no nodes at all:
 * `0/0 nodes are available: no nodes available to schedule pods.`
 */
export function fitErrorMessage(numAllNodes: number, reasons: Record<string, string[]>): string {
  if (numAllNodes === 0) return `0/0 nodes are available: ${NO_NODES_REASON}.`;
  const histogram = new Map<string, number>();
  for (const list of Object.values(reasons)) {
    for (const r of list) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  }
  const parts = [...histogram].map(([r, n]) => `${n} ${r}`).sort(compareStrings);
  return parts.length === 0
    ? `0/${numAllNodes} nodes are available.`
    : `0/${numAllNodes} nodes are available: ${parts.join(', ')}.`;
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const FNV_OFFSET = 0x811c9dc5;

/** 32-bit FNV-1a over the UTF-16 code units of s. */
export function fnv1a(s: string): number {
  return fnv1aFrom(FNV_OFFSET, s);
}

/** FNV-1a continued from the hash h of a prefix: fnv1aFrom(fnv1a(a), b) === fnv1a(a + b). */
export function fnv1aFrom(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function podKey(pod: Obj): string {
  const m = pod?.metadata ?? {};
  return `${m.namespace ?? 'default'}/${m.name ?? m.generateName ?? m.uid ?? ''}`;
}

export type TieBreak = 'hash' | 'name';

export interface FrameworkOptions {
  name: string;
  filters: FilterPlugin[];
  scores: ScorePlugin[];
  /** How equal totals are decided (see the top of this file); default 'hash'. */
  tieBreak?: TieBreak;
  /**
   * For sampled cycles (schedule() with options): the share of the nodes to find feasible
   * before filtering stops, 1..100, or 0 (default) for the adaptive rule (see
   * numFeasibleNodesToFind).
   */
  percentageOfNodesToScore?: number;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class FrameworkAlgorithm implements SchedulingAlgorithm {
  readonly name: string;
  readonly filters: readonly FilterPlugin[];
  readonly scores: readonly ScorePlugin[];
  readonly tieBreak: TieBreak;
  readonly percentageOfNodesToScore: number;

  constructor(opts: FrameworkOptions) {
    this.name = opts.name;
    this.filters = [...opts.filters];
    this.scores = [...opts.scores];
    this.tieBreak = opts.tieBreak ?? 'hash';
    this.percentageOfNodesToScore = opts.percentageOfNodesToScore ?? 0;
  }

  /**
   * The reasons the pod cannot run on the node, from the first filter that rejects it, or
   * undefined when every filter passes. A plugin that throws (a malformed quantity, say)
   * rejects the node with `<plugin>: <error>`.
   */
  filterNode(pod: Obj, info: NodeInfo, ctx: CycleState = new CycleState(), filters: readonly FilterPlugin[] = this.filters): string[] | undefined {
    for (const f of filters) {
      let r: string | string[] | undefined;
      try {
        r = f.filter(pod, info, ctx);
      } catch (e) {
        r = `${f.name}: ${errorText(e)}`;
      }
      if (r === undefined) continue;
      const list = Array.isArray(r) ? r : [r];
      if (list.length > 0) return list;
    }
    return undefined;
  }

  /** The filters to run node by node for this pod: those that do not skip it. */
  private activeFilters(pod: Obj, ctx: CycleState): FilterPlugin[] {
    return this.filters.filter((f) => {
      if (!f.skip) return true;
      try {
        return !f.skip(pod, ctx);
      } catch {
        return true;
      }
    });
  }

  /** Weighted total per feasible node. A plugin that throws or returns a non-number gives 0. */
  scoreNodes(pod: Obj, feasible: NodeInfo[], ctx: CycleState = new CycleState()): Map<NodeInfo, number> {
    const totals = this.totals(pod, feasible, ctx);
    const out = new Map<NodeInfo, number>();
    for (let j = 0; j < feasible.length; j++) out.set(feasible[j], totals[j]);
    return out;
  }

  /** The weighted totals, by position in `feasible`. */
  private totals(pod: Obj, feasible: NodeInfo[], ctx: CycleState): Float64Array {
    const totals = new Float64Array(feasible.length);
    for (const s of this.scores) {
      if (!(s.weight > 0)) continue;
      if (s.scoreAll) {
        let all: ArrayLike<number> | undefined;
        try {
          all = s.scoreAll(pod, feasible, ctx);
        } catch {
          all = undefined;
        }
        for (let j = 0; j < feasible.length; j++) totals[j] += clampScore(all?.[j]) * s.weight;
        continue;
      }
      for (let j = 0; j < feasible.length; j++) {
        let v: number;
        try {
          v = s.score(pod, feasible[j], feasible, ctx);
        } catch {
          v = 0;
        }
        totals[j] += clampScore(v) * s.weight;
      }
    }
    return totals;
  }

  schedule(pod: Obj, nodes: NodeInfo[], opts?: ScheduleOptions): ScheduleResult {
    const n = nodes.length;
    if (n === 0) return withExamined({ ok: false, message: fitErrorMessage(0, {}), reasons: {} }, opts, 0);
    const ctx = new CycleState(opts?.index);
    // Filter: every node, or (with options) from startIndex round until enough are feasible.
    const toFind = opts ? numFeasibleNodesToFind(n, opts.percentageOfNodesToScore ?? this.percentageOfNodesToScore) : n;
    let at = opts ? (((Math.trunc(opts.startIndex ?? 0) % n) + n) % n) || 0 : 0;
    const filters = this.activeFilters(pod, ctx);
    const feasible: NodeInfo[] = [];
    let reasons: Record<string, string[]> | undefined;
    let examined = 0;
    while (examined < n && feasible.length < toFind) {
      const info = nodes[at];
      if (++at === n) at = 0;
      examined++;
      const r = this.filterNode(pod, info, ctx, filters);
      if (r) (reasons ??= {})[nodeName(info)] = r;
      else feasible.push(info);
    }
    if (feasible.length === 0) return withExamined({ ok: false, message: fitErrorMessage(n, reasons ?? {}), reasons: reasons ?? {} }, opts, examined);

    const totals = this.totals(pod, feasible, ctx);

    // The highest total; among equals the lowest rank (hash of pod and node), then name.
    const hashed = this.tieBreak === 'hash';
    const prefix = hashed ? fnv1aFrom(FNV_OFFSET, `${podKey(pod)}\n`) : 0;
    const rank = (j: number) => (hashed ? fnv1aFrom(prefix, nodeName(feasible[j])) : 0);
    let best = 0;
    let bestRank: number | undefined;
    for (let j = 1; j < feasible.length; j++) {
      const score = totals[j];
      if (score < totals[best]) continue;
      if (score > totals[best]) {
        best = j;
        bestRank = undefined;
        continue;
      }
      bestRank ??= rank(best);
      const r = rank(j);
      if (r < bestRank || (r === bestRank && nodeName(feasible[j]) < nodeName(feasible[best]))) {
        best = j;
        bestRank = r;
      }
    }
    const result: ScheduleResult = { ok: true, node: nodeName(feasible[best]) };
    if (opts?.scores !== false) {
      const scores: Record<string, number> = {};
      for (let j = 0; j < feasible.length; j++) scores[nodeName(feasible[j])] = totals[j];
      result.scores = scores;
    }
    return withExamined(result, opts, examined);
  }
}

/** A plugin's score as used: 0..100, anything not a finite number 0. */
function clampScore(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(MAX_NODE_SCORE, Math.max(0, v)) : 0;
}

function withExamined(r: ScheduleResult, opts: ScheduleOptions | undefined, examined: number): ScheduleResult {
  if (opts) r.examined = examined;
  return r;
}

/** Kubernetes' minimum number of feasible nodes to find before filtering stops. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** Kubernetes' floor for the adaptive percentage. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
/** shoal's ceiling for the adaptive percentage (see numFeasibleNodesToFind). */
export const MAX_ADAPTIVE_PERCENTAGE = 10;

/**
 * How many feasible nodes a sampled cycle looks for before it stops filtering. As Kubernetes'
 * numFeasibleNodesToFind: every node below 100 nodes or at 100%; else `percentage` of the
 * nodes, and at least 100.
 *
 * Percentage 0 (the default) is adaptive. Kubernetes' adaptive share is 50% minus 1% per 125
 * nodes, at least 5%; shoal caps it at 10%: min(10, max(5, 50 - nodes/125)). Kubernetes
 * filters and scores on 16 goroutines; shoal's scheduler is one thread (on a 2-core machine
 * here), so for mid-size clusters it takes the share Kubernetes takes at 5,000 nodes. The
 * result: 100 nodes for up to 1,000 nodes (Kubernetes: 420 of 1,000), 200 of 2,000, and
 * Kubernetes' own figures from 5,000 nodes up (500 of 5,000, 500 of 10,000). Pass 42 to get
 * Kubernetes' 420 of 1,000.
 *
 * When fewer nodes than that are feasible, filtering goes through every node, so a pod that
 * fits one node only still finds it.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) return numAllNodes;
  let pct = Number.isFinite(percentage) && percentage > 0 ? percentage : 0;
  if (pct === 0) pct = Math.min(MAX_ADAPTIVE_PERCENTAGE, Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125)));
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((numAllNodes * pct) / 100));
}

/**
 * The default filters, in the order they run (Kubernetes' order, with readiness after
 * unschedulable): NodeUnschedulable, NodeReady, NodeName, TaintToleration, NodeAffinity,
 * NodePorts, NodeResourcesFit.
 */
export function defaultFilters(): FilterPlugin[] {
  return [
    nodeUnschedulableFilter,
    nodeReadyFilter,
    nodeNameFilter,
    taintTolerationFilter,
    nodeAffinityFilter,
    nodePortsFilter,
    nodeResourcesFitFilter,
  ];
}

/**
 * The default score plugins with Kubernetes' default weights: TaintToleration 3,
 * NodeAffinity 2, SelectorSpread 2 (the weight of PodTopologySpread, which replaced it),
 * NodeResourcesLeastAllocated 1, NodeResourcesBalancedAllocation 1.
 */
export function defaultScores(): ScorePlugin[] {
  return [
    { ...taintTolerationScore, weight: 3 },
    { ...nodeAffinityScore, weight: 2 },
    { ...selectorSpreadScore, weight: 2 },
    { ...leastAllocatedScore, weight: 1 },
    { ...balancedAllocationScore, weight: 1 },
  ];
}

export function defaultAlgorithm(opts: { name?: string; tieBreak?: TieBreak; percentageOfNodesToScore?: number } = {}): FrameworkAlgorithm {
  return new FrameworkAlgorithm({
    name: opts.name ?? 'default-scheduler',
    filters: defaultFilters(),
    scores: defaultScores(),
    tieBreak: opts.tieBreak,
    percentageOfNodesToScore: opts.percentageOfNodesToScore,
  });
}
