// Kubernetes' DefaultNormalizeScore: raw scores scaled so that the highest becomes 100
// (integer arithmetic); `reverse` turns it around so that the lowest raw score gets 100. With
// every raw score 0, all get 0 (or 100 when reversed).

import { MAX_NODE_SCORE, type NodeInfo } from '../framework.ts';

export function normalize<K>(raw: Map<K, number>, reverse: boolean): Map<K, number> {
  let max = 0;
  for (const v of raw.values()) if (v > max) max = v;
  const out = new Map<K, number>();
  for (const [k, v] of raw) {
    if (max === 0) out.set(k, reverse ? MAX_NODE_SCORE : v);
    else {
      const s = Math.floor((MAX_NODE_SCORE * v) / max);
      out.set(k, reverse ? MAX_NODE_SCORE - s : s);
    }
  }
  return out;
}

/** normalize over scores in an array (in place: returns the same array). */
export function normalizeInPlace(raw: number[], reverse: boolean): number[] {
  let max = 0;
  for (const v of raw) if (v > max) max = v;
  for (let j = 0; j < raw.length; j++) {
    if (max === 0) raw[j] = reverse ? MAX_NODE_SCORE : raw[j];
    else {
      const s = Math.floor((MAX_NODE_SCORE * raw[j]) / max);
      raw[j] = reverse ? MAX_NODE_SCORE - s : s;
    }
  }
  return raw;
}

/** Scores in the order of `all` as a map by NodeInfo (for score(), one node at a time). */
export function byNode(all: NodeInfo[], scores: ArrayLike<number>): Map<NodeInfo, number> {
  const m = new Map<NodeInfo, number>();
  for (let j = 0; j < all.length; j++) m.set(all[j], scores[j]);
  return m;
}
