// Samples merged into at most MAX_BUCKETS time buckets, so the picture of a long run stays a
// few hundred shapes. A sample's `t` is taken as the END of the interval its counts cover.

import type { Sample } from './run-model.ts';

/** About 1.7 px per bar on the 1000 px plot: a 60 s run at 100 ms draws every sample. */
export const MAX_BUCKETS = 600;

export interface Bucket {
  start: number;
  end: number;
  /** Per second over the time the bucket's samples cover, so a partly sampled bucket is not low. */
  writesOkRate: number;
  writesFailedRate: number;
  vipOkRate: number;
  vipFailedRate: number;
  /**
   * Worst case within the bucket: fewest Ready and most pods, so merging never hides a dip in
   * readiness or a surge past the pod limit.
   */
  minReady: number;
  maxPods: number;
}

export function bucketSize(spanMs: number, sampleMs: number, maxBuckets = MAX_BUCKETS): number {
  const step = Math.max(1, sampleMs);
  return Math.max(step, Math.ceil(spanMs / maxBuckets / step) * step);
}

export function bucketize(samples: Sample[], sampleMs: number, spanMs: number, maxBuckets = MAX_BUCKETS): Bucket[] {
  const size = bucketSize(spanMs, sampleMs, maxBuckets);
  const acc = new Map<number, { n: number; s: Omit<Bucket, 'start' | 'end'> }>();
  for (const sample of samples) {
    const k = Math.max(0, Math.floor(Math.max(0, sample.t - sampleMs) / size));
    let a = acc.get(k);
    if (!a) {
      a = {
        n: 0,
        s: { writesOkRate: 0, writesFailedRate: 0, vipOkRate: 0, vipFailedRate: 0, minReady: Infinity, maxPods: 0 },
      };
      acc.set(k, a);
    }
    a.n++;
    a.s.writesOkRate += sample.writesOk;
    a.s.writesFailedRate += sample.writesFailed;
    a.s.vipOkRate += sample.vipOk;
    a.s.vipFailedRate += sample.vipFailed;
    a.s.minReady = Math.min(a.s.minReady, sample.replicasReady);
    a.s.maxPods = Math.max(a.s.maxPods, sample.pods);
  }
  return [...acc.entries()]
    .sort(([a], [b]) => a - b)
    .map(([k, { n, s }]) => {
      const seconds = (n * sampleMs) / 1000 || 1;
      return {
        start: k * size,
        end: (k + 1) * size,
        writesOkRate: s.writesOkRate / seconds,
        writesFailedRate: s.writesFailedRate / seconds,
        vipOkRate: s.vipOkRate / seconds,
        vipFailedRate: s.vipFailedRate / seconds,
        minReady: s.minReady,
        maxPods: s.maxPods,
      };
    });
}
