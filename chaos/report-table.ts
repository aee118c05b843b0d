// The report as text for a terminal and report.txt: per fault type, totals, then the verdict.
// The verdict comes last so it is the line left on screen when the run ends.

import { replayCommand } from './replay-command.ts';
import { summarize, type Dist, type FaultTypeSummary } from './report-summary.ts';
import type { Anomaly, ChaosRun, FaultRecord } from './run-model.ts';
import { formatColumns, type Column } from './text-columns.ts';

/** Beyond these, the table points at report.json rather than flood the terminal. */
const MAX_FAULT_LINES = 100;
const MAX_ANOMALY_LINES = 50;

export function fmtMs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  if (v === 0) return '0';
  return v < 10 ? v.toFixed(1) : String(Math.round(v));
}

export function fmtSeconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(3)} s`;
}

const distCells = (d: Dist): string[] => [fmtMs(d.p50), fmtMs(d.p99), fmtMs(d.max)];

function faultTypeTable(rows: FaultTypeSummary[], total: Omit<FaultTypeSummary, 'type'>): string[] {
  const group = (name: string): Column[] =>
    ['p50', 'p99', 'max'].map((header) => ({ header, align: 'right' as const, group: name }));
  const columns: Column[] = [
    { header: 'fault type', align: 'left' },
    { header: 'n', align: 'right' },
    { header: 'not rec.', align: 'right' },
    ...group('recovery (ms)'),
    ...group('write unavail. (ms)'),
    ...group('VIP errors (ms)'),
  ];
  const cells = (name: string, s: Omit<FaultTypeSummary, 'type'>): string[] => [
    name,
    String(s.count),
    String(s.notRecovered),
    ...distCells(s.recoveryMs),
    ...distCells(s.writeUnavailableMs),
    ...distCells(s.vipErrorMs),
  ];
  return formatColumns(columns, [...rows.map((r) => cells(r.type, r)), cells('all faults', total)]);
}

function faultList(faults: FaultRecord[]): string[] {
  const ordered = [...faults].sort((a, b) => a.at - b.at);
  const shown = ordered.slice(0, MAX_FAULT_LINES);
  const columns: Column[] = [
    { header: 'at', align: 'right' },
    { header: 'healed', align: 'right' },
    { header: 'recovered', align: 'right' },
    { header: 'type', align: 'left' },
    { header: 'target', align: 'left' },
    { header: 'write unavail.', align: 'right' },
    { header: 'VIP errors', align: 'right' },
  ];
  const rows = shown.map((f) => [
    fmtSeconds(f.at),
    fmtSeconds(f.healedAt),
    f.recoveredAt === undefined ? 'NEVER' : fmtSeconds(f.recoveredAt),
    f.type,
    f.target,
    f.writeUnavailableMs === undefined ? '-' : `${fmtMs(f.writeUnavailableMs)} ms`,
    f.vipErrorMs === undefined ? '-' : `${fmtMs(f.vipErrorMs)} ms`,
  ]);
  const out = formatColumns(columns, rows);
  if (ordered.length > shown.length) out.push(`... and ${ordered.length - shown.length} more faults (see report.json)`);
  return out;
}

/** Untimed anomalies last: they are usually whole-run verdicts (a lost write found at the end). */
function byTime(a: { at?: number }, b: { at?: number }): number {
  return (a.at ?? Number.POSITIVE_INFINITY) - (b.at ?? Number.POSITIVE_INFINITY);
}

function anomalyLines(anomalies: Anomaly[]): string[] {
  const ordered = [...anomalies].sort(byTime);
  const shown = ordered.slice(0, MAX_ANOMALY_LINES);
  const rows = shown.map((a) => [
    a.at === undefined ? '?' : fmtSeconds(a.at),
    a.kind,
    a.detail.replace(/\s+/g, ' ').trim(),
  ]);
  const out = formatColumns(
    [
      { header: 'at', align: 'right' },
      { header: 'kind', align: 'left' },
      { header: 'detail', align: 'left' },
    ],
    rows,
  ).map((l) => `  ${l}`);
  if (ordered.length > shown.length) out.push(`  ... and ${ordered.length - shown.length} more (see report.json)`);
  return out;
}

export function renderTable(run: ChaosRun): string {
  const summary = summarize(run);
  const t = run.totals;
  const lines: string[] = [
    `shoal chaos run: seed ${run.seed}, ${run.masters} masters, ${run.agents} agents, ` +
      `${run.durationMs / 1000} s, started ${run.startedAt}`,
    `samples: ${run.samples.length} every ${run.sampleMs} ms; writes ${t.writesOk} ok / ${t.writesFailed} failed; ` +
      `reads ${t.readsOk} ok; watch events ${t.watchEvents}; VIP ${t.vipOk} ok / ${t.vipFailed} failed` +
      (run.replicas > 0 ? `; ${run.replicas} replicas` + (run.maxSurge === undefined ? '' : ` (maxSurge ${run.maxSurge})`) : ''),
  ];
  if (run.broken.length > 0) lines.push(`TEST MODE, broken on purpose: ${run.broken.join(', ')}`);
  if (run.unsupported.length > 0) lines.push(`not supported on this kernel: ${run.unsupported.join('; ')}`);

  lines.push('', ...faultTypeTable(summary.byType, summary.total));
  if (run.faults.length > 0) lines.push('', 'faults', ...faultList(run.faults).map((l) => `  ${l}`));

  lines.push('');
  if (summary.anomalies.count === 0) {
    lines.push('anomalies: 0');
  } else {
    const kinds = Object.entries(summary.anomalies.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    lines.push(`ANOMALIES: ${summary.anomalies.count} (${kinds})`, ...anomalyLines(run.anomalies));
  }
  const unrecovered = run.faults.filter((f) => f.recoveredAt === undefined).sort(byTime);
  if (unrecovered.length > 0) {
    lines.push(`NOT RECOVERED: ${unrecovered.length} fault${unrecovered.length === 1 ? '' : 's'}`);
    for (const f of unrecovered.slice(0, MAX_ANOMALY_LINES)) lines.push(`  ${fmtSeconds(f.at)}  ${f.type}  ${f.target}`);
  }
  if (summary.exitCode !== 0) lines.push(`seed ${run.seed}; replay with:`, `  ${replayCommand(run)}`);
  return lines.join('\n') + '\n';
}
