// The report of a finished chaos run: the entry point the runner and report-cli call. Each
// rendering lives in its own file; this one only gathers them and writes them out.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderJson } from './report-json.ts';
import { renderSvg } from './report-svg.ts';
import { summarize } from './report-summary.ts';
import { renderTable } from './report-table.ts';
import type { ChaosRun } from './run-model.ts';

export { parseRun, renderJson, type ChaosReport } from './report-json.ts';
export { renderSvg } from './report-svg.ts';
export { dist, summarize, type Dist, type FaultTypeSummary, type RunSummary } from './report-summary.ts';
export { renderTable } from './report-table.ts';
export { replayCommand } from './replay-command.ts';

/** Non-zero on any anomaly or any fault the system did not recover from within the run. */
export function exitCodeOf(run: ChaosRun): number {
  return summarize(run).exitCode;
}

export interface ReportPaths {
  json: string;
  svg: string;
  txt: string;
}

export async function writeReport(run: ChaosRun, dir: string): Promise<ReportPaths> {
  await mkdir(dir, { recursive: true });
  const paths = { json: join(dir, 'report.json'), svg: join(dir, 'report.svg'), txt: join(dir, 'report.txt') };
  await Promise.all([
    writeFile(paths.json, renderJson(run)),
    writeFile(paths.svg, renderSvg(run)),
    writeFile(paths.txt, renderTable(run)),
  ]);
  return paths;
}
