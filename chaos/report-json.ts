// report.json: the run and its summary, keys in a fixed order so two reports diff line by line
// whatever order the runner happened to build its objects in.

import { summarize, type RunSummary } from './report-summary.ts';
import type { ChaosRun } from './run-model.ts';

// The order of the fields as the run model declares them; keys not listed follow, sorted.
const RUN_KEYS = [
  'seed', 'masters', 'agents', 'durationMs', 'startedAt', 'faultTypes', 'broken', 'sampleMs',
  'replicas', 'maxSurge', 'unsupported', 'totals', 'faults', 'anomalies', 'samples',
];
const TOTALS_KEYS = ['writesOk', 'writesFailed', 'readsOk', 'watchEvents', 'vipOk', 'vipFailed'];
const FAULT_KEYS = ['type', 'target', 'at', 'healedAt', 'recoveredAt', 'writeUnavailableMs', 'vipErrorMs', 'note'];
const SAMPLE_KEYS = ['t', 'writesOk', 'writesFailed', 'vipOk', 'vipFailed', 'replicasReady', 'pods'];
const ANOMALY_KEYS = ['kind', 'at', 'detail'];
const SUMMARY_KEYS = ['exitCode', 'anomalies', 'total', 'byType'];
const FAULT_SUMMARY_KEYS = ['type', 'count', 'notRecovered', 'recoveryMs', 'writeUnavailableMs', 'vipErrorMs'];
const DIST_KEYS = ['n', 'p50', 'p99', 'max'];

type Obj = Record<string, unknown>;

function ordered(obj: object, keys: string[], nested: Record<string, (v: unknown) => unknown> = {}): Obj {
  const src = obj as Obj;
  const rest = Object.keys(src).filter((k) => !keys.includes(k)).sort();
  const out: Obj = {};
  for (const k of [...keys, ...rest]) {
    if (!(k in src) || src[k] === undefined) continue;
    out[k] = nested[k] ? nested[k](src[k]) : src[k];
  }
  return out;
}

const each = (keys: string[], nested?: Record<string, (v: unknown) => unknown>) => (v: unknown) =>
  (v as object[]).map((x) => ordered(x, keys, nested));

function orderRun(run: ChaosRun): Obj {
  return ordered(run, RUN_KEYS, {
    totals: (v) => ordered(v as object, TOTALS_KEYS),
    faults: each(FAULT_KEYS),
    anomalies: each(ANOMALY_KEYS),
    samples: each(SAMPLE_KEYS),
  });
}

function orderSummary(s: RunSummary): Obj {
  const dists = {
    recoveryMs: (v: unknown) => ordered(v as object, DIST_KEYS),
    writeUnavailableMs: (v: unknown) => ordered(v as object, DIST_KEYS),
    vipErrorMs: (v: unknown) => ordered(v as object, DIST_KEYS),
  };
  return ordered(s, SUMMARY_KEYS, {
    anomalies: (v) => ordered(v as object, ['count', 'byKind'], { byKind: (b) => ordered(b as object, []) }),
    total: (v) => ordered(v as object, FAULT_SUMMARY_KEYS, dists),
    byType: each(FAULT_SUMMARY_KEYS, dists),
  });
}

export interface ChaosReport {
  summary: RunSummary;
  run: ChaosRun;
}

// A 10-minute run at 100 ms holds 6000 samples: one line each rather than nine keeps the file
// readable and its diffs small.
const SAMPLES_PLACEHOLDER = '\u0000samples\u0000';

export function renderJson(run: ChaosRun): string {
  const orderedRun = orderRun(run);
  const samples = orderedRun.samples as Obj[];
  delete orderedRun.samples; // re-added below as the last key, even after keys the model lacks
  orderedRun.samples = SAMPLES_PLACEHOLDER;
  const text = JSON.stringify({ summary: orderSummary(summarize(run)), run: orderedRun }, null, 2);
  const indent = '    ';
  const lines = samples.map((s) => indent + JSON.stringify(s)).join(',\n');
  const body = samples.length === 0 ? '[]' : `[\n${lines}\n  ]`;
  // samples is the run's last key and the run the report's last: its placeholder is the last one
  const marker = JSON.stringify(SAMPLES_PLACEHOLDER);
  const at = text.lastIndexOf(marker);
  return text.slice(0, at) + body + text.slice(at + marker.length) + '\n';
}

/**
 * A saved run: either a report.json (the run under "run") or the bare run record. Checks the
 * fields every renderer reads, so a wrong file fails here with its name, not deep in a renderer.
 */
export function parseRun(text: string, source = 'input'): ChaosRun {
  const data = JSON.parse(text) as Obj;
  const run = (data && typeof data.run === 'object' ? data.run : data) as Obj;
  const missing = ['seed', 'masters', 'agents', 'durationMs', 'sampleMs', 'faultTypes', 'faults', 'samples', 'anomalies', 'totals']
    .filter((k) => run?.[k] === undefined);
  if (missing.length > 0) throw new Error(`${source}: not a chaos run (missing ${missing.join(', ')})`);
  for (const k of ['broken', 'unsupported'] as const) if (run[k] === undefined) run[k] = [];
  if (run.replicas === undefined) run.replicas = 0;
  if (run.startedAt === undefined) run.startedAt = '';
  return run as unknown as ChaosRun;
}
