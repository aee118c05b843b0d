// Kubernetes' DefaultNormalizeScore: raw scores scaled so that the highest becomes 100
// (integer arithmetic); `reverse` turns it around so that the lowest raw score gets 100. With
// every raw score 0, all get 0 (or 100 when reversed).

import { MAX_NODE_SCORE } from '../framework.ts';

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
