// The numbers of a chaos report, computed from a finished run's record. Pure: the table, the
// JSON and the exit code all read this, so they can never disagree.

import { percentile } from '../bench/lib/stats.ts';
import type { AnomalyKind, ChaosRun, FaultRecord, FaultType } from './run-model.ts';

/** null rather than NaN when there is nothing to measure: JSON has no NaN, and null round-trips. */
export interface Dist {
  n: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export interface FaultTypeSummary {
  type: FaultType;
  count: number;
  notRecovered: number;
  /** recoveredAt - at, over the faults that recovered. */
  recoveryMs: Dist;
  writeUnavailableMs: Dist;
  vipErrorMs: Dist;
}

export interface RunSummary {
  /** Enabled fault types first, in the order the run lists them, then any other type injected. */
  byType: FaultTypeSummary[];
  total: Omit<FaultTypeSummary, 'type'>;
  anomalies: { count: number; byKind: Partial<Record<AnomalyKind, number>> };
  /** 0 when there is no anomaly and every fault recovered. */
  exitCode: number;
}

export function dist(values: number[]): Dist {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, p50: null, p99: null, max: null };
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

function summarizeFaults(faults: FaultRecord[]): Omit<FaultTypeSummary, 'type'> {
  const defined = (xs: (number | undefined)[]): number[] => xs.filter((x): x is number => x !== undefined);
  return {
    count: faults.length,
    notRecovered: faults.filter((f) => f.recoveredAt === undefined).length,
    recoveryMs: dist(defined(faults.map((f) => (f.recoveredAt === undefined ? undefined : f.recoveredAt - f.at)))),
    writeUnavailableMs: dist(defined(faults.map((f) => f.writeUnavailableMs))),
    vipErrorMs: dist(defined(faults.map((f) => f.vipErrorMs))),
  };
}

export function summarize(run: ChaosRun): RunSummary {
  const types: FaultType[] = [...run.faultTypes];
  for (const f of run.faults) if (!types.includes(f.type)) types.push(f.type);
  const byType = types.map((type) => ({ type, ...summarizeFaults(run.faults.filter((f) => f.type === type)) }));
  const total = summarizeFaults(run.faults);

  const byKind: Partial<Record<AnomalyKind, number>> = {};
  for (const a of run.anomalies) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;

  const exitCode = run.anomalies.length > 0 || total.notRecovered > 0 ? 1 : 0;
  return { byType, total, anomalies: { count: run.anomalies.length, byKind }, exitCode };
}
