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
  type FilterPlugin,
  type NodeInfo,
  type Obj,
  type ScheduleResult,
  type SchedulingAlgorithm,
  type ScorePlugin,
} from './framework.ts';

export { CycleState, MAX_NODE_SCORE, nodeName };
export type { FilterPlugin, NodeInfo, Obj, ScheduleResult, SchedulingAlgorithm, ScorePlugin };

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

/** 32-bit FNV-1a over the UTF-16 code units of s. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
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
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class FrameworkAlgorithm implements SchedulingAlgorithm {
  readonly name: string;
  readonly filters: readonly FilterPlugin[];
  readonly scores: readonly ScorePlugin[];
  readonly tieBreak: TieBreak;

  constructor(opts: FrameworkOptions) {
    this.name = opts.name;
    this.filters = [...opts.filters];
    this.scores = [...opts.scores];
    this.tieBreak = opts.tieBreak ?? 'hash';
  }

  /**
   * The reasons the pod cannot run on the node, from the first filter that rejects it, or
   * undefined when every filter passes. A plugin that throws (a malformed quantity, say)
   * rejects the node with `<plugin>: <error>`.
   */
  filterNode(pod: Obj, info: NodeInfo, ctx: CycleState = new CycleState()): string[] | undefined {
    for (const f of this.filters) {
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

  /** Weighted total per feasible node. A plugin that throws or returns a non-number gives 0. */
  scoreNodes(pod: Obj, feasible: NodeInfo[], ctx: CycleState = new CycleState()): Map<NodeInfo, number> {
    const totals = new Map<NodeInfo, number>();
    for (const info of feasible) totals.set(info, 0);
    for (const s of this.scores) {
      if (!(s.weight > 0)) continue;
      for (const info of feasible) {
        let v: number;
        try {
          v = s.score(pod, info, feasible, ctx);
        } catch {
          v = 0;
        }
        if (!Number.isFinite(v)) v = 0;
        v = Math.min(MAX_NODE_SCORE, Math.max(0, v));
        totals.set(info, totals.get(info)! + v * s.weight);
      }
    }
    return totals;
  }

  schedule(pod: Obj, nodes: NodeInfo[]): ScheduleResult {
    if (nodes.length === 0) return { ok: false, message: fitErrorMessage(0, {}), reasons: {} };
    const ctx = new CycleState();
    const feasible: NodeInfo[] = [];
    const reasons: Record<string, string[]> = {};
    for (const info of nodes) {
      const r = this.filterNode(pod, info, ctx);
      if (r) reasons[nodeName(info)] = r;
      else feasible.push(info);
    }
    if (feasible.length === 0) return { ok: false, message: fitErrorMessage(nodes.length, reasons), reasons };

    const totals = this.scoreNodes(pod, feasible, ctx);
    const key = podKey(pod);
    const rank = (info: NodeInfo) => (this.tieBreak === 'hash' ? fnv1a(`${key}\n${nodeName(info)}`) : 0);
    let best: NodeInfo | undefined;
    let bestScore = -Infinity;
    let bestRank = 0;
    for (const info of feasible) {
      const score = totals.get(info)!;
      const r = rank(info);
      if (
        best === undefined ||
        score > bestScore ||
        (score === bestScore && (r < bestRank || (r === bestRank && nodeName(info) < nodeName(best))))
      ) {
        best = info;
        bestScore = score;
        bestRank = r;
      }
    }
    const scores: Record<string, number> = {};
    for (const [info, v] of totals) scores[nodeName(info)] = v;
    return { ok: true, node: nodeName(best!), scores };
  }
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

export function defaultAlgorithm(opts: { name?: string; tieBreak?: TieBreak } = {}): FrameworkAlgorithm {
  return new FrameworkAlgorithm({
    name: opts.name ?? 'default-scheduler',
    filters: defaultFilters(),
    scores: defaultScores(),
    tieBreak: opts.tieBreak,
  });
}
