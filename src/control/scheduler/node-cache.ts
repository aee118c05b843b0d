// The scheduler loop's view of the cluster, kept between cycles instead of rebuilt for each pod:
// one NodeInfo per node with the pods bound (or assumed) to it and its summary (NodeSummary),
// updated from the informers' events and from the loop's own placements. Pure bookkeeping: no
// I/O, no clock.
//
// Every update touches one or two nodes: a pod arriving on a node is appended to it and added
// to its summary; a pod leaving, or changing what it holds, rebuilds that node's summary from
// its remaining pods (at most the node's pod limit, 110 by default). So at any moment each
// NodeInfo is what buildNodeInfos would make of the same nodes and pods, with its summary
// exactly summarizeNode(node, pods) (the pods in the order they arrived on the node).
//
// Pods may name a node the cache does not know (yet, or any more): they are kept aside and
// join the node when it arrives, as buildNodeInfos ignores them meanwhile.
//
// The cache is also a ClusterIndex: the summaries' spreading-group counts transposed (group ->
// nodes -> count), so that SelectorSpread reads one table per cycle instead of one map per node.

import type { ClusterIndex, NodeInfo, Obj } from './framework.ts';
import { isTerminalPod } from './node-info.ts';
import { addPodToSummary, emptySummary, sameContribution, setNodeFacts, summarizeNode } from './node-summary.ts';
import { shareFactsIfSameInputs } from './pod-cache.ts';
import { podGroupKeys } from './scores/selector-spread.ts';

interface Slot {
  info: NodeInfo & { summary: NonNullable<NodeInfo['summary']> };
  /** The pods' keys, parallel to info.pods. */
  keys: string[];
  /** Whether a Node object was given (only then is it in nodeInfos()). */
  known: boolean;
}

/** `namespace/name` (or `name`), as the informers key objects. */
export function podKeyOf(pod: Obj): string {
  const m = pod?.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : String(m.name);
}

/** The node a pod holds resources on: spec.nodeName unless it has finished. */
function placedOn(pod: Obj): string | undefined {
  const n = pod?.spec?.nodeName;
  return typeof n === 'string' && n !== '' && !isTerminalPod(pod) ? n : undefined;
}

export class NodeInfoCache implements ClusterIndex {
  private readonly slots = new Map<string, Slot>();
  /** Spreading group key -> the NodeInfos holding such pods and how many: summary.groups transposed. */
  private readonly groups = new Map<string, Map<NodeInfo, number>>();
  /** pod key -> the node it is on. */
  private readonly where = new Map<string, string>();
  /** Known node names, in the order they were first given. */
  private order: string[] = [];
  private list?: NodeInfo[];

  /** Adds or replaces a node (by metadata.name). */
  setNode(node: Obj): void {
    const name = node?.metadata?.name;
    if (typeof name !== 'string') return;
    let slot = this.slots.get(name);
    if (!slot) {
      slot = { info: { node, pods: [], summary: emptySummary(node) }, keys: [], known: false };
      this.slots.set(name, slot);
    }
    if (!slot.known) {
      slot.known = true;
      this.order.push(name);
      this.list = undefined;
    }
    slot.info.node = node;
    setNodeFacts(slot.info.summary, node);
  }

  removeNode(name: string): void {
    const slot = this.slots.get(name);
    if (!slot?.known) return;
    slot.known = false;
    this.order = this.order.filter((n) => n !== name);
    this.list = undefined;
    if (slot.keys.length === 0) this.slots.delete(name);
  }

  /**
   * Records the pod as it is now: on its node if it is bound there and not finished (pods being
   * deleted still hold their resources), else on no node. An object given again for the same
   * key replaces the previous one.
   */
  setPod(pod: Obj): void {
    const key = podKeyOf(pod);
    const target = placedOn(pod);
    const prev = this.where.get(key);
    if (prev !== undefined && prev !== target) this.detach(prev, key);
    if (target === undefined) {
      this.where.delete(key);
      return;
    }
    let slot = this.slots.get(target);
    if (!slot) {
      const placeholder = { metadata: { name: target } };
      slot = { info: { node: placeholder, pods: [], summary: emptySummary(placeholder) }, keys: [], known: false };
      this.slots.set(target, slot);
    }
    if (prev === target) {
      const i = slot.keys.indexOf(key);
      const old = slot.info.pods[i];
      slot.info.pods[i] = pod;
      // Usually the same pod after a bind or a status change: its facts carry over unparsed.
      shareFactsIfSameInputs(old, pod);
      if (!sameContribution(old, pod)) this.resummarize(slot);
      return;
    }
    slot.keys.push(key);
    slot.info.pods.push(pod);
    addPodToSummary(slot.info.summary, pod);
    for (const k of podGroupKeys(pod)) this.count(k, slot.info, 1);
    this.where.set(key, target);
  }

  removePod(key: string): void {
    const prev = this.where.get(key);
    if (prev === undefined) return;
    this.detach(prev, key);
    this.where.delete(key);
  }

  /** ClusterIndex: the nodes with pods of the spreading group, and how many each. */
  groupCounts(key: string): ReadonlyMap<NodeInfo, number> | undefined {
    return this.groups.get(key);
  }

  /** The node the pod is on as far as the cache knows. */
  nodeOf(key: string): string | undefined {
    return this.where.get(key);
  }

  /**
   * One NodeInfo per known node, in the order the nodes were first given. The array is kept
   * (and returned again) until a node comes or goes; the NodeInfo objects in it are updated in
   * place, so treat it as a snapshot only until the next update.
   */
  nodeInfos(): NodeInfo[] {
    if (!this.list) this.list = this.order.map((n) => this.slots.get(n)!.info);
    return this.list;
  }

  private detach(nodeName: string, key: string): void {
    const slot = this.slots.get(nodeName);
    if (!slot) return;
    const i = slot.keys.indexOf(key);
    if (i < 0) return;
    slot.keys.splice(i, 1);
    slot.info.pods.splice(i, 1);
    this.resummarize(slot);
    if (!slot.known && slot.keys.length === 0) this.slots.delete(nodeName);
  }

  /** Builds the node's summary again from its pods, and its entries in the group table. */
  private resummarize(slot: Slot): void {
    const before = slot.info.summary.groups;
    slot.info.summary = summarizeNode(slot.info.node, slot.info.pods);
    for (const [k, n] of before) this.count(k, slot.info, -n);
    for (const [k, n] of slot.info.summary.groups) this.count(k, slot.info, n);
  }

  private count(key: string, info: NodeInfo, delta: number): void {
    let m = this.groups.get(key);
    if (!m) this.groups.set(key, (m = new Map()));
    const n = (m.get(info) ?? 0) + delta;
    if (n !== 0) m.set(info, n);
    else {
      m.delete(info);
      if (m.size === 0) this.groups.delete(key);
    }
  }
}
